// `node bench/guests.mjs`: phase times of the full Ganeti run on booted guests (terraform apply, first
// SSH answer, each playbook, stop, start, destroy) and the converged setup.yml with and without
// pipelining/ControlPersist, printed side by side from one run of tests/integration/guests/ganeti-full.
// Never a test: the suite asserts behaviour, this only reads the times it records. Needs what the
// suite needs (EXASOL_TEST_GUESTS=1, EXASOL_TEST_GANETI=1 and the GANETI_* values after
// `tests/ganeti-cluster.sh guests`); run it under the lock: flock /tmp/exasol-ganeti.lock node bench/guests.mjs
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(mkdtempSync(join(tmpdir(), 'exasol-bench-guests-')), 'timings.json');
const run = spawnSync('npx', ['vitest', 'run', 'tests/integration/guests/ganeti-full.test.ts'], {
  cwd: root,
  stdio: ['ignore', 'inherit', 'inherit'],
  env: { ...process.env, EXASOL_GUESTS_TIMINGS: out, EXASOL_GUESTS_ANSIBLE_COMPARE: '1' },
});
let timings;
try {
  timings = JSON.parse(readFileSync(out, 'utf8'));
} catch {
  console.error(`no timings recorded (suite exit ${run.status}); was the suite skipped?`);
  process.exit(1);
}
process.stdout.write('\nfull Ganeti run on 2 booted guests (kvm under TCG, 1 vCPU, 1 GiB each), one run:\n');
for (const [phase, s] of Object.entries(timings))
  process.stdout.write(`  ${phase.padEnd(52)} ${String(s).padStart(7)} s\n`);
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
writeFileSync(
  join(root, 'bench', 'results', `guests-${stamp}.json`),
  JSON.stringify({ suiteExit: run.status, timings }, null, 2),
);
process.exit(run.status ?? 1);

// `npm run bench`: start-up and command costs of the built CLI, each measured side by side with
// `node -e 0` in one run (median of BENCH_RUNS, default 15) and printed with the ratio. Never a test.
// Needs `npm run build` first. Results also go to bench/results/<timestamp>.json (gitignored).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatRow, sideBySide, timeProcess } from './lib.mjs';
import { fakeCloudHome, initArgs } from './providers.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'bin', 'exasol.js');
const runs = Number(process.env.BENCH_RUNS ?? 15);
const work = mkdtempSync(join(tmpdir(), 'exasol-bench-'));
const env = { ...process.env, CI: 'true', NO_COLOR: '1', ...fakeCloudHome(join(work, 'home')) };
const baseline = () => timeProcess(['-e', '0']).ms;
const results = {};

function bench(name, fn) {
  try {
    results[name] = fn();
  } catch (err) {
    results[name] = { na: err instanceof Error ? err.message : String(err) };
  }
  process.stdout.write(`${formatRow(name, results[name])}\n`);
}

process.stdout.write(
  `exasol benchmarks: median of ${runs} runs each, interleaved with node -e 0 (${process.version})\n`,
);
bench('exasol --help', () => sideBySide(() => timeProcess([cli, '--help'], { env }).ms, baseline, runs));

let n = 0;
for (const [provider, args] of Object.entries(initArgs(join(work, 'home'), env))) {
  bench(`exasol init (${provider})`, () =>
    sideBySide(
      () =>
        timeProcess(
          [cli, 'init', '--cloud-provider', provider, ...args, '--deployment-dir', join(work, `d${n++}`)],
          { env },
        ).ms,
      baseline,
      runs,
    ),
  );
}

const initialised = join(work, 'status-dir');
timeProcess(
  [
    cli,
    'init',
    '--cloud-provider',
    'libvirt',
    ...initArgs(work, env).libvirt,
    '--deployment-dir',
    initialised,
  ],
  { env },
);
bench('exasol status --json', () => {
  const probe = timeProcess([cli, 'status', '--json', '--deployment-dir', initialised], {
    env,
    allowFail: true,
  });
  if (probe.status !== 0) throw new Error(probe.stderr.trim().split('\n').pop() ?? `exit ${probe.status}`);
  return sideBySide(
    () => timeProcess([cli, 'status', '--json', '--deployment-dir', initialised], { env }).ms,
    baseline,
    runs,
  );
});

rmSync(work, { recursive: true, force: true });
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
const file = join(root, 'bench', 'results', `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(file, `${JSON.stringify({ node: process.version, runs, results }, null, 2)}\n`);
process.stdout.write(`results: ${file}\n`);

// The provider benchmark (12 instances through terraform apply/destroy vs the raw RAPI floor, launch → handshake)
// needs the Ganeti test cluster; without it, say why in one line.
if (process.env.GANETI_ENDPOINT && process.env.GANETI_PASSWORD) {
  const r = spawnSync(process.execPath, [join(root, 'bench', 'provider.mjs')], { stdio: 'inherit' });
  process.exitCode = r.status ?? 1;
} else {
  process.stdout.write(
    'provider bench skipped: GANETI_ENDPOINT/GANETI_PASSWORD unset (eval "$(bash tests/ganeti-cluster.sh env)")\n',
  );
}

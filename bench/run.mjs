// `npm run bench`: start-up and command costs of the built CLI, each measured side by side with its
// baseline in one run (median of BENCH_RUNS, default 15) and printed with the ratio. Never a test.
// The goals (issue 19): --help <= 1.5x `node -e 0`; init (libvirt test driver) and status --json
// <= 1.0x the bash tool's (EXASOL_BASH_TOOL_DIR). Checked with this Node and each of
// EXASOL_BENCH_NODES (colon-separated node binaries, e.g. a Node 24 from `npm install node@24`).
// Needs `npm run build` first. Results also go to bench/results/<timestamp>.json (gitignored).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findBashTool, standInPath } from './bash-tool.mjs';
import { formatRow, sideBySide, timeCommand, timeProcess } from './lib.mjs';
import { fakeCloudHome, initArgs } from './providers.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'bin', 'exasol.js');
const runs = Number(process.env.BENCH_RUNS ?? 15);
const work = mkdtempSync(join(tmpdir(), 'exasol-bench-'));
const PATH = standInPath(join(work, 'stand-ins'));
const env = { ...process.env, PATH, CI: 'true', NO_COLOR: '1', ...fakeCloudHome(join(work, 'home')) };
const bashTool = findBashTool();
const nodes = [process.execPath, ...(process.env.EXASOL_BENCH_NODES ?? '').split(delimiter).filter(Boolean)];
const results = {};
let n = 0;
const freshDir = () => join(work, `d${n++}`);
const libvirtInit = ['--libvirt-uri', 'test:///default'];

function bench(name, fn, opts) {
  try {
    results[name] = fn();
  } catch (err) {
    results[name] = { na: err instanceof Error ? err.message : String(err) };
  }
  process.stdout.write(`${formatRow(name, results[name], opts)}\n`);
}

/** The three goals with the node binary `node`. */
function goals(node, label, statusDirs) {
  const exasol = (args) => timeProcess([cli, ...args], { node, env });
  const bash = (args) => timeCommand(bashTool.script, args, { env });
  const nodeZero = () => timeProcess(['-e', '0'], { node, env });
  bench(`[${label}] exasol --help`, () => sideBySide(() => exasol(['--help']), nodeZero, runs), {
    goal: 1.5,
  });
  const vsBash = (name, subject, baseline) =>
    bench(
      `[${label}] ${name}`,
      () => {
        if (bashTool.absent) throw new Error('bash tool absent, see above');
        return sideBySide(subject, baseline, runs);
      },
      { against: 'bash', goal: 1.0 },
    );
  vsBash(
    'exasol init (libvirt)',
    () =>
      exasol([
        'init',
        '--cloud-provider',
        'libvirt',
        ...initArgs(work, env).libvirt,
        '--deployment-dir',
        freshDir(),
      ]),
    () => bash(['init', '--cloud-provider', 'libvirt', ...libvirtInit, '--deployment-dir', freshDir()]),
  );
  vsBash(
    'exasol status --json',
    () => exasol(['status', '--json', '--deployment-dir', statusDirs.ours]),
    () => bash(['status', '--deployment-dir', statusDirs.theirs]),
  );
}

process.stdout.write(`exasol benchmarks: median of ${runs} runs each, interleaved with the baseline\n`);
process.stdout.write(`PATH of both tools: ${PATH}\n`);
process.stdout.write(
  bashTool.absent ? `bash tool: absent (${bashTool.absent})\n` : `bash tool: ${bashTool.script}\n`,
);

// The status rows need initialised directories: made once, before any status is timed.
const statusDirs = { ours: join(work, 'status-ours'), theirs: join(work, 'status-theirs') };
timeProcess(
  [
    cli,
    'init',
    '--cloud-provider',
    'libvirt',
    ...initArgs(work, env).libvirt,
    '--deployment-dir',
    statusDirs.ours,
  ],
  { env },
);
if (!bashTool.absent)
  timeCommand(
    bashTool.script,
    ['init', '--cloud-provider', 'libvirt', ...libvirtInit, '--deployment-dir', statusDirs.theirs],
    { env },
  );

for (const node of nodes) {
  const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout?.trim() || 'unknown';
  process.stdout.write(`\nnode ${version} (${node})\n`);
  goals(node, version, statusDirs);
}

// Every provider's init against node -e 0 (this Node): libvirt's test driver, the Ganeti sandbox when
// configured, the clouds with fake credentials (pre-flight reads them, nothing is contacted).
process.stdout.write(`\nper provider (${process.version}, against node -e 0)\n`);
const baseline = () => timeProcess(['-e', '0'], { env });
for (const [provider, args] of Object.entries(initArgs(join(work, 'home'), env))) {
  bench(`exasol init (${provider})`, () =>
    sideBySide(
      () =>
        timeProcess([cli, 'init', '--cloud-provider', provider, ...args, '--deployment-dir', freshDir()], {
          env,
        }),
      baseline,
      runs,
    ),
  );
}

rmSync(work, { recursive: true, force: true });
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
const file = join(root, 'bench', 'results', `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(file, `${JSON.stringify({ nodes, path: PATH, bashTool, runs, results }, null, 2)}\n`);
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

// Runs the README's runnable blocks as a newcomer would: in a clean clone of this repository's HEAD,
// one after the other (they are consecutive set-up steps), each through `sh -c` with CI=true.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/build-tmp.ts';
import { type RunnableBlock, runnableBlocks } from '../../helpers/readme.ts';
import { missingEnv, skipUnlessService } from '../../helpers/service-gate.ts';

const has = (cmd: string): boolean => spawnSync(cmd, ['--version'], { stdio: 'ignore' }).status === 0;
// It clones and runs `npm install` (the npm registry is its service): only with EXASOL_TEST_README=1.
const skip = skipUnlessService(
  'readme',
  missingEnv('EXASOL_TEST_README') ?? (has('git') && has('npm') ? null : 'git or npm not on PATH'),
);

let work: string;
let checkout: string;
let blocks: RunnableBlock[] = [];

/**
 * The environment of a fresh shell: no npm_* variables inherited from the `npm test` running us, and
 * npm's global prefix in the work folder, so the README's `npm link` puts `exasol` on this shell's
 * PATH without touching the machine's global packages.
 */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  const prefix = join(work, 'npm-global');
  return {
    ...env,
    PATH: `${join(prefix, 'bin')}:${env.PATH ?? ''}`,
    npm_config_prefix: prefix,
    CI: 'true',
    NO_COLOR: '1',
    npm_config_prefer_offline: 'true',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
  };
}

function sh(script: string): { status: number | null; output: string } {
  const r = spawnSync('sh', ['-c', script], {
    cwd: checkout,
    env: cleanEnv(),
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}
const block = (name: string): RunnableBlock => {
  const b = blocks.find((x) => x.name === name);
  if (!b) throw new Error(`README.md has no <!-- runnable: ${name} --> block`);
  return b;
};

describe.skipIf(skip)('README runnable blocks in a clean clone', () => {
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'readme-runnable-'));
    checkout = join(work, 'exasol-deployer');
    execFileSync('git', ['clone', '--quiet', '--no-hardlinks', repoRoot, checkout], { stdio: 'pipe' });
    blocks = runnableBlocks(readFileSync(join(checkout, 'README.md'), 'utf8'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('main-job: installs, builds and initialises demo/ (status initialized, 0700)', () => {
    const r = sh(block('main-job').script);
    expect(r.status, r.output.slice(-3000)).toBe(0);
    const state = JSON.parse(readFileSync(join(checkout, 'demo', '.exasol.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(state).toMatchObject({ status: 'initialized', provider: 'libvirt', clusterSize: 1 });
    expect(statSync(join(checkout, 'demo')).mode & 0o777).toBe(0o700);
    expect(r.output).toMatch(/initialised in .*demo/);
    // `npm link` put the checkout's CLI on PATH: the printed hint is a command the user can type.
    expect(r.output).toMatch(/next: exasol deploy --deployment-dir \S*demo/);
    const which = sh('command -v exasol && exasol --version');
    expect(which.status, which.output).toBe(0);
    expect(which.output).toContain(join(work, 'npm-global', 'bin', 'exasol'));
  }, 600_000);

  it('tests: `npm test` works in the fresh checkout (a sanity subset, not the whole suite)', () => {
    // The block is `npm test`, i.e. this very suite: running it whole would recurse into this test
    // (and double CI's time). We run the same command on the unit tests of src/options, which proves
    // that the checkout's test runner, TypeScript transform and dependencies work.
    expect(block('tests').script).toBe('npm test');
    const r = sh('npm test -- --project unit tests/unit/options');
    expect(r.status, r.output.slice(-3000)).toBe(0);
    expect(r.output).toMatch(/Tests\s+\d+ passed/);
  }, 300_000);
});

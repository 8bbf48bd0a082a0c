// The bundled runner as a user runs it: exit codes, the step table, the result file, config errors.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildToTemp } from '../../helpers/build-tmp.ts';

const fake = join(import.meta.dirname, '..', '..', 'fixtures', 'fake-exasol.mjs');
let build: string;
let work: string;

beforeAll(() => {
  build = buildToTemp();
  work = mkdtempSync(join(tmpdir(), 'e2e-run-'));
}, 60_000);
afterAll(() => {
  rmSync(build, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

/** Writes a libvirt config and a fake `virsh` that lists `domains`; runs dist e2e.js on it. */
function runE2e(steps: unknown[], domains: string[], extraEnv: Record<string, string> = {}) {
  const bin = mkdtempSync(join(work, 'bin-'));
  writeFileSync(join(bin, 'virsh'), `#!/bin/sh\nprintf '%s\\n' ${domains.map((d) => `'${d}'`).join(' ')}\n`);
  chmodSync(join(bin, 'virsh'), 0o755);
  const file = join(bin, 'fake-libvirt.json');
  const config = {
    name: 'fake-libvirt',
    description: 'fake',
    provider: 'libvirt',
    nodeBudget: 1,
    init: { 'libvirt-uri': 'test:///default' },
    steps,
  };
  writeFileSync(file, JSON.stringify(config));
  const results = join(bin, 'results');
  const env = {
    ...process.env,
    PATH: `${bin}:${process.env.PATH}`,
    EXASOL_E2E_CLI: fake,
    // failed runs keep their deployment directory: keep it inside this test's folder
    TMPDIR: bin,
    EXASOL_E2E_RESULTS: results,
    ...extraEnv,
  };
  const r = spawnSync(process.execPath, [join(build, 'e2e.js'), file], { env, encoding: 'utf8' });
  const files = (() => {
    try {
      return readdirSync(results).map((f) => join(results, f));
    } catch {
      return [];
    }
  })();
  return { ...r, files };
}

const full = [
  { step: 'init' },
  { step: 'deploy', infraOnly: true },
  { step: 'status', expect: { status: 'infrastructure_ready', nodes: 1 } },
  { step: 'destroy' },
];

describe('npm run e2e (dist/e2e.js)', () => {
  it('passes a clean run: exit 0, the step table, a result file', () => {
    const r = runE2e(full, ['test']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^ # {2}step\s+result\s+time$/m);
    expect(r.stdout).toMatch(/^ 2 {2}deploy --infra-only\s+passed\s+\d+\.\ds$/m);
    expect(r.stdout).toContain('leftovers: nothing left');
    expect(r.stdout).toMatch(/^PASSED in \d+\.\ds \(deployment exa-fake01\)$/m);
    expect(r.files).toHaveLength(1);
    const doc = JSON.parse(readFileSync(r.files[0] ?? '', 'utf8')) as Record<string, unknown>;
    expect(doc).toMatchObject({
      schemaVersion: 1,
      name: 'fake-libvirt',
      provider: 'libvirt',
      outcome: 'passed',
      deploymentId: 'exa-fake01',
    });
    expect((doc.steps as unknown[]).length).toBe(4);
  });

  it('fails (exit 1) and names the domain libvirt still has after destroy', () => {
    const r = runE2e(full, ['test', 'exa-fake01-n11']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('leftovers: 1 resource(s) left: domain exa-fake01-n11');
    expect(r.stdout).toMatch(/^FAILED in/m);
    expect(r.stdout).toContain('deployment directory kept: ');
  });

  it('destroys after a failed deploy and says so in the table', () => {
    const r = runE2e(full, [], { FAKE_EXASOL_FAIL: 'deploy' });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^ 3 {2}status → infrastructure_ready\s+skipped\s+-$/m);
    expect(r.stdout).toMatch(/^ 5 {2}destroy \(cleanup\)\s+passed/m);
  });

  it('rejects a bad config with exit 2 and the path of the problem, running nothing', () => {
    const r = runE2e([{ step: 'init' }, { step: 'status', expect: { status: 'redy' } }], []);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("steps[1].expect.status: unknown status 'redy' (accepted: initialized,");
    expect(r.files).toEqual([]);
  });

  it('stops with exit 2 when a required environment variable is missing', () => {
    const cfg = join(import.meta.dirname, '..', '..', 'e2e', 'configs', 'ganeti-basic.json');
    const env = { ...process.env, GANETI_ENDPOINT: '' };
    const r = spawnSync(process.execPath, [join(build, 'e2e.js'), cfg], { env, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/ganeti-basic\.json: needs GANETI_ENDPOINT/);
  });

  it('on SIGTERM (e.g. a CI timeout) stops the running step, skips the rest and still destroys', async () => {
    const bin = mkdtempSync(join(work, 'sig-'));
    writeFileSync(join(bin, 'virsh'), '#!/bin/sh\nexit 0\n');
    chmodSync(join(bin, 'virsh'), 0o755);
    const file = join(bin, 'fake-libvirt.json');
    const config = {
      name: 'fake-sig',
      description: 'fake',
      provider: 'libvirt',
      nodeBudget: 1,
      init: {},
      steps: full,
    };
    writeFileSync(file, JSON.stringify(config));
    const env = {
      ...process.env,
      PATH: `${bin}:${process.env.PATH}`,
      EXASOL_E2E_CLI: fake,
      // failed runs keep their deployment directory: keep it inside this test's folder
      TMPDIR: bin,
      EXASOL_E2E_RESULTS: join(bin, 'results'),
      FAKE_EXASOL_HANG: 'deploy',
    };
    const child = spawn(process.execPath, [join(build, 'e2e.js'), file], {
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => {
      stderr += c;
      if (!sent && stderr.includes('[2] deploy --infra-only …')) sent = child.kill('SIGTERM');
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('e2e: SIGTERM: skipping the remaining steps, destroying');
    expect(stdout).toMatch(/^ 2 {2}deploy --infra-only\s+failed\s+\d+\.\ds\n\s+interrupted\n/m);
    expect(stdout).toMatch(/^ 3 {2}status → infrastructure_ready\s+skipped\s+-\n\s+interrupted$/m);
    expect(stdout).toMatch(/^ 5 {2}destroy \(cleanup\)\s+passed/m);
  });
});

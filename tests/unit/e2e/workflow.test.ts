import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { E2eConfig } from '../../e2e/config-types.ts';
import { processExec } from '../../e2e/exec.ts';
import { type LeftoverCheck, runWorkflow } from '../../e2e/workflow.ts';

const fake = join(import.meta.dirname, '..', '..', 'fixtures', 'fake-exasol.mjs');
let work: string;
let log: string;

const config = (over: Partial<E2eConfig> = {}): E2eConfig => ({
  name: 'fake',
  description: 'fake CLI',
  provider: 'ganeti',
  requiresEnv: [],
  nodeBudget: 2,
  init: { 'cluster-size': 2 },
  steps: [
    { step: 'init' },
    { step: 'deploy', infraOnly: true },
    { step: 'status', expect: { status: 'infrastructure_ready', nodes: 2, nodeState: 'running' } },
    { step: 'stop' },
    { step: 'status', expect: { status: 'stopped', nodeState: 'stopped' } },
    { step: 'start' },
    { step: 'status', expect: { status: 'infrastructure_ready', nodeState: 'running' } },
    { step: 'destroy' },
    { step: 'status', expect: { status: 'destroyed', nodes: 0 } },
  ],
  ...over,
});

// The fake CLI keeps its "target" in fake-target.json next to the deployment directory.
const leftovers: LeftoverCheck = async () =>
  (JSON.parse(readFileSync(join(work, 'fake-target.json'), 'utf8')) as string[]).map((n) => `instance ${n}`);

function run(c: E2eConfig, env: Record<string, string> = {}) {
  const exec = processExec(process.execPath, [fake], { ...process.env, FAKE_EXASOL_LOG: log, ...env }, false);
  return runWorkflow(c, {
    exec,
    dir: join(work, 'deployment'),
    init: c.init,
    leftoverCheck: leftovers,
  });
}
const commands = () => readFileSync(log, 'utf8').trim().split('\n');

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'e2e-workflow-'));
  log = join(work, 'calls.log');
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('e2e workflow against a fake CLI', () => {
  it('passes a full run, runs each command once with the right flags and needs no cleanup destroy', async () => {
    const r = await run(config());
    expect(r.outcome).toBe('passed');
    expect(r.deploymentId).toBe('exa-fake01');
    expect(r.steps.map((s) => s.outcome)).toEqual(Array(9).fill('passed'));
    expect(r.cleanup).toBeNull();
    expect(r.leftovers).toMatchObject({ checked: true, resources: [], note: 'nothing left' });
    expect(commands()).toEqual([
      'init --deployment-dir --cloud-provider --cluster-size',
      'deploy --deployment-dir --infra-only',
      'status --deployment-dir --json',
      'stop --deployment-dir',
      'status --deployment-dir --json',
      'start --deployment-dir',
      'status --deployment-dir --json',
      'destroy --deployment-dir --yes',
      'status --deployment-dir --json',
    ]);
  });

  it('after a failing deploy skips the rest, still destroys, and reports the error line', async () => {
    const r = await run(config(), { FAKE_EXASOL_FAIL: 'deploy' });
    expect(r.outcome).toBe('failed');
    expect(r.steps[1]).toMatchObject({
      outcome: 'failed',
      exitCode: 1,
      problems: ['exit code 1, expected 0: error: simulated failure of deploy'],
    });
    expect(r.steps.slice(2).every((s) => s.outcome === 'skipped')).toBe(true);
    expect(r.cleanup).toMatchObject({ label: 'destroy (cleanup)', outcome: 'passed' });
    expect(commands().at(-1)).toBe('destroy --deployment-dir --yes');
  });

  it('fails a status check on wrong node count, states and the node budget', async () => {
    const r = await run(config(), { FAKE_EXASOL_NODES: '3' });
    expect(r.steps[2]?.problems).toEqual(['3 node(s), expected 2', '3 node(s) exceed the node budget 2']);
    expect(r.cleanup?.outcome).toBe('passed');
  });

  it('fails the run when the target still holds resources after destroy', async () => {
    const r = await run(config(), { FAKE_EXASOL_LEAK: '1' });
    expect(r.steps.every((s) => s.outcome === 'passed')).toBe(true);
    expect(r.outcome).toBe('failed');
    expect(r.leftovers).toMatchObject({
      failed: true,
      resources: ['instance exa-fake01-n11'],
      note: '1 resource(s) left',
    });
  });

  it('fails the run when the leftover check cannot ask the target', async () => {
    const exec = processExec(process.execPath, [fake], process.env, false);
    const broken: LeftoverCheck = async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:5080');
    };
    const c = config();
    const r = await runWorkflow(c, {
      exec,
      dir: join(work, 'deployment'),
      init: c.init,
      leftoverCheck: broken,
    });
    expect(r.outcome).toBe('failed');
    expect(r.leftovers.note).toBe('leftover check failed: connect ECONNREFUSED 127.0.0.1:5080');
  });

  it('kills a step past its timeout and destroys afterwards', async () => {
    const c = config();
    c.steps[1] = { step: 'deploy', timeoutSeconds: 1 };
    const r = await run(c, { FAKE_EXASOL_HANG: 'deploy' });
    expect(r.steps[1]?.problems[0]).toMatch(/^timed out after 1s$/);
    expect(r.cleanup?.outcome).toBe('passed');
  });

  it('on interrupt after deploy skips the remaining steps but still destroys', async () => {
    const ac = new AbortController();
    const c = config();
    const exec = processExec(process.execPath, [fake], { ...process.env, FAKE_EXASOL_LOG: log }, false);
    const r = await runWorkflow(c, {
      exec,
      dir: join(work, 'deployment'),
      init: c.init,
      leftoverCheck: leftovers,
      signal: ac.signal,
      onStep: (s, phase) => phase === 'end' && s.label.startsWith('deploy') && ac.abort(),
    });
    expect(r.steps.map((s) => s.outcome)).toEqual(['passed', 'passed', ...Array(7).fill('skipped')]);
    expect(r.steps[2]?.problems).toEqual(['interrupted']);
    expect(r.outcome).toBe('failed');
    expect(r.cleanup?.outcome).toBe('passed');
    expect(r.leftovers.resources).toEqual([]);
    expect(commands().at(-1)).toBe('destroy --deployment-dir --yes');
  });

  it('runs no cleanup when init itself failed (nothing was created)', async () => {
    const r = await run(config(), { FAKE_EXASOL_FAIL: 'init' });
    expect(r).toMatchObject({ outcome: 'failed', deploymentId: null, cleanup: null });
    expect(r.leftovers.note).toBe('no deployment was created');
  });
});

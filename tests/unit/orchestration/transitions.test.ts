// Every operation from every status (src/deployment/status.ts): allowed ones run to their end status,
// refused ones fail with exit code 2 naming the current and the allowed statuses and change nothing.
// Also destroy's verification against the target (a test provider reading the stand-in's target file).
import { cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { deploy } from '../../../src/actions/deploy.ts';
import { destroy } from '../../../src/actions/destroy.ts';
import { start, stop } from '../../../src/actions/power.ts';
import {
  allowedFrom,
  canStart,
  type DeploymentStatus,
  type Operation,
  STATUSES,
} from '../../../src/deployment/status.ts';
import { aws } from '../../../src/providers/aws/index.ts';
import type { ProviderModule } from '../../../src/providers/types.ts';
import {
  cli,
  cliEnv,
  ensureBuilt,
  initDeployment,
  patchState,
  readState,
  recordingIo,
  tempDir,
} from '../../helpers/orchestration.ts';

let work: string;
let template: string;

beforeAll(async () => {
  ensureBuilt();
  work = await tempDir();
  const env = cliEnv(work);
  Object.assign(process.env, env);
  template = await initDeployment(work, env, 2);
  const r = await cli(['deploy', '--deployment-dir', template], env);
  if (r.code !== 0) throw new Error(r.stderr);
});

const DIED: Partial<Record<DeploymentStatus, DeploymentStatus>> = {
  deploy_in_progress: 'deployment_interrupted',
  stop_in_progress: 'stop_failed',
  start_in_progress: 'start_failed',
  destroy_in_progress: 'destroy_failed',
};
const END: Record<Operation, DeploymentStatus> = {
  deploy: 'database_ready',
  stop: 'stopped',
  start: 'database_ready',
  destroy: 'destroyed',
};
const RUN: Record<Operation, (dir: string) => Promise<unknown>> = {
  deploy: (dir) => deploy({ deploymentDir: dir, infraOnly: false, planOnly: false }, recordingIo()),
  stop: (dir) => stop({ deploymentDir: dir }, recordingIo()),
  start: (dir) => start({ deploymentDir: dir }, recordingIo()),
  destroy: (dir) => destroy({ deploymentDir: dir }, recordingIo()),
};

let n = 0;
async function caseDir(status: DeploymentStatus): Promise<string> {
  const dir = join(work, `case-${n++}`);
  await cp(template, dir, { recursive: true });
  await patchState(dir, { status, poweredOffFrom: 'database_ready' });
  return dir;
}

const cases = (['deploy', 'stop', 'start', 'destroy'] as const).flatMap((op) =>
  STATUSES.map((s) => [op, s] as const),
);

describe('transition table', () => {
  it.each(cases)('%s from %s', async (op, status) => {
    const dir = await caseDir(status);
    const effective = DIED[status] ?? status;
    if (canStart(op, effective, false)) {
      await RUN[op](dir);
      expect(readState(dir).status).toBe(END[op]);
      return;
    }
    const before = await readFile(join(dir, '.exasol.json'), 'utf8');
    const err = await RUN[op](dir).then(
      () => null,
      (e: unknown) => e as { code: string; exitCode: number; message: string },
    );
    expect(err).toMatchObject({ code: 'E_TRANSITION', exitCode: 2 });
    expect(err?.message).toContain(`its status is ${effective}; ${op} runs from: ${allowedFrom(op)}`);
    if (effective === status) expect(await readFile(join(dir, '.exasol.json'), 'utf8')).toBe(before);
  });
});

describe('destroy verification against the target', () => {
  function targetProvider(dir: string): ProviderModule {
    return {
      ...aws,
      findLeftovers: async () => {
        const left = JSON.parse(await readFile(join(dir, 'fake-target.json'), 'utf8')) as { id: string }[];
        return { checked: true, method: 'fake-target.json', leftovers: left.map((x) => x.id) };
      },
    };
  }

  it('leftovers on the target → destroy_failed listing them', async () => {
    const dir = await caseDir('database_ready');
    process.env.FAKE_TF_LEAK = '1';
    try {
      const err = await destroy({ deploymentDir: dir, provider: targetProvider(dir) }, recordingIo()).catch(
        (e: Error) => e,
      );
      const id = readState(dir).deploymentId;
      expect(err).toMatchObject({ code: 'E_LEFTOVERS', exitCode: 1 });
      expect((err as Error).message).toContain(`the target still has 1 resource(s) of ${id}: ${id}-n12`);
      expect(readState(dir)).toMatchObject({ status: 'destroy_failed' });
      expect(String(readState(dir).lastError)).toContain(`${id}-n12`);
    } finally {
      delete process.env.FAKE_TF_LEAK;
    }
  });

  it('nothing left → destroyed with checked: true', async () => {
    const dir = await caseDir('database_ready');
    const r = await destroy({ deploymentDir: dir, provider: targetProvider(dir) }, recordingIo());
    expect(r.verification).toEqual({ checked: true, method: 'fake-target.json', leftovers: [] });
    expect(readState(dir).status).toBe('destroyed');
  });

  it('without a terminal and without --yes, destroy refuses with exit 2 and changes nothing', async () => {
    const dir = await caseDir('database_ready');
    const before = await readFile(join(dir, '.exasol.json'), 'utf8');
    const r = await cli(['destroy', '--deployment-dir', dir], cliEnv(work));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error: --yes: destroy deletes every resource of the deployment; pass --yes');
    expect(await readFile(join(dir, '.exasol.json'), 'utf8')).toBe(before);
  });
});

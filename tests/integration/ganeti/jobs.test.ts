// Job outcomes on the real cluster: failures a user must understand, and a deterministic cancel.
import { afterAll, describe, expect, it } from 'vitest';
import { GanetiJobError } from '../../../src/ganeti/errors.ts';
import { waitForJob } from '../../../src/ganeti/jobs.ts';
import type { InstanceCreateRequest, JobStatus } from '../../../src/ganeti/types.ts';
import { removeInstancesWithPrefix } from '../../helpers/ganeti-cleanup.ts';
import { lazyRapiClient, runPrefix, sandbox, skipGaneti } from '../../helpers/ganeti-env.ts';

describe.skipIf(skipGaneti)('Ganeti jobs on a real cluster', () => {
  const client = lazyRapiClient();
  const prefix = runPrefix();
  const create = (name: string, extra: Partial<InstanceCreateRequest> = {}): InstanceCreateRequest => ({
    instance_name: `${prefix}-${name}`,
    os_type: sandbox.os,
    disk_template: 'diskless',
    disks: [],
    nics: [{ link: sandbox.link }],
    start: false,
    ...extra,
  });

  afterAll(() => removeInstancesWithPrefix(client, prefix));

  async function failure(jobId: number): Promise<GanetiJobError> {
    const err = await waitForJob(client, jobId, { timeoutMs: 120_000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GanetiJobError);
    return err as GanetiJobError;
  }

  it('reports an unknown OS with the job id, endpoint, Ganeti message and class', async () => {
    const id = await client.createInstance(create('badsos', { os_type: 'no-such-os' }));
    const err = await failure(id);
    expect(err.message).toContain(
      `Ganeti job ${id} (INSTANCE_CREATE(${prefix}-badsos)) at ${client.endpoint} failed`,
    );
    expect(err.message).toContain('Directory for OS no-such-os not found');
    expect(err.errorClass).toBe('OpExecError');
    expect(await client.instance(`${prefix}-badsos`)).toBeNull();
  });

  it('reports insufficient resources for far too much memory with the Ganeti error code', async () => {
    const id = await client.createInstance(create('huge', { beparams: { memory: 30_000_000 } }));
    const err = await failure(id);
    expect(err.errorCode).toBe('insufficient_resources');
    expect(err.code).toBe('E_GANETI_CAPACITY');
    expect(err.message).toMatch(/No valid allocation solutions, failure reasons: FailMem/);
    expect(err.message).toContain("Can't compute nodes using iallocator");
  });

  it('unescapes HTML entities in job messages', async () => {
    const err = await failure(await client.modifyInstance(`${prefix}-ghost`, { beparams: { memory: 256 } }));
    expect(err.message).toContain(`Instance '${prefix}-ghost' not known [OpPrereqError/unknown_entity]`);
    expect(err.message).not.toContain('&#x27;');
  });

  it('cancels a job queued behind a slow create on the same instance', async () => {
    const name = `${prefix}-slow`;
    const slow = await client.createInstance(
      create('slow', { disk_template: 'file', disks: [{ size: 1024 }], osparams: { sleep: '6' } }),
    );
    // wait until the create runs the OS script, i.e. it holds the instance lock for ~6 s
    const seen: string[] = [];
    const slowDone = waitForJob(client, slow, { onLog: (e) => seen.push(e[3]), timeoutMs: 120_000 });
    await until(() => seen.some((l) => /OS create scripts|creating instance disks/i.test(l)));
    const queued = await client.addInstanceTags(name, ['never']);
    let status: JobStatus | undefined;
    await until(async () => {
      status = (await client.job(queued))?.status;
      return status === 'waiting' || status === 'queued';
    });
    const cancel = await client.cancelJob(queued);
    expect(cancel).toEqual({ cancelled: true, message: 'Job successfully cancelled' });
    const err = await failure(queued);
    expect(err.status).toBe('canceled');
    expect(err.message).toBe(
      `Ganeti job ${queued} (TAGS_SET) at ${client.endpoint} was canceled: Job canceled by request`,
    );
    await slowDone;
    expect(await client.instanceTags(name)).toEqual([]);
  });
});

async function until(cond: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

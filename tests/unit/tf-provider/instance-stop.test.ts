// StopProvider during a create: a queued job is cancelled, a running one is waited for and recorded
// (untainted when it succeeded).
import { describe, expect, it } from 'vitest';
import type { RapiClient } from '../../../src/ganeti/index.ts';
import type { InstanceInfo, Job, JobStatus } from '../../../src/ganeti/types.ts';
import type { ObjectValue } from '../../../src/tf-provider/codec.ts';
import { conform } from '../../../src/tf-provider/plan.ts';
import { instanceResource } from '../../../src/tf-provider/resources/instance/index.ts';

const planned: ObjectValue = conform(instanceResource.schema, {
  name: 'vm1',
  os_type: 'noop',
  disk_template: 'diskless',
  running: true,
  name_check: false,
  ip_check: false,
  nics: [{ link: 'gnt0' }],
});

const info = {
  name: 'vm1',
  uuid: 'u1',
  os: 'noop',
  pnode: 'n1',
  snodes: [],
  status: 'running',
  admin_state: 'up',
  oper_state: true,
  disk_template: 'diskless',
  'disk.sizes': [],
  'nic.ips': [null],
  'nic.macs': ['aa:00'],
  'nic.links': ['gnt0'],
  'nic.modes': ['bridged'],
  'nic.networks.names': [null],
  beparams: { maxmem: 128, vcpus: 1 },
  tags: [],
} as unknown as InstanceInfo;

/** A RAPI stand-in whose create job sits in `status` until the waiter is aborted. */
function fakeClient(status: JobStatus, cancelled: boolean) {
  const calls: string[] = [];
  let exists = false;
  let stopped = false;
  const client = {
    endpoint: 'https://fake:5080',
    createInstance: async () => 7,
    // The first wait lasts until StopProvider aborts it; the grace wait after that (bounded by its own
    // deadline, not by StopProvider) sees the job finish.
    waitForJobChange: (_id: number, _prev: unknown, opts: { signal?: AbortSignal } = {}) =>
      new Promise((resolve, reject) => {
        if (!opts.signal || stopped) {
          exists = true;
          return resolve({ status: 'success', logEntries: [] });
        }
        opts.signal.addEventListener('abort', () => {
          stopped = true;
          reject(new Error('aborted'));
        });
      }),
    job: async (id: number) =>
      ({
        id,
        status: exists ? 'success' : status,
        summary: [],
        opstatus: [],
        opresult: [],
      }) as unknown as Job,
    cancelJob: async (id: number) => {
      calls.push(`cancel ${id}`);
      return { cancelled, message: '' };
    },
    instance: async () => (exists ? info : null),
    instanceOsParams: async () => (exists ? {} : null),
  };
  return { client: client as unknown as RapiClient, calls };
}

describe('ganeti_instance create interrupted by StopProvider', () => {
  it('cancels a queued create job and records nothing', async () => {
    const { client, calls } = fakeClient('queued', true);
    const stop = new AbortController();
    const pending = instanceResource.create({ client, stop: stop.signal }, planned);
    setTimeout(() => stop.abort(), 20);
    const res = await pending;
    expect(calls).toEqual(['cancel 7']);
    expect(res.state).toBeNull();
    expect(res.diagnostics[0]?.summary).toBe('Creation of instance vm1 cancelled');
  });

  it('waits for a running create that then succeeds and returns the instance with a warning only (no taint)', async () => {
    const { client, calls } = fakeClient('running', false);
    const stop = new AbortController();
    const pending = instanceResource.create({ client, stop: stop.signal }, planned);
    setTimeout(() => stop.abort(), 20);
    const res = await pending;
    expect(calls).toEqual([]);
    expect(res.state).toMatchObject({ id: 'vm1', uuid: 'u1', running: true });
    expect(res.diagnostics[0]?.summary).toBe('Interrupted while creating instance vm1');
    expect(res.diagnostics[0]?.severity).toBe('WARNING');
    expect(res.diagnostics[0]?.detail).toContain('finished and the instance is recorded as created');
  });
});

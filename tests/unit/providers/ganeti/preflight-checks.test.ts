// Pre-flight cases a real cluster cannot show on demand (old Ganeti, no network configured),
// against a fake RAPI serving a one-node cluster.
import { afterEach, describe, expect, it } from 'vitest';
import { RapiClient } from '../../../../src/ganeti/client.ts';
import { ganetiPreflight } from '../../../../src/providers/ganeti/preflight-checks.ts';
import { type FakeRapi, json, startFakeRapi } from '../../../helpers/fake-rapi.ts';

const spec = {
  'memory-size': 128,
  'cpu-count': 1,
  'disk-size': 1024,
  'disk-count': 1,
  'nic-count': 1,
  'spindle-use': 1,
};
const ipolicy = {
  minmax: [{ min: spec, max: { ...spec, 'memory-size': 32768, 'cpu-count': 8 } }],
  std: spec,
  'vcpu-ratio': 4,
  'spindle-ratio': 32,
  'disk-templates': ['diskless'],
};
const cluster = (version: string) => ({
  '/version': 2,
  '/2/info': {
    software_version: version,
    enabled_disk_templates: ['diskless'],
    default_hypervisor: 'kvm',
    ipolicy,
    nicparams: { default: { link: 'br0' } },
  },
  '/2/os': ['debian+bookworm'],
  '/2/groups?bulk=1': [{ name: 'default', uuid: 'g1', ipolicy }],
  '/2/networks?bulk=1': [],
  '/2/nodes?bulk=1': [
    {
      name: 'n1',
      vm_capable: true,
      offline: false,
      drained: false,
      mfree: 8192,
      dfree: 0,
      ctotal: 4,
      'group.uuid': 'g1',
    },
  ],
  '/2/instances?bulk=1': [],
});
const request = {
  endpoint: '',
  osType: 'debian+bookworm',
  osParams: {},
  memoryMiB: 1024,
  vcpus: 1,
  diskSizesMiB: [],
  clusterSize: 2,
  instanceNames: ['a', 'b'],
};

let fake: FakeRapi | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function preflightOn(version: string) {
  const answers: Record<string, unknown> = cluster(version);
  fake = await startFakeRapi((q, res) => {
    if (q.method === 'DELETE') return json(res, 200, [false, 'Job 0 not found in queue']);
    if (q.method === 'POST') return json(res, 200, 99);
    if (q.url.startsWith('/2/jobs/99/wait'))
      return json(res, 200, { job_info: ['success'], log_entries: [] });
    if (q.url === '/2/jobs/99')
      return json(res, 200, { id: 99, status: 'success', opresult: [[]], summary: [], opstatus: [] });
    return q.url in answers
      ? json(res, 200, answers[q.url])
      : json(res, 404, { code: 404, message: 'Not Found' });
  });
  const client = new RapiClient({
    endpoint: fake.endpoint,
    username: 'u',
    password: 'p',
    tls: { mode: 'fingerprint', sha256: fake.fingerprint },
  });
  return ganetiPreflight(client, request);
}

describe('ganetiPreflight (fake cluster)', () => {
  it('fails the version line for Ganeti older than 2.16', async () => {
    const lines = await preflightOn('2.15.2');
    expect(lines.find((l) => l.id === 'ganeti.version')).toMatchObject({
      status: 'fail',
      detail: 'RAPI 2, Ganeti 2.15.2: need RAPI 2 and Ganeti 2.16 or later',
    });
    expect(lines.find((l) => l.id === 'ganeti.dry-run')?.detail).toBe(
      'skipped: fix the failures above first',
    );
  });

  it('warns when neither network nor link is given, and still passes with the cluster default link', async () => {
    const lines = await preflightOn('3.1.0');
    expect(lines.find((l) => l.id === 'ganeti.network')).toMatchObject({
      status: 'warn',
      detail: 'no network or link given; NICs use the cluster default link br0',
    });
    expect(lines.filter((l) => l.status === 'fail')).toEqual([]);
    const create = fake?.requests.find((r) => r.method === 'POST');
    expect(create?.url).toBe('/2/instances?dry-run=1');
    expect(JSON.parse(create?.body ?? '{}')).toMatchObject({
      __version__: 1,
      mode: 'create',
      instance_name: 'a',
      disk_template: 'diskless',
      disks: [],
      nics: [{}],
      name_check: false,
      ip_check: false,
    });
  });
});

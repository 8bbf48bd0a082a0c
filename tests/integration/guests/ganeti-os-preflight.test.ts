// The shipped OS definition exasol-image as Ganeti runs it, through init's pre-flight dry-run on the
// real cluster (nothing is created, no guest boots): a valid key passes; a key the OS rejects, a
// missing image and a hypervisor that is not enabled fail on the line they concern, saying how to fix.
// Gate: EXASOL_TEST_GANETI=1 and the GANETI_* values, after `tests/ganeti-cluster.sh guests`.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RapiClient } from '../../../src/ganeti/client.ts';
import type { CheckResult } from '../../../src/preflight/types.ts';
import { ganetiPreflight } from '../../../src/providers/ganeti/preflight-checks.ts';
import type { GanetiPreflightRequest } from '../../../src/providers/ganeti/preflight-request.ts';
import { ganetiConnection, runPrefix, sandbox } from '../../helpers/ganeti-env.ts';
import { missingEnv, skipUnlessService } from '../../helpers/service-gate.ts';

const skip = skipUnlessService(
  'ganeti',
  missingEnv('EXASOL_TEST_GANETI', 'GANETI_ENDPOINT', 'GANETI_USERNAME', 'GANETI_PASSWORD') ??
    (existsSync('/srv/ganeti/os/exasol-image/create')
      ? null
      : 'OS exasol-image not installed (tests/ganeti-cluster.sh guests)'),
);
const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq1xq0Vf4kqZ3Yw1n7m4k1t5Qv1Pp2fXo5c2Jm2H7uK exa16';
const USER_DATA = Buffer.from('#cloud-config\n{}\n').toString('base64');

describe.skipIf(skip)('exasol-image through the pre-flight dry-run on the real cluster', () => {
  const prefix = `exa16-${runPrefix()}`;
  const valid: GanetiPreflightRequest = {
    endpoint: process.env.GANETI_ENDPOINT ?? '',
    osType: 'exasol-image',
    osParams: { ssh_key: KEY, user_data: USER_DATA },
    diskTemplate: 'file',
    network: sandbox.network,
    hypervisor: 'kvm',
    memoryMiB: 1024,
    vcpus: 1,
    diskSizesMiB: [10240, 1024],
    clusterSize: 2,
    instanceNames: [`${prefix}-n11`, `${prefix}-n12`],
  };
  const run = (over: Partial<GanetiPreflightRequest>) =>
    ganetiPreflight(new RapiClient(ganetiConnection('rw', { retries: 1 })), { ...valid, ...over });
  const line = (lines: CheckResult[], id: string) => lines.find((l) => l.id === id);

  it('accepts the deployment key and user-data with kvm', async () => {
    const lines = await run({});
    expect(lines.filter((l) => l.status === 'fail')).toEqual([]);
  }, 180_000);

  it('a key the OS rejects fails the OS line with its verify message and the key-parameter fix', async () => {
    const lines = await run({ osParams: { ssh_key: 'ssh-ed25519 AAAA$(reboot)', user_data: USER_DATA } });
    expect(line(lines, 'ganeti.os')).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining('ssh_key is not one OpenSSH public key line'),
      fix: expect.stringContaining("--ganeti-os-key-param ''"),
    });
    expect(line(lines, 'ganeti.dry-run')).toMatchObject({ status: 'fail' });
  }, 180_000);

  it('an image missing on the node fails the OS line naming the image and the node', async () => {
    const lines = await run({
      osParams: { ssh_key: KEY, user_data: USER_DATA, image: '/srv/ganeti/images/exa16-missing.img' },
    });
    expect(line(lines, 'ganeti.os')?.detail).toMatch(
      /image \/srv\/ganeti\/images\/exa16-missing\.img is missing on node/,
    );
  }, 180_000);

  it('an OS that does not take the key parameter is caught before anything is created', async () => {
    const lines = await run({ osType: sandbox.os, osParams: { no_such_param: KEY }, hypervisor: undefined });
    expect(line(lines, 'ganeti.os')).toMatchObject({ status: 'fail' });
    expect(line(lines, 'ganeti.os')?.detail).toMatch(/no_such_param/);
  }, 180_000);
});

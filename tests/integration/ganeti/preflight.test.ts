// `exasol init` pre-flight against the real cluster: it passes for a valid request and fails on the
// right line, with a reason, for each kind of mistake.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RapiClient } from '../../../src/ganeti/client.ts';
import { waitForJob } from '../../../src/ganeti/jobs.ts';
import { type GanetiPreflightRequest, ganetiPreflight } from '../../../src/ganeti/preflight.ts';
import type { RapiConnection } from '../../../src/ganeti/types.ts';
import type { CheckResult } from '../../../src/preflight/types.ts';
import { closedPort } from '../../helpers/closed-port.ts';
import { removeInstancesWithPrefix } from '../../helpers/ganeti-cleanup.ts';
import {
  ganetiConnection,
  lazyRapiClient,
  runPrefix,
  sandbox,
  skipGaneti,
} from '../../helpers/ganeti-env.ts';
import { selfSignedCert } from '../../helpers/self-signed.ts';

describe.skipIf(skipGaneti)('Ganeti pre-flight on a real cluster', () => {
  const client = lazyRapiClient();
  const prefix = runPrefix();
  const existing = `${prefix}-exists`;
  const valid: GanetiPreflightRequest = {
    endpoint: process.env.GANETI_ENDPOINT ?? '',
    osType: sandbox.os,
    osParams: { sleep: '0' },
    diskTemplate: 'file',
    network: sandbox.network,
    nodeGroup: 'default',
    memoryMiB: 256,
    vcpus: 1,
    diskSizesMiB: [1024],
    clusterSize: 2,
    instanceNames: [`${prefix}-n11`, `${prefix}-n12`],
  };
  const run = (over: Partial<GanetiPreflightRequest>, conn: Partial<RapiConnection> = {}) =>
    ganetiPreflight(new RapiClient(ganetiConnection('rw', { retries: 1, ...conn })), { ...valid, ...over });

  beforeAll(async () => {
    const id = await client.createInstance({
      instance_name: existing,
      os_type: sandbox.os,
      disk_template: 'diskless',
      disks: [],
      nics: [{ link: sandbox.link }],
      start: false,
    });
    await waitForJob(client, id, { timeoutMs: 120_000 });
  });
  afterAll(() => removeInstancesWithPrefix(client, prefix));

  it('passes every line for a valid request and creates nothing', async () => {
    const lines = await run({});
    expect(lines.map((l) => [l.id, l.status])).toEqual([
      ['ganeti.endpoint', 'pass'],
      ['ganeti.credentials', 'pass'],
      ['ganeti.version', 'pass'],
      ['ganeti.os', 'pass'],
      ['ganeti.disk-template', 'pass'],
      ['ganeti.network', 'pass'],
      ['ganeti.node-group', 'pass'],
      ['ganeti.capacity', 'pass'],
      ['ganeti.instance-names', 'pass'],
      ['ganeti.dry-run', 'pass'],
    ]);
    expect(await client.instance(`${prefix}-n11`)).toBeNull();
  });

  it('fails the OS line for an unknown OS', async () => {
    const l = only(await run({ osType: 'no-such-os' }), 'ganeti.os');
    expect(l.detail).toBe(
      `OS no-such-os is not installed (available: ${(await client.osList()).map((o) => o.name).join(', ')})`,
    );
  });

  it('fails the OS line when the OS rejects a parameter (found by the dry-run)', async () => {
    const lines = await run({ osParams: { bogus: '1' } });
    expect(status(lines, 'ganeti.os')).toBe('fail');
    expect(lines.find((l) => l.id === 'ganeti.os')?.detail).toContain('not supported by the OS noop: bogus');
    expect(lines.find((l) => l.id === 'ganeti.dry-run')?.detail).toBe(
      'rejected by Ganeti; see ganeti.os above',
    );
  });

  it('fails the disk template line for a template that is not enabled', async () => {
    const l = only(await run({ diskTemplate: 'plain' }), 'ganeti.disk-template');
    expect(l.detail).toMatch(/^disk template plain is not enabled .*\(enabled: diskless, ?file/);
  });

  it('fails the network line for a missing network and for a missing link', async () => {
    const l = only(await run({ network: 'no-such-net' }), 'ganeti.network');
    expect(l.detail).toMatch(/^network no-such-net does not exist \(networks: .*exanet/);
    const lines = await run({ network: undefined, nicLink: 'nosuchbr9' });
    expect(status(lines, 'ganeti.network')).toBe('fail');
    expect(lines.find((l) => l.id === 'ganeti.network')?.detail).toContain('Missing bridges nosuchbr9');
  });

  it('fails the capacity line for far too much memory and says how much is missing', async () => {
    const l = only(await run({ memoryMiB: 32768, clusterSize: 8 }), 'ganeti.capacity');
    expect(l.detail).toMatch(
      /^only \d of 8 instances fit on 1 usable nodes: memory: need 262144 MiB, free \d+ MiB, missing \d+ MiB/,
    );
    const policy = only(await run({ memoryMiB: 10_000_000 }), 'ganeti.capacity');
    expect(policy.detail).toMatch(/memory 10000000 MiB is outside the instance policy \(128\.\.32768 MiB\)/);
  });

  it('fails the instance names line for a name already in use', async () => {
    const l = only(await run({ instanceNames: [`${prefix}-n11`, existing] }), 'ganeti.instance-names');
    expect(l.detail).toBe(`already in use: ${existing}`);
  });

  it('fails the endpoint line for a closed port and skips the rest', async () => {
    const port = await closedPort();
    const lines = await run({}, { endpoint: `https://127.0.0.1:${port}` });
    expect(lines[0]).toMatchObject({ id: 'ganeti.endpoint', status: 'fail' });
    expect(lines[0]?.detail).toBe(
      `cannot reach Ganeti RAPI at https://127.0.0.1:${port}: connection refused`,
    );
    expect(
      lines
        .slice(1)
        .every((l) => l.status === 'skip' && l.detail === 'skipped: RAPI endpoint is not reachable'),
    ).toBe(true);
  });

  it('fails the endpoint line on a TLS mismatch (wrong fingerprint, wrong CA file)', async () => {
    const fp = await run({}, { tls: { mode: 'fingerprint', sha256: '00'.repeat(32) } });
    expect(fp[0]?.status).toBe('fail');
    expect(fp[0]?.detail).toContain('certificate fingerprint does not match');
    expect(fp[0]?.fix).toMatch(/--ganeti-ca-fingerprint sha256:[0-9A-F]{64}$/);
    const ca = await run({}, { tls: { mode: 'ca', caPem: selfSignedCert().certPem } });
    expect(ca[0]?.detail).toContain('certificate not accepted with the given CA file');
  });

  it('fails the credentials line for a wrong password or a read-only user', async () => {
    const bad = await run({}, { password: 'wrong' });
    expect(bad[1]).toMatchObject({ id: 'ganeti.credentials', status: 'fail' });
    expect(bad[1]?.detail).toContain('wrong credentials for user');
    expect(bad.slice(2).every((l) => l.status === 'skip')).toBe(true);
    const ro = await ganetiPreflight(new RapiClient(ganetiConnection('ro')), valid);
    expect(ro[1]?.detail).toContain('lacks write permission');
    expect(status(ro, 'ganeti.capacity')).toBe('pass');
    expect(status(ro, 'ganeti.dry-run')).toBe('skip');
  });
});

function status(lines: CheckResult[], id: string): string | undefined {
  return lines.find((l) => l.id === id)?.status;
}

/** Asserts that exactly the line `id` failed and returns it. */
function only(lines: CheckResult[], id: string): CheckResult {
  expect(lines.filter((l) => l.status === 'fail').map((l) => l.id)).toEqual([id]);
  return lines.find((l) => l.id === id) as CheckResult;
}

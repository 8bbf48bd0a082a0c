// The e2e runner's Ganeti leftover check against the real cluster: it finds an instance carrying a
// deployment's tag, finds nothing once it is gone, and refuses a server whose certificate is not pinned.
import { randomBytes } from 'node:crypto';
import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deploymentTag, ganetiLeftovers, normalizeFingerprint } from '../../e2e/leftovers.ts';
import { missingEnv, skipUnlessService } from '../../helpers/service-gate.ts';

const skip = skipUnlessService(
  'ganeti',
  missingEnv(
    'EXASOL_TEST_GANETI',
    'GANETI_ENDPOINT',
    'GANETI_USERNAME',
    'GANETI_PASSWORD',
    'GANETI_CA_FINGERPRINT',
    'GANETI_OS_TYPE',
    'GANETI_NETWORK',
  ),
);
const e = (name: string): string => process.env[name] ?? '';
const suffix = randomBytes(3).toString('hex');
const id = `e2e-lo-${suffix}`;
const name = `e2e-leftover-${suffix}`;

/** One RAPI call (sandbox on loopback; the certificate is checked by the code under test, not here). */
function rapi(method: string, path: string, body?: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const auth = Buffer.from(`${e('GANETI_USERNAME')}:${e('GANETI_PASSWORD')}`).toString('base64');
    const req = request(
      new URL(path, e('GANETI_ENDPOINT')),
      {
        method,
        rejectUnauthorized: false,
        headers: { authorization: `Basic ${auth}`, 'content-type': 'application/json' },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (c: string) => (text += c));
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(JSON.parse(text))
            : reject(new Error(`${method} ${path}: ${res.statusCode} ${text}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

async function waitJob(job: unknown): Promise<void> {
  for (let i = 0; i < 240; i++) {
    const j = (await rapi('GET', `/2/jobs/${String(job)}`)) as { status: string; opresult?: unknown };
    if (j.status === 'success') return;
    if (['error', 'canceled'].includes(j.status))
      throw new Error(`job ${String(job)}: ${j.status} ${JSON.stringify(j.opresult)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`job ${String(job)} did not finish`);
}

describe.skipIf(skip)('e2e leftover check on the Ganeti cluster', () => {
  const check = () =>
    ganetiLeftovers(
      e('GANETI_ENDPOINT'),
      normalizeFingerprint(e('GANETI_CA_FINGERPRINT')),
      `${e('GANETI_USERNAME')}:${e('GANETI_PASSWORD')}`,
    );

  beforeAll(async () => {
    const body = {
      __version__: 1,
      mode: 'create',
      name_check: false,
      ip_check: false,
      instance_name: name,
      os_type: e('GANETI_OS_TYPE'),
      disk_template: 'diskless',
      disks: [],
      nics: [{ network: e('GANETI_NETWORK'), ip: 'pool' }],
      beparams: { memory: 128, vcpus: 1 },
      tags: [deploymentTag(id)],
      start: false,
    };
    await waitJob(await rapi('POST', '/2/instances', body));
  });
  afterAll(async () => {
    const list = (await rapi('GET', '/2/instances')) as { id: string }[];
    if (list.some((i) => i.id === name)) await waitJob(await rapi('DELETE', `/2/instances/${name}`));
  });

  it('reports the instance tagged exasol-deployment:<id> and nothing for another id', async () => {
    expect(await check()(id)).toEqual([`instance ${name}`]);
    expect(await check()(`${id}-other`)).toEqual([]);
  });

  it('refuses to trust a server whose certificate does not match the pinned fingerprint', async () => {
    await expect(ganetiLeftovers(e('GANETI_ENDPOINT'), 'AB'.repeat(32), null)(id)).rejects.toThrow(
      /does not match the pinned/,
    );
  });

  it('reports nothing once the instance is gone', async () => {
    await waitJob(await rapi('DELETE', `/2/instances/${name}`));
    expect(await check()(id)).toEqual([]);
  });
});

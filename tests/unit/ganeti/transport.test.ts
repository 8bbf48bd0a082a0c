// Transport faults a real cluster cannot produce on demand, against a fake RAPI over real TLS.
import { afterEach, describe, expect, it } from 'vitest';
import { RapiClient } from '../../../src/ganeti/client.ts';
import { type GanetiApiError, GanetiConnectionError } from '../../../src/ganeti/errors.ts';
import type { RapiConnection } from '../../../src/ganeti/types.ts';
import { closedPort } from '../../helpers/closed-port.ts';
import { type FakeHandler, type FakeRapi, json, startFakeRapi } from '../../helpers/fake-rapi.ts';

const INFO = { name: 'fake.cluster', software_version: '3.0.2' };
let fake: FakeRapi | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function clientFor(handler: FakeHandler, over: Partial<RapiConnection> = {}) {
  fake = await startFakeRapi(handler);
  const conn: RapiConnection = {
    endpoint: fake.endpoint,
    username: 'exasol',
    password: 's3cret-pw',
    tls: { mode: 'fingerprint', sha256: fake.fingerprint },
    timeoutMs: 2_000,
    ...over,
  };
  return { client: new RapiClient(conn), fake };
}

describe('RAPI transport', () => {
  it('retries a read after a 503 and returns the answer', async () => {
    const { client, fake } = await clientFor((_q, res, n) =>
      n === 0 ? json(res, 503, { code: 503, message: 'Service Unavailable' }) : json(res, 200, INFO),
    );
    expect((await client.info()).name).toBe('fake.cluster');
    expect(fake.requests.map((r) => r.url)).toEqual(['/2/info', '/2/info']);
  });

  it('gives up on reads after the retries and shows status and unescaped message', async () => {
    const { client, fake } = await clientFor((_q, res) =>
      json(res, 500, { code: 500, message: '&#x27;NoneType&#x27; object is not subscriptable' }),
    );
    const err = await client.info().catch((e: unknown) => e);
    expect((err as Error).message).toBe(
      `Ganeti RAPI at ${fake.endpoint}: GET /2/info failed with HTTP 500: 'NoneType' object is not subscriptable`,
    );
    expect(fake.requests).toHaveLength(3);
  });

  it('retries a read whose connection was dropped, and names the endpoint when it keeps dropping', async () => {
    const { client, fake } = await clientFor((_q, res, n) =>
      n < 1 ? res.socket?.destroy() : json(res, 200, 2),
    );
    expect(await client.version()).toBe(2);
    expect(fake.requests).toHaveLength(2);
    await fake.close();
    const again = await clientFor((_q, res) => res.socket?.destroy());
    const err = await again.client.version().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GanetiConnectionError);
    expect((err as Error).message).toBe(
      `cannot reach Ganeti RAPI at ${again.fake.endpoint}: connection closed before an answer arrived`,
    );
  });

  it('reports a slow answer as a timeout naming endpoint and request', async () => {
    const { client, fake } = await clientFor(
      (_q, res) => setTimeout(() => json(res, 200, 2), 3_000).unref(),
      {
        timeoutMs: 300,
        retries: 1,
      },
    );
    const err = await client.version().catch((e: unknown) => e);
    expect((err as Error).message).toBe(
      `cannot reach Ganeti RAPI at ${fake.endpoint}: no answer to GET /version within 300 ms`,
    );
  });

  it('never repeats a write that reached the server (dropped connection or 503)', async () => {
    const req = { instance_name: 'x', os_type: 'noop', disk_template: 'diskless', disks: [], nics: [{}] };
    const dropped = await clientFor((_q, res) => res.socket?.destroy());
    await expect(dropped.client.createInstance(req)).rejects.toThrow(
      /connection closed before an answer arrived/,
    );
    expect(dropped.fake.requests).toHaveLength(1);
    await dropped.fake.close();
    const busy = await clientFor((_q, res) => json(res, 503, { code: 503, message: 'busy' }));
    const err = await busy.client.createInstance(req).catch((e: unknown) => e);
    expect((err as GanetiApiError).status).toBe(503);
    expect(busy.fake.requests).toHaveLength(1);
  });

  it('retries a write refused before it was sent, once the server listens', async () => {
    const port = await closedPort();
    const client = new RapiClient({
      endpoint: `https://127.0.0.1:${port}`,
      username: 'exasol',
      password: 'pw',
      tls: { mode: 'insecure' },
    });
    const pending = client.createInstance({
      instance_name: 'x',
      os_type: 'noop',
      disk_template: 'diskless',
      disks: [],
      nics: [{}],
    });
    await new Promise((r) => setTimeout(r, 50));
    fake = await startFakeRapi((_q, res) => json(res, 200, '17'), { port });
    expect(await pending).toBe(17);
    expect(fake.requests).toHaveLength(1);
  });

  it('sends Basic auth and a JSON Content-Type with bodies, and keeps the password out of errors', async () => {
    const { client, fake } = await clientFor((_q, res) =>
      json(res, 401, { code: 401, message: 'Unauthorized' }),
    );
    const err = await client.modifyInstance('vm1', { beparams: { vcpus: 2 } }).catch((e: unknown) => e);
    expect((err as Error).message).toBe(`Ganeti RAPI: wrong credentials for user exasol at ${fake.endpoint}`);
    const seen = fake.requests[0];
    expect(seen?.headers['content-type']).toBe('application/json');
    expect(seen?.headers.authorization).toBe(`Basic ${Buffer.from('exasol:s3cret-pw').toString('base64')}`);
    expect(JSON.parse(seen?.body ?? '')).toEqual({ hotplug: false, beparams: { vcpus: 2 } });
    expect(`${(err as Error).message} ${String((err as GanetiApiError).hint)}`).not.toContain('s3cret-pw');
  });

  it('accepts job ids sent as strings (older Ganeti) and encodes tag queries', async () => {
    const { client, fake } = await clientFor((_q, res) => json(res, 200, '42'));
    expect(await client.addInstanceTags('vm1', ['a:b', 'c'])).toBe(42);
    expect(fake.requests[0]?.url).toBe('/2/instances/vm1/tags?tag=a%3Ab&tag=c');
  });
});

// A --ganeti-endpoint that is not a RAPI over TLS: a port that accepts TCP but never starts TLS, and
// a plain-HTTP port. The client classifies (a typed kind, no retries); init's pre-flight line names
// the likely cause and the flag, and the wait is bounded.
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RapiClient } from '../../../src/ganeti/client.ts';
import { GanetiConnectionError } from '../../../src/ganeti/errors.ts';
import { type GanetiPreflightRequest, ganetiPreflight } from '../../../src/ganeti/preflight.ts';
import { HANDSHAKE_TIMEOUT_MS } from '../../../src/ganeti/tls.ts';
import { explainEndpoint } from '../../../src/providers/ganeti/preflight.ts';

const listen = (s: Server): Promise<number> =>
  new Promise((res) => s.listen(0, '127.0.0.1', () => res((s.address() as { port: number }).port)));

let silent: Server;
let http: Server;
let silentPort = 0;
let httpPort = 0;
let silentConnections = 0;
let httpConnections = 0;
const sockets: Socket[] = [];

beforeAll(async () => {
  silent = createServer((sock) => {
    silentConnections++;
    sockets.push(sock); // accepted, never answered
  });
  http = createHttpServer((_req, res) => res.end('plain http\n'));
  http.on('connection', () => httpConnections++);
  silentPort = await listen(silent);
  httpPort = await listen(http);
});
afterAll(() => {
  for (const s of sockets) s.destroy();
  silent.close();
  http.close();
});

const client = (port: number) =>
  new RapiClient({
    endpoint: `https://127.0.0.1:${port}`,
    username: 'u',
    password: 'p',
    tls: { mode: 'insecure' },
    timeoutMs: 600,
    retries: 3,
  });

const request: GanetiPreflightRequest = {
  endpoint: '',
  osType: 'noop',
  osParams: {},
  memoryMiB: 256,
  vcpus: 1,
  diskSizesMiB: [1024],
  clusterSize: 1,
  instanceNames: ['x-n11'],
};

describe('endpoint that is not RAPI over TLS', () => {
  it('TCP accepted, no TLS: kind tls-handshake-timeout, one attempt, no retries', async () => {
    const err = await client(silentPort)
      .version()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GanetiConnectionError);
    expect((err as GanetiConnectionError).kind).toBe('tls-handshake-timeout');
    expect(silentConnections).toBe(1);
  });

  it('plain HTTP: kind not-https, no OpenSSL text, one attempt', async () => {
    const err = await client(httpPort)
      .version()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GanetiConnectionError);
    expect((err as GanetiConnectionError).kind).toBe('not-https');
    expect((err as Error).message).not.toMatch(/ssl|openssl|routines/i);
    expect(httpConnections).toBe(1);
  });

  it("init's pre-flight line names the cause and the flag; no CA advice for a plain-HTTP port", async () => {
    const [plain] = await ganetiPreflight(client(httpPort), request, explainEndpoint);
    expect(plain).toMatchObject({ id: 'ganeti.endpoint', status: 'fail' });
    expect(plain?.detail).toContain('not with TLS (plain HTTP');
    expect(plain?.fix).toMatch(/^--ganeti-endpoint: wrong port\?/);
    expect(`${plain?.detail} ${plain?.fix}`).not.toMatch(/--ganeti-ca-(cert|fingerprint) /);
    const [quiet] = await ganetiPreflight(client(silentPort), request, explainEndpoint);
    expect(quiet?.detail).toContain('accepted the connection but never started TLS');
    expect(quiet?.fix).toMatch(/^--ganeti-endpoint: wrong port\?/);
  });

  it('the handshake wait is bounded (10 s) even with a 60 s request timeout', async () => {
    const slow = new RapiClient({
      endpoint: `https://127.0.0.1:${silentPort}`,
      username: 'u',
      password: 'p',
      tls: { mode: 'insecure' },
      timeoutMs: 60_000,
    });
    const t0 = Date.now();
    const err = await slow.version().catch((e: unknown) => e);
    const waited = Date.now() - t0;
    expect((err as GanetiConnectionError).kind).toBe('tls-handshake-timeout');
    expect((err as Error).message).toContain(`within ${HANDSHAKE_TIMEOUT_MS} ms`);
    expect(waited).toBeGreaterThanOrEqual(HANDSHAKE_TIMEOUT_MS - 100);
    expect(waited).toBeLessThan(HANDSHAKE_TIMEOUT_MS + 15_000);
  }, 40_000);
});

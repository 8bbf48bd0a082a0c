// Test double of RAPI: a real https server on 127.0.0.1 with a throwaway certificate, scripted per test.
// Only for faults a real cluster cannot produce on demand (5xx, dropped connections, slow answers).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { pemFingerprint } from '../../src/ganeti/tls.ts';
import { selfSignedCert } from './self-signed.ts';

/** A request as the fake server received it. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** Answers one request; the n-th request (from 0) of the server. */
export type FakeHandler = (req: SeenRequest, res: ServerResponse, n: number) => void;

/** A running fake RAPI server. */
export interface FakeRapi {
  endpoint: string;
  fingerprint: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

/** Starts the fake on an ephemeral port (or `port`) with a fresh or given certificate. */
export async function startFakeRapi(
  handler: FakeHandler,
  opts: { port?: number; cert?: { certPem: string; keyPem: string } } = {},
): Promise<FakeRapi> {
  const { certPem, keyPem } = opts.cert ?? selfSignedCert();
  const requests: SeenRequest[] = [];
  const server = createServer({ cert: certPem, key: keyPem }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const seen = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      };
      requests.push(seen);
      handler(seen, res, requests.length - 1);
    });
  });
  await new Promise<void>((r) => server.listen(opts.port ?? 0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `https://127.0.0.1:${port}`,
    fingerprint: pemFingerprint(certPem),
    requests,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** Sends a JSON answer like RAPI does. */
export function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json', Connection: 'close' });
  res.end(`${JSON.stringify(body)}\n`);
}

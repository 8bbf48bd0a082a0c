// A throw-away HTTP server on the test network serving fixed files (stands in for the release bucket).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running server: base URL and a close function. */
export interface ArtifactServer {
  baseUrl: string;
  close(): Promise<void>;
}

/** Serves `files` (path → content) on `address`, a port chosen by the kernel. */
export async function startArtifactServer(
  address: string,
  files: Record<string, Buffer>,
): Promise<ArtifactServer> {
  const server = createServer((req, res) => {
    const body = files[req.url ?? ''];
    if (body) res.end(body);
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, address, r));
  return {
    baseUrl: `http://${address}:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

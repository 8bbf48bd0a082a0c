// A local TCP port that nothing listens on, for "connection refused" tests.
import { createServer } from 'node:net';

/** Binds an ephemeral port on 127.0.0.1, releases it and returns its number. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

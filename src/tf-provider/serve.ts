// gRPC plugin host: AutoMTLS credentials, Unix socket, go-plugin controller/stdio/health services, handshake.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { handshakeLine } from './handshake.ts';
import { log } from './log.ts';
import { packageDefinition } from './proto/definition.ts';
import { ganetiProvider } from './provider.ts';
import { ProviderServer } from './server.ts';
import { makeSelfSignedCert } from './tls.ts';

type ServiceDef = grpc.ServiceDefinition;
const MAX_MESSAGE = 256 * 1024 * 1024;

/** Starts the provider's gRPC server and prints the go-plugin handshake line on stdout. */
export async function serve(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const defs = packageDefinition as unknown as Record<string, ServiceDef>;
  const server = new grpc.Server({
    'grpc.max_receive_message_length': MAX_MESSAGE,
    'grpc.max_send_message_length': MAX_MESSAGE,
  });
  const provider = new ProviderServer(ganetiProvider);
  const streams = new Set<grpc.ServerWritableStream<unknown, unknown>>();
  const socketPath = join(env.PLUGIN_UNIX_SOCKET_DIR || tmpdir(), `plugin${randomBytes(6).toString('hex')}`);

  const shutdown = () => {
    for (const s of streams) s.end();
    server.tryShutdown(() => undefined);
    rmSync(socketPath, { force: true });
    setTimeout(() => process.exit(0), 20).unref();
  };

  server.addService(defs['tfplugin6.Provider'] as ServiceDef, provider.handlers());
  server.addService(defs['plugin.GRPCController'] as ServiceDef, {
    Shutdown: (_call: unknown, cb: grpc.sendUnaryData<object>) => {
      log('DEBUG', 'GRPCController.Shutdown');
      cb(null, {});
      setImmediate(shutdown);
    },
  });
  server.addService(defs['plugin.GRPCStdio'] as ServiceDef, {
    StreamStdio: (stream: grpc.ServerWritableStream<unknown, unknown>) => {
      streams.add(stream);
      stream.on('cancelled', () => streams.delete(stream));
    },
  });
  server.addService(defs['grpc.health.v1.Health'] as ServiceDef, {
    Check: (_call: unknown, cb: grpc.sendUnaryData<object>) => cb(null, { status: 'SERVING' }),
  });

  // Ctrl-C reaches the whole process group; Terraform asks us to stop through StopProvider instead.
  process.on('SIGINT', () => log('DEBUG', 'SIGINT ignored; waiting for StopProvider/Shutdown'));
  process.on('SIGTERM', shutdown);
  process.on('exit', () => rmSync(socketPath, { force: true }));
  // If Terraform dies without calling Shutdown, do not linger as an orphan.
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && shutdown(), 2000).unref();

  let creds = grpc.ServerCredentials.createInsecure();
  let der: Uint8Array | undefined;
  const clientCert = env.PLUGIN_CLIENT_CERT;
  if (clientCert) {
    const cert = makeSelfSignedCert('P-256');
    creds = grpc.ServerCredentials.createSsl(
      Buffer.from(clientCert),
      [{ cert_chain: Buffer.from(cert.certPem), private_key: Buffer.from(cert.keyPem) }],
      true,
    );
    der = cert.der;
  }
  await new Promise<void>((resolve, reject) =>
    server.bindAsync(`unix://${socketPath}`, creds, (err) => (err ? reject(err) : resolve())),
  );
  process.stdout.write(handshakeLine('unix', socketPath, der));
  log('INFO', `serving plugin protocol 6 on ${socketPath}${der ? ' (mTLS)' : ''}`);
}

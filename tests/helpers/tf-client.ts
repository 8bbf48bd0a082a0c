// Terraform's side of the plugin protocol, for tests: launches the provider like go-plugin does
// (magic cookie, protocol versions, P-521 AutoMTLS client cert), parses the handshake, calls RPCs.
import { type ChildProcess, spawn } from 'node:child_process';
import * as grpc from '@grpc/grpc-js';
import { type CtyType, decodeValue, encodeValue, type Value } from '../../src/tf-provider/codec.ts';
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from '../../src/tf-provider/handshake.ts';
import { packageDefinition } from '../../src/tf-provider/proto/definition.ts';
import { makeSelfSignedCert } from '../../src/tf-provider/tls.ts';
import { providerBundle } from './tf-provider-build.ts';

type Unary = (req: object, cb: (err: grpc.ServiceError | null, res: Record<string, unknown>) => void) => void;
type Stub = grpc.Client & Record<string, Unary>;
type StubCtor = new (addr: string, creds: grpc.ChannelCredentials, opts?: object) => Stub;

/** A running provider process with gRPC stubs. */
export interface ProviderSession {
  child: ChildProcess;
  handshake: string[];
  stderr: () => string;
  /** Calls a tfplugin6.Provider method. */
  call(method: string, req?: object): Promise<Record<string, unknown>>;
  health(): Promise<Record<string, unknown>>;
  /** GRPCController.Shutdown, then waits for the process to exit; resolves with the exit code. */
  shutdown(): Promise<number | null>;
}

/** DynamicValue of a value of the given type. */
export const dv = (type: CtyType, v: Value) => ({ msgpack: encodeValue(type, v) });
/** Decodes a DynamicValue from a response. */
export const fromDv = (type: CtyType, d: unknown): Value =>
  decodeValue(type, (d as { msgpack?: Uint8Array } | undefined)?.msgpack);

/** Starts the bundled provider as Terraform would and connects over mTLS (or plaintext with tls=false). */
export async function startProvider(
  opts: { env?: NodeJS.ProcessEnv; tls?: boolean; presentOtherCert?: boolean } = {},
): Promise<ProviderSession> {
  const clientCert = opts.tls === false ? undefined : makeSelfSignedCert('P-521');
  const presented = opts.presentOtherCert ? makeSelfSignedCert('P-521') : clientCert;
  const child = spawn(process.execPath, [providerBundle], {
    env: {
      ...process.env,
      [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE,
      PLUGIN_PROTOCOL_VERSIONS: '5,6',
      PLUGIN_MIN_PORT: '10000',
      PLUGIN_MAX_PORT: '25000',
      ...(clientCert ? { PLUGIN_CLIENT_CERT: clientCert.certPem } : {}),
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(out.split('\n')[0] ?? '');
    });
    child.on('exit', (code) => reject(new Error(`provider exited (${code}) before the handshake: ${err}`)));
  });
  const parts = line.split('|');
  const addr = `unix://${parts[3]}`;
  let creds = grpc.credentials.createInsecure();
  if (clientCert) {
    const der = Buffer.from(parts[5] ?? '', 'base64');
    const body = der
      .toString('base64')
      .replace(/(.{64})/g, '$1\n')
      .replace(/\n$/, '');
    const pem = `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;
    creds = grpc.credentials.createSsl(
      Buffer.from(pem),
      Buffer.from(presented?.keyPem ?? ''),
      Buffer.from(presented?.certPem ?? ''),
    );
  }
  const chanOpts = {
    'grpc.ssl_target_name_override': 'localhost',
    'grpc.default_authority': 'localhost',
    'grpc.max_receive_message_length': 256 << 20,
  };
  const pkg = grpc.loadPackageDefinition(packageDefinition) as unknown as Record<
    string,
    Record<string, unknown>
  >;
  const ctor = (path: string): StubCtor =>
    path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], pkg) as StubCtor;
  const provider = new (ctor('tfplugin6.Provider'))(addr, creds, chanOpts);
  const controller = new (ctor('plugin.GRPCController'))(addr, creds, chanOpts);
  const health = new (ctor('grpc.health.v1.Health'))(addr, creds, chanOpts);
  const invoke = (stub: Stub, method: string, req: object) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const fn = stub[method];
      if (!fn) return reject(new Error(`no method ${method}`));
      fn.call(stub, req, (e, res) => (e ? reject(e) : resolve(res)));
    });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    handshake: parts,
    stderr: () => err,
    call: (method, req = {}) => invoke(provider, method, req),
    health: () => invoke(health, 'Check', { service: 'plugin' }),
    shutdown: async () => {
      await invoke(controller, 'Shutdown', {}).catch(() => undefined);
      provider.close();
      controller.close();
      health.close();
      return exited;
    },
  };
}

// go-plugin handshake: magic cookie check, protocol negotiation and the single stdout line.

/** Magic cookie key and value that Terraform sets for its plugins. */
export const MAGIC_COOKIE_KEY = 'TF_PLUGIN_MAGIC_COOKIE';
/** The cookie value Terraform sends (a UX guard, not a secret). */
export const MAGIC_COOKIE_VALUE = 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2';

/** Message printed when the provider is started by hand instead of by Terraform. */
export const NOT_A_PLUGIN_MESSAGE =
  'This binary is a plugin. These are not meant to be executed directly.\n' +
  'Please execute the program that consumes these plugins, which will\n' +
  'load any plugins automatically (terraform-provider-ganeti is run by terraform).\n';

/** True when the environment carries Terraform's magic cookie. */
export function hasMagicCookie(env: NodeJS.ProcessEnv): boolean {
  return env[MAGIC_COOKIE_KEY] === MAGIC_COOKIE_VALUE;
}

/** Picks protocol 6 from PLUGIN_PROTOCOL_VERSIONS (absent means the client accepts the default). */
export function negotiateProtocol(env: NodeJS.ProcessEnv): number | null {
  const raw = env.PLUGIN_PROTOCOL_VERSIONS;
  if (!raw) return 6;
  return raw.split(',').some((v) => v.trim() === '6') ? 6 : null;
}

/** The handshake line; the certificate is DER in base64 without padding (Go's RawStdEncoding). */
export function handshakeLine(network: 'unix' | 'tcp', address: string, certDer?: Uint8Array): string {
  const cert = certDer ? Buffer.from(certDer).toString('base64').replace(/=+$/, '') : '';
  return `1|6|${network}|${address}|grpc|${cert}\n`;
}

// Connection settings of the real Ganeti cluster the integration suites run against (GANETI_* env).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { RapiClient } from '../../src/ganeti/client.ts';
import { normalizeFingerprint, pemFingerprint } from '../../src/ganeti/tls.ts';
import type { RapiConnection, RapiTls } from '../../src/ganeti/types.ts';
import { missingEnv, skipUnlessService } from './service-gate.ts';

const ganetiUnset = missingEnv('EXASOL_TEST_GANETI', 'GANETI_ENDPOINT', 'GANETI_USERNAME', 'GANETI_PASSWORD');
/**
 * True when the Ganeti suites must be skipped (throws on CI when the cluster is not configured). They
 * run only when pointed at a cluster: EXASOL_TEST_GANETI=1 plus the GANETI_* values, all printed by
 * `bash tests/ganeti-cluster.sh env`.
 */
export const skipGaneti = skipUnlessService(
  'ganeti',
  ganetiUnset && `${ganetiUnset} (eval "$(bash tests/ganeti-cluster.sh env)")`,
);

/** Where the sandbox keeps its RAPI certificate (readable when the tests run on the master node). */
export const RAPI_PEM = process.env.GANETI_RAPI_PEM ?? '/var/lib/ganeti/rapi.pem';

/** The server certificate's SHA-256: GANETI_CA_FINGERPRINT, or computed from the local rapi.pem. */
export function serverFingerprint(): string {
  const env = process.env.GANETI_CA_FINGERPRINT;
  return env ? normalizeFingerprint(env) : pemFingerprint(readFileSync(RAPI_PEM, 'utf8'));
}

/** TLS settings pinning the sandbox's certificate. */
export function pinnedTls(): RapiTls {
  return { mode: 'fingerprint', sha256: serverFingerprint() };
}

/** Connection of the write user (or the read-only user with `ro`). */
export function ganetiConnection(
  user: 'rw' | 'ro' = 'rw',
  overrides: Partial<RapiConnection> = {},
): RapiConnection {
  const ro = user === 'ro';
  return {
    endpoint: process.env.GANETI_ENDPOINT ?? '',
    username: (ro ? process.env.GANETI_RO_USERNAME : process.env.GANETI_USERNAME) ?? '',
    password: (ro ? process.env.GANETI_RO_PASSWORD : process.env.GANETI_PASSWORD) ?? '',
    tls: pinnedTls(),
    timeoutMs: 30_000,
    ...overrides,
  };
}

/** A prefix for this run's instances, so concurrent users of the cluster never collide. */
export function runPrefix(): string {
  return `rt-${randomBytes(3).toString('hex')}`;
}

/** OS, network and link of the test cluster. */
export const sandbox = {
  os: process.env.GANETI_OS_TYPE ?? 'noop',
  network: process.env.GANETI_NETWORK ?? 'exanet',
  link: process.env.GANETI_NIC_LINK ?? 'gnt0',
};

/** `exasol init` of a Ganeti deployment on the test cluster (TLS pinned by GANETI_CA_FINGERPRINT when
 * set), plus `extra` flags. */
export function ganetiInitArgs(dir: string, terraform: string, ...extra: string[]): string[] {
  const fp = process.env.GANETI_CA_FINGERPRINT;
  return [
    'init',
    '--cloud-provider',
    'ganeti',
    '--deployment-dir',
    dir,
    '--terraform-binary',
    terraform,
    '--ganeti-endpoint',
    String(process.env.GANETI_ENDPOINT),
    '--ganeti-username',
    String(process.env.GANETI_USERNAME),
    '--ganeti-os-type',
    sandbox.os,
    '--ganeti-network',
    sandbox.network,
    ...(fp ? ['--ganeti-ca-fingerprint', fp] : ['--ganeti-insecure']),
    ...extra,
  ];
}

/**
 * A RapiClient built on first use, so a suite can declare it in its describe body: on a machine
 * without a cluster the skipped suite never reads GANETI_* or the local rapi.pem.
 */
export function lazyRapiClient(
  user: 'rw' | 'ro' = 'rw',
  overrides: Partial<RapiConnection> = {},
): RapiClient {
  let client: RapiClient | undefined;
  const real = (): RapiClient => {
    client ??= new RapiClient(ganetiConnection(user, overrides));
    return client;
  };
  return new Proxy({} as RapiClient, {
    get: (_t, key) => {
      const value: unknown = Reflect.get(real(), key);
      return typeof value === 'function' ? value.bind(real()) : value;
    },
  });
}

// The ganeti provider: its configuration block (each setting also from GANETI_* variables) and configure.
import { readFileSync } from 'node:fs';
import { RapiClient } from '../ganeti/index.ts';
import type { RapiTls } from '../ganeti/types.ts';
import { containsUnknown, type ObjectValue } from './codec.ts';
import { type Diagnostic, diagFromError, errorDiag } from './diagnostics.ts';
import { dataSources, resources } from './registry.ts';
import { optional } from './schema.ts';
import type { ProviderSpec } from './spec.ts';

const schema = {
  description: 'Ganeti clusters through the Remote API (RAPI v2).',
  attributes: {
    endpoint: optional('string', 'RAPI URL, e.g. https://ganeti-master:5080. Env: GANETI_ENDPOINT.'),
    username: optional('string', 'RAPI user (needs "write" for changes). Env: GANETI_USERNAME.'),
    password: optional('string', 'RAPI password. Env: GANETI_PASSWORD.', { sensitive: true }),
    ca_cert: optional('string', 'PEM of the CA (or the self-signed rapi.pem) to trust, or a path to it.'),
    ca_fingerprint: optional('string', 'SHA-256 fingerprint of the RAPI certificate to pin (sha256:HEX).'),
    insecure: optional('bool', 'Skip TLS verification (test clusters only).'),
    timeout: optional('number', 'Timeout of one RAPI request in seconds (default 30).'),
  },
};

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** TLS mode from the provider settings: fingerprint pin, CA, insecure, or the system trust store. */
function tlsFrom(config: ObjectValue): RapiTls {
  const fp = str(config.ca_fingerprint) ?? str(process.env.GANETI_CA_FINGERPRINT);
  if (fp) return { mode: 'fingerprint', sha256: fp };
  const ca = str(config.ca_cert) ?? str(process.env.GANETI_CA_CERT);
  if (ca) return { mode: 'ca', caPem: ca.includes('-----BEGIN') ? ca : readFileSync(ca, 'utf8') };
  if (config.insecure === true || process.env.GANETI_INSECURE === 'true') return { mode: 'insecure' };
  return { mode: 'system' };
}

/** Static checks of the provider block (values may still be unknown). */
function validate(config: ObjectValue): Diagnostic[] {
  const diags: Diagnostic[] = [];
  const endpoint = config.endpoint;
  if (typeof endpoint === 'string' && !/^https:\/\/[^/]+/.test(endpoint)) {
    diags.push(
      errorDiag(
        'Invalid endpoint',
        `endpoint must be an https URL such as https://host:5080, got "${endpoint}".`,
        ['endpoint'],
      ),
    );
  }
  if (typeof config.timeout === 'number' && !(config.timeout > 0)) {
    diags.push(
      errorDiag('Invalid timeout', `timeout must be a positive number of seconds, got ${config.timeout}.`, [
        'timeout',
      ]),
    );
  }
  return diags;
}

/** Builds the RAPI client from the provider block and the GANETI_* environment. */
async function configure(
  config: ObjectValue,
): Promise<{ client: RapiClient | null; diagnostics: Diagnostic[] }> {
  if (containsUnknown(config)) {
    return {
      client: null,
      diagnostics: [
        errorDiag(
          'Provider configuration not known yet',
          'The ganeti provider block depends on values known only after apply; set them from variables instead.',
        ),
      ],
    };
  }
  const endpoint = str(config.endpoint) ?? str(process.env.GANETI_ENDPOINT);
  const username = str(config.username) ?? str(process.env.GANETI_USERNAME);
  const password = str(config.password) ?? str(process.env.GANETI_PASSWORD);
  const missing = [
    endpoint ? null : 'endpoint (GANETI_ENDPOINT)',
    username ? null : 'username (GANETI_USERNAME)',
    password ? null : 'password (GANETI_PASSWORD)',
  ].filter((x) => x !== null);
  if (!endpoint || !username || !password) {
    return {
      client: null,
      diagnostics: [errorDiag('Incomplete ganeti provider configuration', `Missing: ${missing.join(', ')}.`)],
    };
  }
  try {
    const timeout = typeof config.timeout === 'number' ? config.timeout * 1000 : undefined;
    const client = new RapiClient({
      endpoint,
      username,
      password,
      tls: tlsFrom(config),
      ...(timeout ? { timeoutMs: timeout } : {}),
    });
    return { client, diagnostics: [] };
  } catch (err) {
    return { client: null, diagnostics: [diagFromError('Invalid ganeti provider configuration', err)] };
  }
}

/** The provider definition served by the plugin. */
export const ganetiProvider: ProviderSpec<RapiClient> = {
  schema,
  validate,
  configure,
  resources,
  dataSources,
};

// The ganeti provider: its configuration block (each setting also from GANETI_* variables, which explicit
// settings beat) and configure, which validates every setting before building the RAPI client.
import { readFileSync } from 'node:fs';
import { normalizeFingerprint, pemFingerprint, RapiClient } from '../ganeti/index.ts';
import type { RapiTls } from '../ganeti/types.ts';
import { containsUnknown, type ObjectValue, type Value } from './codec.ts';
import { type Diagnostic, errorDiag } from './diagnostics.ts';
import { log } from './log.ts';
import { dataSources, resources } from './registry.ts';
import { skipDryRun } from './resources/instance/checks.ts';
import { optional } from './schema.ts';
import type { ProviderSpec } from './spec.ts';

const schema = {
  description:
    'Ganeti clusters through the Remote API (RAPI v2). A setting given here beats its GANETI_* environment variable.',
  attributes: {
    endpoint: optional('string', 'RAPI URL, e.g. https://ganeti-master:5080. Env: GANETI_ENDPOINT.'),
    username: optional('string', 'RAPI user (needs "write" for changes). Env: GANETI_USERNAME.'),
    password: optional('string', 'RAPI password. Env: GANETI_PASSWORD.', { sensitive: true }),
    ca_cert: optional(
      'string',
      'PEM of the CA (or the self-signed rapi.pem) to trust, or a path to it. Env: GANETI_CA_CERT.',
    ),
    ca_fingerprint: optional(
      'string',
      'SHA-256 fingerprint of the RAPI certificate to pin (sha256:HEX, colons allowed). Env: GANETI_CA_FINGERPRINT.',
    ),
    insecure: optional('bool', 'Skip TLS verification (test clusters only). Env: GANETI_INSECURE=true.'),
    timeout: optional('number', 'Timeout of one RAPI request in seconds (default 30). Env: GANETI_TIMEOUT.'),
    dry_run_creates: optional(
      'bool',
      'Dry-run every planned instance create through RAPI at plan time, so placement, instance policy and ' +
        'permissions fail the plan (default true; one short Ganeti job per create and plan). Env: GANETI_DRY_RUN_CREATES.',
    ),
  },
};

const TLS_KEYS = ['ca_cert', 'ca_fingerprint', 'insecure'] as const;
const ENV: Record<string, string> = {
  endpoint: 'GANETI_ENDPOINT',
  username: 'GANETI_USERNAME',
  password: 'GANETI_PASSWORD',
  ca_cert: 'GANETI_CA_CERT',
  ca_fingerprint: 'GANETI_CA_FINGERPRINT',
  insecure: 'GANETI_INSECURE',
  timeout: 'GANETI_TIMEOUT',
  dry_run_creates: 'GANETI_DRY_RUN_CREATES',
};

/** One setting: its value and where it came from (the attribute path, or the variable, for messages). */
interface Setting {
  value: string;
  from: string;
  attribute: string[] | undefined;
}

/**
 * The effective settings: explicit provider settings beat GANETI_* variables. The TLS settings count as
 * one group: when the block sets any of them (even insecure = false), the TLS variables are ignored.
 */
function settings(config: ObjectValue, env: NodeJS.ProcessEnv): Record<string, Setting | undefined> {
  const explicitTls = TLS_KEYS.some((k) => (config[k] ?? null) !== null);
  const out: Record<string, Setting | undefined> = {};
  for (const [key, variable] of Object.entries(ENV)) {
    const v: Value | undefined = config[key];
    if (v !== null && v !== undefined && v !== '') {
      out[key] = { value: String(v), from: key, attribute: [key] };
    } else if (!(explicitTls && (TLS_KEYS as readonly string[]).includes(key)) && env[variable]) {
      out[key] = { value: String(env[variable]), from: variable, attribute: undefined };
    }
  }
  return out;
}

type Checked<T> = { value: T; diagnostics: Diagnostic[] };
const invalid = (s: Setting, summary: string, detail: string): Diagnostic =>
  errorDiag(summary, s.attribute ? detail : `${detail} (from ${s.from})`, s.attribute);

function endpointOf(s: Setting | undefined): Diagnostic[] {
  if (!s || /^https:\/\/[^/]+/.test(s.value)) return [];
  return [
    invalid(
      s,
      'Invalid endpoint',
      `endpoint must be an https URL such as https://host:5080, got "${s.value}".`,
    ),
  ];
}

function timeoutOf(s: Setting | undefined): Checked<number | undefined> {
  if (!s) return { value: undefined, diagnostics: [] };
  const secs = Number(s.value);
  if (secs > 0) return { value: secs * 1000, diagnostics: [] };
  return {
    value: undefined,
    diagnostics: [
      invalid(s, 'Invalid timeout', `timeout must be a positive number of seconds, got ${s.value}.`),
    ],
  };
}

/** TLS mode from the settings: fingerprint pin, CA, insecure, or the system trust store. */
function tlsOf(set: Record<string, Setting | undefined>): Checked<RapiTls> {
  const fp = set.ca_fingerprint;
  if (fp) {
    try {
      return { value: { mode: 'fingerprint', sha256: normalizeFingerprint(fp.value) }, diagnostics: [] };
    } catch {
      return {
        value: { mode: 'system' },
        diagnostics: [
          invalid(
            fp,
            'Invalid ca_fingerprint',
            `ca_fingerprint must be sha256: followed by 64 hex digits (colons allowed), got "${fp.value}".`,
          ),
        ],
      };
    }
  }
  const ca = set.ca_cert;
  if (ca) return caOf(ca);
  const insecure = set.insecure;
  if (insecure && !['true', 'false', '1', '0'].includes(insecure.value)) {
    return {
      value: { mode: 'system' },
      diagnostics: [
        invalid(insecure, 'Invalid insecure', `insecure must be true or false, got "${insecure.value}".`),
      ],
    };
  }
  if (insecure && (insecure.value === 'true' || insecure.value === '1'))
    return { value: { mode: 'insecure' }, diagnostics: [] };
  return { value: { mode: 'system' }, diagnostics: [] };
}

/** ca_cert: PEM text, or a readable file with at least one certificate. */
function caOf(ca: Setting): Checked<RapiTls> {
  const failed = (detail: string): Checked<RapiTls> => ({
    value: { mode: 'system' },
    diagnostics: [invalid(ca, 'Invalid ca_cert', detail)],
  });
  let pem = ca.value;
  if (!pem.includes('-----BEGIN')) {
    try {
      pem = readFileSync(pem, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : String(code);
      return failed(`Cannot read ca_cert file ${ca.value}: ${why}. Give the PEM text or a readable file.`);
    }
  }
  try {
    pemFingerprint(pem);
  } catch {
    return failed(`ca_cert${pem === ca.value ? '' : ` file ${ca.value}`} holds no PEM certificate.`);
  }
  return { value: { mode: 'ca', caPem: pem }, diagnostics: [] };
}

/** Checks of the provider block on its own (values may still be unknown; GANETI_* are checked at configure). */
function validate(config: ObjectValue): Diagnostic[] {
  const known: ObjectValue = {};
  for (const [k, v] of Object.entries(config)) if (!containsUnknown(v)) known[k] = v;
  const set = settings(known, {});
  return [...endpointOf(set.endpoint), ...timeoutOf(set.timeout).diagnostics, ...tlsOf(set).diagnostics];
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
  const set = settings(config, process.env);
  const timeout = timeoutOf(set.timeout);
  const tls = tlsOf(set);
  const diagnostics = [...endpointOf(set.endpoint), ...timeout.diagnostics, ...tls.diagnostics];
  const missing = (['endpoint', 'username', 'password'] as const)
    .filter((k) => !set[k])
    .map((k) => `${k} (${ENV[k]})`);
  if (missing.length)
    diagnostics.push(
      errorDiag('Incomplete ganeti provider configuration', `Missing: ${missing.join(', ')}.`),
    );
  if (diagnostics.length) return { client: null, diagnostics };
  const client = new RapiClient({
    endpoint: set.endpoint?.value ?? '',
    username: set.username?.value ?? '',
    password: set.password?.value ?? '',
    tls: tls.value,
    ...(timeout.value ? { timeoutMs: timeout.value } : {}),
    onRequest: (e) =>
      log(
        'DEBUG',
        `RAPI ${e.method} ${e.path} -> ${e.outcome}${e.jobId === undefined ? '' : ` job ${e.jobId}`} (${e.ms} ms)`,
      ),
  });
  const dryRun = set.dry_run_creates?.value;
  if (dryRun === 'false' || dryRun === '0') skipDryRun(client);
  log('DEBUG', `configured for ${client.endpoint} as ${client.username}, TLS ${tls.value.mode}`);
  return { client, diagnostics: [] };
}

/** The provider definition served by the plugin. */
export const ganetiProvider: ProviderSpec<RapiClient> = {
  schema,
  validate,
  configure,
  resources,
  dataSources,
};

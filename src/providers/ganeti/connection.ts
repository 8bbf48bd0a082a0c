// Builds the RAPI connection of a Ganeti deployment from its tfvars and stored secrets.
import type { RapiConnection, RapiTls } from '../../ganeti/types.ts';
import type { ProviderSecrets } from '../types.ts';

/** TLS mode from the ganeti_* tfvars: CA file, fingerprint pin, insecure, or the system CAs. */
export function tlsFromTfvars(tfvars: Record<string, unknown>): RapiTls {
  if (typeof tfvars.ganeti_ca_cert === 'string' && tfvars.ganeti_ca_cert)
    return { mode: 'ca', caPem: tfvars.ganeti_ca_cert };
  if (typeof tfvars.ganeti_ca_fingerprint === 'string' && tfvars.ganeti_ca_fingerprint) {
    return { mode: 'fingerprint', sha256: tfvars.ganeti_ca_fingerprint };
  }
  if (tfvars.ganeti_insecure === true) return { mode: 'insecure' };
  return { mode: 'system' };
}

/** The RapiConnection for a deployment (the password comes from the secrets, never from tfvars). */
export function connectionFromTfvars(
  tfvars: Record<string, unknown>,
  secrets: ProviderSecrets,
): RapiConnection {
  return {
    endpoint: String(tfvars.ganeti_endpoint),
    username: String(tfvars.ganeti_username),
    password: secrets.GANETI_PASSWORD ?? '',
    tls: tlsFromTfvars(tfvars),
    timeoutMs: 30_000,
  };
}

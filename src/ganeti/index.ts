// Public API of the Ganeti RAPI client, used by the ganeti provider and the Terraform provider; the
// pre-flight checks of init live with the provider (src/providers/ganeti/preflight-checks.ts).
export { RapiClient } from './client.ts';
export {
  GanetiApiError,
  GanetiConnectionError,
  GanetiJobError,
  GanetiTlsError,
  RAPI_PEM_FINGERPRINT_COMMAND,
  unescapeHtml,
} from './errors.ts';
export type { RapiMethod, RapiQuery, RapiRequest } from './http.ts';
export { isFinalStatus, jobError, parseOpResult, type WaitForJobOptions, waitForJob } from './jobs.ts';
export * from './networks.ts';
export { connectError, normalizeFingerprint, pemFingerprint } from './tls.ts';
export type * from './types.ts';

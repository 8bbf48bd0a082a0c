// Diagnostics for Ganeti RAPI errors in the provider's words (its settings and GANETI_* variables); the
// RAPI client reports only facts, the CLI words its own fixes (src/providers/ganeti/rapi-fix.ts).
import { GanetiConnectionError, GanetiTlsError, RAPI_PEM_FINGERPRINT_COMMAND } from '../ganeti/index.ts';
import { type Diagnostic, diagFromError } from './diagnostics.ts';

/** What to change in the provider block for a RAPI error, or undefined. */
export function providerFix(err: unknown): string | undefined {
  if (err instanceof GanetiTlsError) {
    const fp = err.serverFingerprint;
    return fp
      ? `If sha256:${fp} is the fingerprint of rapi.pem on the master node (${RAPI_PEM_FINGERPRINT_COMMAND}), ` +
          `set ca_fingerprint = "sha256:${fp}" in the provider "ganeti" block (or GANETI_CA_FINGERPRINT), ` +
          'or ca_cert to that rapi.pem.'
      : 'Set ca_cert (the cluster\'s rapi.pem or its CA) or ca_fingerprint = "sha256:HEX" in the provider "ganeti" block.';
  }
  if (err instanceof GanetiConnectionError && err.kind !== 'other')
    return (
      'The endpoint answers but is no RAPI over TLS: check the port of endpoint in the provider "ganeti" ' +
      'block (or GANETI_ENDPOINT); RAPI speaks https on port 5080 by default.'
    );
  if (err instanceof GanetiConnectionError)
    return 'Check endpoint in the provider "ganeti" block (or GANETI_ENDPOINT): https://HOST:5080, with ganeti-rapi listening there.';
  return undefined;
}

/** An error diagnostic for a thrown error, with the provider-side fix appended when there is one. */
export function ganetiDiag(summary: string, err: unknown, attribute?: (string | number)[]): Diagnostic {
  const d = diagFromError(summary, err);
  const fix = providerFix(err);
  if (fix) d.detail = `${d.detail ?? ''}\n${fix}`.trim();
  if (attribute) d.attribute = attribute;
  return d;
}

// What a CLI user should do about a Ganeti RAPI error, in the CLI's words (its flags). The RAPI client's
// errors carry only facts; the terraform provider words its own fixes (src/tf-provider/ganeti-errors.ts).
import { GanetiConnectionError, GanetiTlsError, RAPI_PEM_FINGERPRINT_COMMAND } from '../../ganeti/errors.ts';

/** The fix for a RAPI error as a CLI hint, or the error's own hint, or undefined. */
export function cliFix(err: unknown): string | undefined {
  if (err instanceof GanetiTlsError) {
    const fp = err.serverFingerprint;
    return fp
      ? `if sha256:${fp} matches rapi.pem on the master node (${RAPI_PEM_FINGERPRINT_COMMAND}), pass --ganeti-ca-fingerprint sha256:${fp}`
      : "pass --ganeti-ca-cert FILE (the cluster's rapi.pem or its CA) or --ganeti-ca-fingerprint sha256:HEX";
  }
  if (err instanceof GanetiConnectionError)
    return 'check --ganeti-endpoint (https://HOST:5080) and that ganeti-rapi runs and listens on that address';
  return err instanceof Error && 'hint' in err && typeof err.hint === 'string' ? err.hint : undefined;
}

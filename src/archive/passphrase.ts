// The passphrase of export files comes from the environment only, never from argv (visible in ps).
import { UsageError } from '../errors.ts';

/** Name of the environment variable holding the export passphrase. */
export const PASSPHRASE_ENV = 'EXASOL_EXPORT_PASSPHRASE';

/** The export passphrase; a usage error naming the variable when it is unset or empty. */
export function passphraseFromEnv(env: NodeJS.ProcessEnv): string {
  const value = env[PASSPHRASE_ENV];
  if (!value)
    throw new UsageError(
      `${PASSPHRASE_ENV} is not set: export files are encrypted with the passphrase in that variable (never taken from the command line)`,
    );
  return value;
}

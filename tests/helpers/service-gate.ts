// Decides whether an integration suite that needs a real system service runs.
// Off CI a missing service skips the suite with a one-line reason; with CI=true it is a failure.

/** Returns true when the suite must be skipped; throws on CI when the service is missing. */
export function skipUnlessService(service: string, missingReason: string | null): boolean {
  if (missingReason === null) return false;
  const line = `[${service}] integration suite skipped: ${missingReason}`;
  if (process.env.CI === 'true') {
    throw new Error(`${line} (CI=true: integration suites must not be skipped)`);
  }
  process.stderr.write(`${line}\n`);
  return true;
}

/** Reason string when any of the named environment variables is unset, else null. */
export function missingEnv(...names: string[]): string | null {
  const missing = names.filter((n) => !process.env[n]);
  return missing.length ? `${missing.join(', ')} unset` : null;
}

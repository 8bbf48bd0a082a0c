// Decides whether an integration suite that needs a real system service runs. Suites run only when
// pointed at a service by an explicit EXASOL_TEST_* variable (set by .ci/run or by the person running
// them), never against a service found by chance. Off CI a missing variable skips the suite with a
// one-line reason; with CI=true it is a failure.
import { appendFileSync } from 'node:fs';
import { relative } from 'node:path';
import { expect } from 'vitest';

/** The test file being collected, relative to the working directory ('' outside vitest). */
function currentFile(): string {
  const path = expect.getState().testPath;
  return path ? relative(process.cwd(), path) : '';
}

/**
 * Returns true when the suite must be skipped; throws on CI when the service is missing. Each skip is
 * printed as one line naming the file and, when EXASOL_TEST_SKIP_LOG names a file, appended there as
 * JSON (`{"file","service","reason"}`) for .ci/check-bare.mjs.
 */
export function skipUnlessService(service: string, missingReason: string | null): boolean {
  if (missingReason === null) return false;
  const file = currentFile();
  const line = `[${service}] integration suite skipped${file ? ` (${file})` : ''}: ${missingReason}`;
  if (process.env.CI === 'true') {
    throw new Error(`${line} (CI=true: integration suites must not be skipped)`);
  }
  process.stderr.write(`${line}\n`);
  const log = process.env.EXASOL_TEST_SKIP_LOG;
  if (log) appendFileSync(log, `${JSON.stringify({ file, service, reason: missingReason })}\n`);
  return true;
}

/** Reason string when any of the named environment variables is unset, else null. */
export function missingEnv(...names: string[]): string | null {
  const missing = names.filter((n) => !process.env[n]);
  return missing.length ? `${missing.join(', ')} unset` : null;
}

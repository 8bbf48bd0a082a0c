// First pre-flight lines: can we reach RAPI over TLS, and do the credentials allow writes?
import type { CheckResult } from '../preflight/types.ts';
import type { RapiClient } from './client.ts';
import { GanetiApiError } from './errors.ts';

/** What the later checks may do after the access checks. */
export interface AccessVerdict {
  lines: CheckResult[];
  canRead: boolean;
  canWrite: boolean;
  /** Why later checks are skipped when reading is impossible. */
  skipReason: string;
}

/** Words for a connection failure chosen by the caller (the CLI knows its flags); undefined: default. */
export type ExplainError = (err: unknown) => { detail: string; fix: string } | undefined;

/** Checks reachability (GET /version) and write permission (cancelling job 0, which changes nothing). */
export async function checkAccess(client: RapiClient, explain?: ExplainError): Promise<AccessVerdict> {
  const endpoint: CheckResult = {
    id: 'ganeti.endpoint',
    title: `RAPI at ${client.endpoint} reachable over TLS`,
    status: 'pass',
  };
  const creds: CheckResult = {
    id: 'ganeti.credentials',
    title: `RAPI user ${client.username} authenticated with write access`,
    status: 'pass',
  };
  try {
    await client.version();
  } catch (err) {
    if (err instanceof GanetiApiError && err.status === 401) {
      return {
        lines: [endpoint, fail(creds, err)],
        canRead: false,
        canWrite: false,
        skipReason: 'credentials are wrong',
      };
    }
    const why = 'RAPI endpoint is not reachable';
    const words = explain?.(err);
    return {
      lines: [words ? { ...endpoint, status: 'fail', ...words } : fail(endpoint, err), skip(creds, why)],
      canRead: false,
      canWrite: false,
      skipReason: why,
    };
  }
  try {
    await client.cancelJob(0);
    return { lines: [endpoint, creds], canRead: true, canWrite: true, skipReason: '' };
  } catch (err) {
    if (err instanceof GanetiApiError && err.status === 403) {
      return {
        lines: [endpoint, fail(creds, err)],
        canRead: true,
        canWrite: false,
        skipReason: 'user has no write access',
      };
    }
    return {
      lines: [endpoint, fail(creds, err)],
      canRead: false,
      canWrite: false,
      skipReason: 'write check failed',
    };
  }
}

function fail(line: CheckResult, err: unknown): CheckResult {
  const detail = err instanceof Error ? err.message : String(err);
  const hint = err instanceof Error && 'hint' in err && typeof err.hint === 'string' ? err.hint : undefined;
  return { ...line, status: 'fail', detail, ...(hint ? { fix: hint } : {}) };
}

/** A line that could not run, with the reason. */
export function skip(line: CheckResult, reason: string): CheckResult {
  return { ...line, status: 'skip', detail: `skipped: ${reason}` };
}

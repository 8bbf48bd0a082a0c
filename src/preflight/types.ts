// Result lines of pre-flight checks, shared by every provider and printed by `init` (human and --json).

/** Outcome of one check. */
export type CheckStatus = 'pass' | 'fail' | 'skip' | 'warn';

/** One pre-flight line: what was checked, how it went, and how to fix a failure. */
export interface CheckResult {
  id: string;
  title: string;
  status: CheckStatus;
  detail?: string;
  fix?: string;
}

/** True when no check failed. */
export function allPassed(results: readonly CheckResult[]): boolean {
  return results.every((r) => r.status !== 'fail');
}

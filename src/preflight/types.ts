// Result lines of pre-flight checks, shared by every provider and printed by `exasol init`.

/** Outcome of one check: skip means it could not run because an earlier check failed. */
export type CheckStatus = 'pass' | 'fail' | 'skip' | 'warn';

/** One pre-flight line: stable id for scripts, title and detail for people, fix when it failed. */
export interface CheckResult {
  id: string;
  title: string;
  status: CheckStatus;
  detail?: string;
  fix?: string;
}

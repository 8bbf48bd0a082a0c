// Typed errors with stable codes; the CLI maps them to exit codes in one place (src/cli/exit.ts).

/** Exit codes documented in the README. */
export const EXIT = {
  ok: 0,
  failed: 1,
  usage: 2,
  locked: 3,
  interrupted: 130,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Base error of the project: a code for scripts, a one-line message for people, an exit code. */
export class ExasolError extends Error {
  readonly code: string;
  readonly exitCode: ExitCode;
  readonly hint: string | undefined;

  constructor(
    code: string,
    message: string,
    options: { cause?: unknown; exitCode?: ExitCode; hint?: string } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ExasolError';
    this.code = code;
    this.exitCode = options.exitCode ?? EXIT.failed;
    this.hint = options.hint;
  }
}

/** Bad input from the user: names the flag and the accepted values; exit code 2. */
export class UsageError extends ExasolError {
  readonly flag: string | undefined;

  constructor(message: string, options: { flag?: string; accepted?: string; cause?: unknown } = {}) {
    const text = options.flag
      ? `${options.flag}: ${message}${options.accepted ? ` (accepted: ${options.accepted})` : ''}`
      : message;
    super('E_USAGE', text, { exitCode: EXIT.usage, cause: options.cause });
    this.name = 'UsageError';
    this.flag = options.flag;
  }
}

/** Another operation holds the deployment lock; exit code 3. */
export class LockedError extends ExasolError {
  constructor(message: string, hint?: string) {
    super('E_LOCKED', message, { exitCode: EXIT.locked, hint });
    this.name = 'LockedError';
  }
}

/** The user interrupted an operation (SIGINT/SIGTERM); exit code 130. */
export class InterruptedError extends ExasolError {
  constructor(message = 'interrupted') {
    super('E_INTERRUPTED', message, { exitCode: EXIT.interrupted });
    this.name = 'InterruptedError';
  }
}

/** Type guard that works across module copies (bundled chunks). */
export function isExasolError(err: unknown): err is ExasolError {
  return err instanceof Error && typeof (err as Partial<ExasolError>).exitCode === 'number' && 'code' in err;
}

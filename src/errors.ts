// Typed errors with stable codes from one registry; src/cli/main.ts prints them and maps them to exit
// codes in one place.

import type { CheckResult } from './preflight/types.ts';

/** Exit codes documented in the README. */
export const EXIT = {
  ok: 0,
  failed: 1,
  usage: 2,
  locked: 3,
  interrupted: 130,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * Every error code the CLI prints (`error: MESSAGE [E_CODE]`; with --json
 * `{"ok":false,"error":{"code","message","hint"}}` on stdout) and what it means; docs/exit-codes.md
 * lists the same codes (a test keeps the two equal).
 */
export const ERROR_CODES = {
  E_USAGE: 'bad input: a flag or its value (names the flag and the accepted values)',
  E_TRANSITION: "the command does not apply to the deployment's current status",
  E_NOT_CONFIRMED: 'a destructive command without a terminal and without --yes',
  E_LOCKED: 'another operation holds the deployment lock',
  E_INTERRUPTED: 'SIGINT/SIGTERM stopped the operation',
  E_NOT_DEPLOYMENT: 'the directory has no .exasol.json',
  E_BASH_DEPLOYMENT: 'the directory was made by the bash exasol-deployer',
  E_STATE_CORRUPT: '.exasol.json is unreadable or not a state file this CLI reads',
  E_DEPLOYMENT_FILE: 'another file of the deployment directory is missing or broken',
  E_DIR: 'the deployment directory cannot be used or made',
  E_FS: 'a file or folder cannot be read or written (the message names the path and the system error)',
  E_UNSAFE_FILE: 'a file exasol writes is a symbolic link or not a regular file',
  E_UNSAFE_PATH: 'the deployment path cannot be written into ssh_config or ansible.cfg',
  E_BAD_NODE: "terraform's outputs name a node or address exasol never creates",
  E_BAD_HOST: 'a node name read back is not a host name (refused before ssh)',
  E_LOCK_DAMAGED: 'the lock file is damaged in a way exasol cannot clear',
  E_EXPORT_NO_KEY: 'export without the SSH private key',
  E_IMPORT_FOREIGN_FILE: 'the archive holds a file export never writes',
  E_IMPORT_TOO_LARGE: 'the archive or its unpacked payload is over the size bound',
  E_GANETI_JOBS_PENDING: "Ganeti jobs on the deployment's instances did not finish in time",
  E_SECRETS: 'secrets.json lacks a password',
  E_NO_ENGINE: 'no terraform engine is recorded for the deployment',
  E_ENGINE_MISSING: 'the terraform/tofu binary is not found',
  E_ENGINE_VERSION: 'the terraform/tofu binary is too old or unreadable',
  E_TOOL_MISSING: 'a tool the command runs is not installed',
  E_PROVIDER_DOWNLOAD: 'terraform init cannot reach the registry to download a Terraform provider',
  E_TOOL_FAILED: 'a tool the command ran failed (its last lines and the log path are shown)',
  E_TF_OUTPUT: 'terraform printed something other than the JSON asked for',
  E_TF_OUTPUTS: "terraform's outputs break the outputs contract (templates/README.md)",
  E_NO_NODES: 'terraform finished but its outputs list no nodes',
  E_NO_ADDRESS: 'a node has no address to reach it by',
  E_SSH_TIMEOUT: 'nodes did not answer over SSH in time',
  E_PREFLIGHT: 'a pre-flight check of init failed (with --json: "checks")',
  E_NOT_DEPLOYED: 'the command needs a deployed cluster',
  E_UNHEALTHY: 'a health check failed (with --json: the fields of the report)',
  E_HEALTH_TIMEOUT:
    'health --wait-for did not see the state in time (with --json: the fields of the last report)',
  E_LEFTOVERS: 'destroy found resources left on the target',
  E_INTERNAL: 'an operation failed in an unexpected way (the cause is logged)',
  E_EXPORT_WRITE: 'the export archive cannot be written',
  E_IMPORT_NOT_EXPORT: 'the file is not an exasol export archive',
  E_IMPORT_VERSION: 'the archive has a format version this CLI does not read',
  E_IMPORT_TRUNCATED: 'the archive ends early',
  E_IMPORT_CORRUPT: 'the archive fails its integrity check',
  E_IMPORT_DECRYPT: 'the passphrase does not open the archive',
  E_IMPORT_UNSAFE_PATH: 'the archive holds a path outside its directory',
  E_IMPORT_NOT_DEPLOYMENT: 'the archive holds no deployment directory',
  E_BACKEND_ENV: 'a state-backend setting is missing from the environment',
  E_BACKEND_CONNECT: 'the PostgreSQL state backend cannot be reached',
  E_BACKEND_LOST: 'the shared state lock was lost while the operation ran',
  E_GANETI_CONNECT: 'Ganeti RAPI cannot be reached',
  E_GANETI_HTTP: 'Ganeti RAPI answered with an HTTP error (its status is in the message)',
  E_GANETI_TLS: 'the RAPI certificate fails verification',
  E_GANETI_JOB: 'a Ganeti job failed',
  E_GANETI_JOB_TIMEOUT: 'a Ganeti job did not finish in time',
  E_GANETI_CAPACITY: 'the Ganeti cluster lacks room for the request',
} as const;
/** A code of the registry. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** Base error of the project: a code for scripts, a one-line message for people, an exit code. */
export class ExasolError extends Error {
  readonly code: ErrorCode;
  readonly exitCode: ExitCode;
  readonly hint: string | undefined;
  /** Structured findings behind the error (pre-flight checks, a health report), printed with --json. */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    code: ErrorCode,
    message: string,
    options: { cause?: unknown; exitCode?: ExitCode; hint?: string; details?: Record<string, unknown> } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ExasolError';
    this.code = code;
    this.exitCode = options.exitCode ?? EXIT.failed;
    this.hint = options.hint;
    this.details = options.details ?? {};
  }
}

/** Bad input from the user: names the flag and the accepted values; exit code 2. */
export class UsageError extends ExasolError {
  readonly flag: string | undefined;

  constructor(message: string, options: { flag?: string; accepted?: string; cause?: unknown } = {}) {
    const text = options.flag
      ? `${options.flag}: ${message}${options.accepted ? ` (accepted: ${options.accepted})` : ''}`
      : message;
    // A usage error is always one line: control characters from user input are shown escaped.
    super('E_USAGE', text.replace(/\r/g, '\\r').replace(/\n/g, '\\n'), {
      exitCode: EXIT.usage,
      cause: options.cause,
    });
    this.name = 'UsageError';
    this.flag = options.flag;
  }
}

/** Pre-flight checks of init failed; the checks travel along (printed, or in the --json document). */
export class PreflightError extends ExasolError {
  readonly checks: readonly CheckResult[];

  constructor(message: string, checks: readonly CheckResult[]) {
    super('E_PREFLIGHT', message, { details: { checks } });
    this.name = 'PreflightError';
    this.checks = checks;
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

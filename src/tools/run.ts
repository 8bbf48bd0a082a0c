// The one place that starts external processes: execa with a clean error, redaction and optional log file.
import { existsSync } from 'node:fs';
import type { execa as Execa, ResultPromise } from 'execa';
import { ExasolError, InterruptedError } from '../errors.ts';
import { appendPrivate } from '../util/fs-atomic.ts';
import type { InterruptScope } from '../util/interrupt.ts';

/** Options for one tool invocation. */
export interface RunOptions {
  cwd?: string;
  /** Extra environment merged over process.env (secrets go here, never in args). */
  env?: Record<string, string | undefined>;
  input?: string;
  timeoutMs?: number;
  /** Append the tool's output to this file (0600, secrets redacted). */
  logFile?: string;
  /** Values to blank out of logs and error messages. */
  redact?: readonly string[];
  /** Called with each output line (stdout and stderr) as it arrives. */
  onLine?: (line: string) => void;
  /** Reject on non-zero exit (default true). */
  reject?: boolean;
  signal?: AbortSignal;
  /** Forward SIGINT/SIGTERM to the child exactly once (it runs in its own process group). */
  interrupt?: InterruptScope;
  /** The child gets SIGTERM when exasol dies, even by SIGKILL (util-linux setpriv --pdeathsig), and
   * ignores SIGPIPE so it can still finish and record its work once our end of its output is gone. */
  dieWithParent?: boolean;
}

/** Where util-linux setpriv is (Debian/Ubuntu/RHEL ship it); without it children are only waited for. */
const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => existsSync(p));

/** `file args` wrapped so that the process (same pid through both execs) dies with its parent. */
export function parentBoundCommand(file: string, args: readonly string[]): [string, string[]] {
  if (!SETPRIV) return [file, [...args]];
  return [
    '/bin/sh',
    ['-c', 'trap "" PIPE; exec "$0" "$@"', SETPRIV, '--pdeathsig', 'TERM', '--', file, ...args],
  ];
}

/** Result of a finished process. */
export interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** True when the process was killed after `timeoutMs` (seen with `reject: false`). */
  timedOut?: boolean;
}

/** Replaces every secret in `text` with ***. */
export function redact(text: string, secrets: readonly string[] = []): string {
  return secrets.filter((s) => s.length >= 4).reduce((t, s) => t.split(s).join('***'), text);
}

/**
 * Starts `file args` with `execa` and returns the child (for signal forwarding); await it for the
 * result. execa is imported by `run` on its first call: commands that start no process (`status`,
 * `--help`) never load it.
 */
export function start(
  execa: typeof Execa,
  file: string,
  args: readonly string[],
  opts: RunOptions = {},
): ResultPromise {
  const [cmd, argv] = opts.dieWithParent ? parentBoundCommand(file, args) : [file, [...args]];
  return execa(cmd, argv, {
    cwd: opts.cwd,
    env: opts.env,
    extendEnv: true,
    input: opts.input,
    stdin: opts.input === undefined ? 'ignore' : 'pipe',
    timeout: opts.timeoutMs,
    reject: false,
    all: true,
    cancelSignal: opts.signal,
    forceKillAfterDelay: 30_000,
    // In its own process group a terminal's Ctrl-C reaches only us; we forward one SIGINT.
    detached: opts.interrupt !== undefined,
  });
}

/** Runs a tool to completion; a failure names the command and ends with its last output lines. */
export async function run(file: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  const { execa } = await import('execa');
  const child = start(execa, file, args, opts);
  const untrack = opts.interrupt?.track(child);
  if (opts.onLine) {
    const onLine = opts.onLine;
    let buf = '';
    child.all?.on('data', (chunk: Buffer) => {
      buf += chunk.toString();
      const lines = buf.split('\n');
      buf = lines.pop() ?? '';
      for (const l of lines) onLine(redact(l, opts.redact));
    });
  }
  const result = await child.finally(() => untrack?.());
  const all = String(result.all ?? '');
  if (opts.logFile) {
    await appendPrivate(opts.logFile, redact(`$ ${[file, ...args].join(' ')}\n${all}\n`, opts.redact));
  }
  const exitCode = result.exitCode ?? (result.failed ? 1 : 0);
  if (result.failed && opts.interrupt?.signal) {
    throw new InterruptedError(`${file} ${args[0] ?? ''} stopped after ${opts.interrupt.signal}`);
  }
  if (result.failed && opts.reject !== false) {
    const why = result.timedOut
      ? `timed out after ${opts.timeoutMs} ms`
      : result.isCanceled
        ? 'was cancelled'
        : result.code === 'ENOENT' || (opts.dieWithParent && SETPRIV && exitCode === 127)
          ? 'was not found'
          : `exited with code ${exitCode}`;
    const tail = redact(all, opts.redact).trim().split('\n').slice(-20).join('\n');
    throw new ExasolError('E_TOOL_FAILED', `${file} ${args[0] ?? ''} ${why}${tail ? `:\n${tail}` : ''}`, {
      cause: result,
    });
  }
  return {
    exitCode,
    stdout: String(result.stdout ?? ''),
    stderr: String(result.stderr ?? ''),
    ...(result.timedOut ? { timedOut: true } : {}),
  };
}

// How core code talks to the user: it never prints, prompts or exits itself; the host decides
// about TTY, CI, --yes, --json, colours and log levels.

/** Log levels, least severe first. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A long-running step shown as a spinner on a TTY, timestamped lines otherwise. */
export interface Progress {
  update(text: string): void;
  succeed(text?: string): void;
  fail(text?: string): void;
}

/** A question with a fallback for when nobody can answer. */
export interface Question {
  message: string;
  /** The flag that supplies the answer non-interactively (named in the error). */
  flag: string;
  choices?: readonly string[];
  secret?: boolean;
}

/** A destructive step that needs the user's yes: typing `typed` on a terminal, or the flag. */
export interface Confirmation {
  /** The question on a terminal. */
  message: string;
  /** What the user must type to go ahead (e.g. the deployment id). */
  typed: string;
  /** The flag that answers yes without a terminal (`--yes`). */
  flag: string;
  /** What is at stake, for the error without a terminal ("destroy deletes every resource …"). */
  stake: string;
  /** What did not happen, for the error after a wrong answer ("nothing was destroyed"). */
  notDone: string;
}

/** Options of a command's result. */
export interface ResultOptions {
  /** The JSON document on one line (`version --json`). */
  compact?: boolean;
}

/** The user-facing side of every action. */
export interface IoHost {
  /** True when questions may be asked (TTY on stdin and stderr, CI not set). */
  readonly interactive: boolean;
  log(level: LogLevel, message: string): void;
  /**
   * Lines meant to be copied (fix commands): printed as a block without the level prefix, indented,
   * so they can be pasted into a shell as they are. Hosts without it fall back to log().
   */
  block?(level: LogLevel, lines: readonly string[]): void;
  /** Data for scripts: written to stdout as-is. */
  data(text: string): void;
  /** Asks for a value; throws a UsageError naming the flag when not interactive. */
  ask(q: Question): Promise<string>;
  /**
   * Returns once the user said yes: `--yes`, or `typed` typed at the terminal. Throws a UsageError
   * naming the flag when nobody can answer, E_NOT_CONFIRMED (exit 2) after a wrong answer.
   */
  confirm(c: Confirmation): Promise<void>;
  /**
   * A command's result: with --json the JSON document of `value` on stdout, otherwise `human(value)`
   * prints it for people. The one place a command's output depends on --json.
   */
  result<T>(value: T, human: (value: T) => void, opts?: ResultOptions): void;
  /**
   * What a failing command shows people before its error is printed (the failed checks, the last
   * health report); nothing with --json, whose failure document carries the same data.
   */
  failureDetail(human: () => void): void;
  progress(text: string): Progress;
}

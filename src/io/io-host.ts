// How core code talks to the user: it never prints, prompts or exits itself; the host decides
// about TTY, CI, --yes, --json, colours and log levels.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

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

/** The user-facing side of every action. */
export interface IoHost {
  /** True when questions may be asked (TTY on stdin and stderr, CI not set). */
  readonly interactive: boolean;
  /** True when --yes was given: confirmations are answered yes. */
  readonly assumeYes: boolean;
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
  /** Asks yes/no; `--yes` answers yes; non-interactive without --yes answers `fallback`. */
  confirm(message: string, fallback: boolean): Promise<boolean>;
  progress(text: string): Progress;
}

// The terminal implementation of IoHost: chalk colours, ora spinners, @inquirer/prompts, stderr logs.
import chalk from 'chalk';
import { ExasolError, UsageError } from '../errors.ts';
import type { Confirmation, IoHost, LogLevel, Progress, Question, ResultOptions } from './io-host.ts';

const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** Settings decided from global flags and the environment. */
export interface CliIoOptions {
  logLevel: LogLevel;
  color: boolean;
  assumeYes: boolean;
  json: boolean;
  env?: NodeJS.ProcessEnv;
  stdinIsTTY?: boolean;
  stderrIsTTY?: boolean;
}

/** Whether prompts are allowed: both ends are terminals and CI is not set. */
export function isInteractive(env: NodeJS.ProcessEnv, stdinTTY: boolean, stderrTTY: boolean): boolean {
  return stdinTTY && stderrTTY && !env.CI;
}

/** IoHost for the `exasol` command line. */
export class CliIoHost implements IoHost {
  readonly interactive: boolean;
  /** --yes: confirmations are answered yes. */
  private readonly assumeYes: boolean;
  private readonly opts: CliIoOptions;
  private readonly fancy: boolean;

  constructor(opts: CliIoOptions) {
    const env = opts.env ?? process.env;
    this.opts = opts;
    this.assumeYes = opts.assumeYes;
    this.interactive = isInteractive(
      env,
      opts.stdinIsTTY ?? Boolean(process.stdin.isTTY),
      opts.stderrIsTTY ?? Boolean(process.stderr.isTTY),
    );
    // A terminal that reports 0 columns (some CI pseudo-terminals) makes ora loop forever: use lines.
    this.fancy =
      (opts.stderrIsTTY ?? Boolean(process.stderr.isTTY)) && !env.CI && (process.stderr.columns ?? 0) > 0;
    if (!opts.color) chalk.level = 0;
  }

  log(level: LogLevel, message: string): void {
    if (ORDER[level] < ORDER[this.opts.logLevel]) return;
    const prefix = {
      debug: chalk.gray('debug'),
      info: chalk.cyan('info'),
      warn: chalk.yellow('warn'),
      error: chalk.red('error'),
    }[level];
    process.stderr.write(`${prefix}: ${message}\n`);
  }

  block(level: LogLevel, lines: readonly string[]): void {
    if (ORDER[level] < ORDER[this.opts.logLevel]) return;
    for (const line of lines) process.stderr.write(`    ${line}\n`);
  }

  data(text: string): void {
    process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  async ask(q: Question): Promise<string> {
    if (!this.interactive) {
      throw new UsageError('required', {
        flag: q.flag,
        ...(q.choices ? { accepted: q.choices.join(', ') } : {}),
      });
    }
    const prompts = await import('@inquirer/prompts');
    if (q.choices)
      return prompts.select(
        { message: q.message, choices: q.choices.map((c) => ({ value: c, name: c })) },
        { output: process.stderr },
      );
    if (q.secret) return prompts.password({ message: q.message, mask: '*' }, { output: process.stderr });
    return prompts.input({ message: q.message, required: true }, { output: process.stderr });
  }

  async confirm(c: Confirmation): Promise<void> {
    if (this.assumeYes) return;
    if (!this.interactive)
      throw new UsageError(`${c.stake}; pass ${c.flag} to confirm when not on a terminal`, { flag: c.flag });
    const answer = (await this.ask({ message: c.message, flag: c.flag })).trim();
    if (answer !== c.typed)
      throw new ExasolError('E_NOT_CONFIRMED', `'${answer}' is not ${c.typed}; ${c.notDone}`, {
        exitCode: 2,
      });
  }

  result<T>(value: T, human: (value: T) => void, opts: ResultOptions = {}): void {
    if (this.opts.json) this.data(JSON.stringify(value, null, opts.compact ? undefined : 2));
    else human(value);
  }

  failureDetail(human: () => void): void {
    if (!this.opts.json) human();
  }

  progress(text: string): Progress {
    if (ORDER.info < ORDER[this.opts.logLevel]) return { update() {}, succeed() {}, fail() {} };
    if (!this.fancy) return new LineProgress(text);
    return new SpinnerProgress(text);
  }
}

/** Plain lines for logs and CI, in the layout of every other line (`info: ✔ text (3s)`). */
class LineProgress implements Progress {
  private last: string;
  private readonly started = Date.now();
  constructor(text: string) {
    this.last = text;
    this.line('…', text);
  }
  private line(mark: string, text: string): void {
    const s = Math.round((Date.now() - this.started) / 1000);
    const elapsed = mark === '…' ? '' : ` (${s}s)`;
    process.stderr.write(`${chalk.cyan('info')}: ${mark} ${text}${elapsed}\n`);
  }
  update(text: string): void {
    if (text !== this.last) this.line('…', text);
    this.last = text;
  }
  succeed(text?: string): void {
    this.line('✔', text ?? this.last);
  }
  fail(text?: string): void {
    this.line('✖', text ?? this.last);
  }
}

/** An ora spinner (loaded lazily) with elapsed time. */
class SpinnerProgress implements Progress {
  private spinner: { text: string; succeed(t?: string): void; fail(t?: string): void } | undefined;
  private text: string;
  private readonly started = Date.now();
  private readonly ready: Promise<void>;
  // Refreshes the elapsed time while a tool is silent (terraform can be quiet for minutes).
  private readonly ticker = setInterval(() => this.update(this.text), 1000).unref();
  constructor(text: string) {
    this.text = text;
    this.ready = import('ora').then(({ default: ora }) => {
      this.spinner = ora({ text: this.decorate(), stream: process.stderr }).start();
    });
  }
  private decorate(): string {
    const s = Math.round((Date.now() - this.started) / 1000);
    return `${this.text} ${chalk.gray(s >= 60 ? `${Math.floor(s / 60)}m${s % 60}s` : `${s}s`)}`;
  }
  update(text: string): void {
    this.text = text;
    if (this.spinner) this.spinner.text = this.decorate();
  }
  succeed(text?: string): void {
    clearInterval(this.ticker);
    if (text) this.text = text;
    void this.ready.then(() => this.spinner?.succeed(this.decorate()));
  }
  fail(text?: string): void {
    clearInterval(this.ticker);
    if (text) this.text = text;
    void this.ready.then(() => this.spinner?.fail(this.decorate()));
  }
}

// Prints pre-flight results as one line each on stderr.
import chalk from 'chalk';
import type { IoHost } from '../io/io-host.ts';
import type { CheckResult } from '../preflight/types.ts';

const MARK = {
  pass: chalk.green('✔'),
  fail: chalk.red('✖'),
  skip: chalk.gray('-'),
  warn: chalk.yellow('!'),
} as const;

/** One line per check: mark, title, detail; a failure adds its fix. */
export function printChecks(checks: readonly CheckResult[], io: IoHost): void {
  for (const c of checks) {
    const detail = c.status === 'skip' ? `skipped (${c.detail ?? 'not applicable'})` : (c.detail ?? '');
    io.log(
      c.status === 'fail' ? 'error' : 'info',
      `${MARK[c.status]} ${c.title}${detail ? `: ${detail}` : ''}`,
    );
    if (c.status === 'fail' && c.fix) io.log('error', `    fix: ${c.fix}`);
  }
}

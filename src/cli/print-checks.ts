// Prints pre-flight results as one line each on stderr.
import chalk from 'chalk';
import type { IoHost } from '../io/io-host.ts';
import type { CheckResult } from '../preflight/types.ts';

// Coloured when printed, not at load: the IoHost turns colour off (--no-color, NO_COLOR) after import.
const MARK = {
  pass: () => chalk.green('✔'),
  fail: () => chalk.red('✖'),
  skip: () => chalk.gray('-'),
  warn: () => chalk.yellow('!'),
} as const;

/** One line per check: mark, title, detail; a failure adds its fix lines. */
export function printChecks(checks: readonly CheckResult[], io: IoHost): void {
  for (const c of checks) {
    const detail =
      c.status === 'skip'
        ? `skipped (${(c.detail ?? 'not applicable').replace(/^skipped:?\s*/i, '')})`
        : (c.detail ?? '');
    io.log(
      c.status === 'fail' ? 'error' : 'info',
      `${MARK[c.status]()} ${c.title}${detail ? `: ${detail}` : ''}`,
    );
    // A fix may list several ways (one per line); each gets its own line.
    if (c.status === 'fail' && c.fix) for (const way of c.fix.split('\n')) io.log('error', `    fix: ${way}`);
  }
}

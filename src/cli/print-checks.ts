// Prints pre-flight results as one line each on stderr; fixes follow as a pasteable block.
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
      c.status === 'fail' ? 'error' : c.status === 'warn' ? 'warn' : 'info',
      `${MARK[c.status]()} ${c.title}${detail ? `: ${detail}` : ''}`,
    );
    // A fix may list several ways (one per line): a `fix:` line, then the commands as a block that
    // pastes into a shell as it is.
    if ((c.status === 'fail' || c.status === 'warn') && c.fix) {
      const level = c.status === 'fail' ? 'error' : 'warn';
      const ways = c.fix.split('\n');
      if (io.block) {
        io.log(level, 'fix:');
        io.block(level, ways);
      } else for (const way of ways) io.log(level, `fix: ${way}`);
    }
  }
}

/** The closing line after the check lines: how many passed, were skipped or warned. */
export function checksSummary(checks: readonly CheckResult[]): string {
  const n = (s: CheckResult['status']) => checks.filter((c) => c.status === s).length;
  const parts = [`${n('pass')} passed`, `${n('skip')} skipped`, `${n('warn')} warning(s)`];
  return n('fail') > 0
    ? `${MARK.fail()} pre-flight checks failed: ${n('fail')} failed, ${parts.join(', ')}`
    : `${MARK.pass()} pre-flight checks passed (${parts.join(', ')})`;
}

// The global flags, accepted before or after the command (read back by globalsOf in global-options.ts).
// Kept apart from the IoHost so building the program (`--help`) loads no terminal styling.
import type { Command } from 'commander';
import { Option } from 'commander';
import { oneOf } from '../options/parsers.ts';

/** Adds the global options to the program. */
export function addGlobalOptions(program: Command): Command {
  return program
    .addOption(new Option('--deployment-dir <dir>', 'deployment directory').default('.'))
    .addOption(
      new Option('--log-level <level>', 'debug, info, warn or error')
        .argParser((raw: string) => oneOf(['debug', 'info', 'warn', 'error'])(raw, '--log-level'))
        .default('info'),
    )
    .addOption(new Option('--no-color', 'disable colours (also NO_COLOR)'))
    .addOption(new Option('--json', 'print data as JSON on stdout'))
    .addOption(new Option('-y, --yes', 'answer yes to confirmations (never creates anything on its own)'));
}

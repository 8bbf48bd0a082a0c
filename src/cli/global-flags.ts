// The global flags, accepted before or after the command (read back by globalsOf in global-options.ts).
// Kept apart from the IoHost so building the program (`--help`) loads no terminal styling.
import type { Command } from 'commander';
import { GLOBAL_FLAGS } from '../options/command-flags.ts';
import type { FlagTable } from '../options/flag.ts';
import { toOption } from '../options/to-commander.ts';

/** Adds the options of a flag table to `cmd`. */
export function addFlags(cmd: Command, table: FlagTable): Command {
  for (const flag of Object.values(table)) cmd.addOption(toOption(flag));
  return cmd;
}

/** Adds the global options to the program. */
export function addGlobalOptions(program: Command): Command {
  return addFlags(program, GLOBAL_FLAGS);
}

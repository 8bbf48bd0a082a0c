// Recognises two common slips before commander reports them less helpfully: a command's option put
// before the command (`exasol --cloud-provider aws init`), and a directory typed where the command
// belongs (`exasol demo status`). Returns the one-line error to print (exit 2), or null.
import { existsSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { exasolCommand } from '../util/shell-quote.ts';

const flagOf = (tok: string): string => tok.split('=')[0] ?? tok;

function hasOption(cmd: Command, flag: string): boolean {
  return cmd.options.some((o) => o.long === flag || o.short === flag);
}

/** The error for a misplaced option or a directory in the command's place, or null. */
export function misplacedHint(program: Command, argv: readonly string[]): string | null {
  const names = new Set(program.commands.flatMap((c) => [c.name(), ...c.aliases()]));
  names.add('help');
  const cmdAt = argv.findIndex((t) => names.has(t));
  const before = cmdAt < 0 ? argv : argv.slice(0, cmdAt);
  for (const tok of before) {
    if (!tok.startsWith('-') || hasOption(program, flagOf(tok))) continue;
    const owner = program.commands.find((c) => hasOption(c, flagOf(tok)));
    if (!owner) return null;
    const target = cmdAt >= 0 ? argv[cmdAt] : owner.name();
    const rest = argv.filter((_t, i) => i !== cmdAt);
    if (target !== owner.name())
      return `${flagOf(tok)} is an option of ${owner.name()}, not ${target}: ${exasolCommand(owner.name())} …`;
    return `${flagOf(tok)} is an option of ${owner.name()}: ${exasolCommand(owner.name(), ...rest)}`;
  }
  const first = argv[0];
  const next = argv[1];
  if (first && !first.startsWith('-') && !names.has(first) && next && names.has(next)) {
    if (existsSync(first) && statSync(first).isDirectory())
      return `'${first}' is not a command; for the deployment in ${first}: ${exasolCommand(next, ...argv.slice(2), '--deployment-dir', first)}`;
  }
  return null;
}

// Entry point of the `exasol` command: parse, run, map errors to exit codes in one place.
import { CommanderError } from 'commander';
import { EXIT, isExasolError } from '../errors.ts';
import { systemError } from '../util/system-error.ts';
import { misplacedHint } from './misplaced.ts';
import { buildProgram } from './program.ts';

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  process.umask(0o077);
  const program = buildProgram();
  program.configureOutput({
    writeErr: (s) => process.stderr.write(s),
    outputError: (s, write) => write(s),
  });
  const misplaced = misplacedHint(program, argv);
  if (misplaced) {
    process.stderr.write(`error: ${misplaced}\n`);
    return EXIT.usage;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (err) {
    return reportError(err);
  }
}

/** Prints one line for an error and returns its exit code. */
export function reportError(err: unknown): number {
  if (err instanceof CommanderError) {
    if (err.exitCode === 0) return EXIT.ok;
    return EXIT.usage;
  }
  // @inquirer/prompts rejects with ExitPromptError when Ctrl-C ends a prompt.
  if (err instanceof Error && err.name === 'ExitPromptError') {
    process.stderr.write('error: interrupted at the prompt; nothing was written\n');
    return EXIT.interrupted;
  }
  if (isExasolError(err)) {
    process.stderr.write(`error: ${err.message}\n`);
    if (err.hint) process.stderr.write(`hint: ${err.hint}\n`);
    if (process.env.EXASOL_LOG_LEVEL === 'debug' && err.cause)
      process.stderr.write(`cause: ${String(err.cause)}\n`);
    return err.exitCode;
  }
  const sys = systemError(err);
  if (sys) {
    process.stderr.write(`error: ${sys.message}\nhint: ${sys.hint}\n`);
    if (process.env.EXASOL_LOG_LEVEL === 'debug') process.stderr.write(`cause: ${(err as Error).stack}\n`);
    return EXIT.failed;
  }
  process.stderr.write(`error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  return EXIT.failed;
}

const isEntry = process.argv[1] && /(?:exasol(?:\.js)?|cli\.js|main\.ts)$/.test(process.argv[1]);
if (isEntry) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}

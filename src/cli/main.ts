// Entry point of the `exasol` command: parse, run, map errors to exit codes in one place.
import { CommanderError } from 'commander';
import { EXIT, ExasolError, isExasolError, UsageError } from '../errors.ts';
import { cliFix } from '../providers/ganeti/rapi-fix.ts';
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
  if (misplaced) return reportError(new UsageError(misplaced), wantsJson(argv));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (err) {
    return reportError(err, wantsJson(argv));
  }
}

/** Whether `--json` stands among the options (not after `--`). */
function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).includes('--json');
}

/** The one failure document of --json: code, message and hint, plus the error's structured details. */
export function errorDocument(err: ExasolError): Record<string, unknown> {
  return {
    ...err.details,
    ok: false,
    error: { code: err.code, message: err.message, hint: cliFix(err) ?? null },
  };
}

/**
 * Prints an error and returns its exit code: `error: MESSAGE [E_CODE]` (and `hint: …`) on stderr;
 * with `json` also the failure document on stdout. Anything not an ExasolError is a bug: its stack.
 */
export function reportError(err: unknown, json = false): number {
  if (err instanceof CommanderError) {
    if (err.exitCode === 0) return EXIT.ok;
    // commander has printed its message; scripts still get one document.
    if (json) {
      const message = err.message.replace(/^error: /, '');
      process.stdout.write(`${JSON.stringify(errorDocument(new UsageError(message)), null, 2)}\n`);
    }
    return EXIT.usage;
  }
  // @inquirer/prompts rejects with ExitPromptError when Ctrl-C ends a prompt.
  if (err instanceof Error && err.name === 'ExitPromptError') {
    process.stderr.write('error: interrupted at the prompt; nothing was written\n');
    return EXIT.interrupted;
  }
  if (isExasolError(err)) {
    process.stderr.write(`error: ${err.message} [${err.code}]\n`);
    const hint = cliFix(err);
    if (hint) process.stderr.write(`hint: ${hint}\n`);
    if (process.env.EXASOL_LOG_LEVEL === 'debug' && err.cause)
      process.stderr.write(`cause: ${String(err.cause)}\n`);
    if (json) process.stdout.write(`${JSON.stringify(errorDocument(err), null, 2)}\n`);
    return err.exitCode;
  }
  // A file-system error Node raised outside a place that named it: one line with the path and the fix.
  const sys = systemError(err);
  if (sys) return reportError(new ExasolError('E_FS', sys.message, { hint: sys.hint, cause: err }), json);
  process.stderr.write(`error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  return EXIT.failed;
}

const isEntry = process.argv[1] && /(?:exasol(?:\.js)?|cli\.js|main\.ts)$/.test(process.argv[1]);
if (isEntry) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}

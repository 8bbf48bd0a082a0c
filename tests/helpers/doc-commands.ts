// Every `exasol …` command quoted in the docs, with its file line, parsed by the real commander
// program (actions replaced by no-ops: nothing runs). Placeholders (`…`, `<x>`, `$VAR`, `a|b`) are
// accepted where a value goes; unknown commands and options, and misplaced ones, are problems.
import { type Command, CommanderError } from 'commander';
import { buildProgram } from '../../src/cli/program.ts';

/** One quoted command: where it stands and its words after `exasol`. */
export interface DocCommand {
  line: number;
  text: string;
}

const FENCE_LANGS = new Set(['', 'sh', 'bash', 'shell', 'console', 'yaml', 'yml']);
const START = /^\s*(?:-\s+|run:\s*|\$\s+)?(?:[A-Z_][A-Z0-9_]*=\S*\s+)*(?:npx\s+)?(exasol(?:\s.*)?)$/;
/** Sections generated from the CLI's own help are checked by their own test. */
const GENERATED = /<!-- commands:start -->[\s\S]*?<!-- commands:end -->/;

// Inline code is one command (a `;` there is prose); a shell line may chain several.
function pushCommands(out: DocCommand[], line: number, chunk: string, shell: boolean): void {
  const parts = chunk.replace(/(^|\s)#.*$/, '').split(shell ? /&&|\|\||;|\s\|\s/ : /&&|\|\||\s\|\s/);
  for (const part of parts) {
    const m = part.replace(/\s\d?>.*$/, '').match(START);
    if (m?.[1]) out.push({ line, text: m[1].trim() });
  }
}

/** Every `exasol …` command in fenced shell/yaml blocks and inline code of `md`. */
export function docCommands(md: string): DocCommand[] {
  const gen = md.match(GENERATED);
  const skipFrom = gen?.index ?? -1;
  const skipTo = gen ? skipFrom + gen[0].length : -1;
  const lines = md.split('\n');
  const out: DocCommand[] = [];
  let offset = 0;
  let fence: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const at = offset;
    offset += raw.length + 1;
    if (at >= skipFrom && at < skipTo) continue;
    const f = raw.match(/^\s*```\s*([\w-]*)/);
    if (f) {
      fence = fence === null ? (f[1] ?? '') : null;
      continue;
    }
    if (fence !== null) {
      if (!FENCE_LANGS.has(fence)) continue;
      let text = raw;
      const start = i + 1;
      while (text.endsWith('\\') && i + 1 < lines.length) {
        i++;
        offset += (lines[i] ?? '').length + 1;
        text = `${text.slice(0, -1)} ${(lines[i] ?? '').trim()}`;
      }
      pushCommands(out, start, text, true);
      continue;
    }
    for (const m of raw.matchAll(/`([^`]+)`/g)) pushCommands(out, i + 1, m[1] ?? '', false);
  }
  return out;
}

/** Shell words of a command line (single and double quotes; no expansion). */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  for (const m of text.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g))
    words.push(m[1] ?? m[2] ?? m[3] ?? '');
  return words;
}

const PLACEHOLDER = /[<>…$|{}]|\.\.\./;
const INCOMPLETE = new Set(['commander.missingMandatoryOptionValue', 'commander.missingArgument']);

function quiet(cmd: Command, root = true): void {
  cmd.configureOutput({ writeOut: () => {}, writeErr: () => {}, outputError: () => {} });
  cmd.exitOverride();
  if (!root) cmd.action(() => {});
  for (const sub of cmd.commands) quiet(sub, false);
}

/**
 * Why the real CLI would not accept `text` (`exasol …`), or null. A prose mention may leave out a
 * required option or argument; a placeholder value may fail its flag's validation.
 */
export async function parseProblem(text: string): Promise<string | null> {
  const words = shellWords(text)
    .slice(1)
    .filter((w) => w !== '…' && w !== '...');
  // `exasol` alone names the tool; `exasol <command> …` is a pattern, not a command.
  if (words.length === 0 || /^</.test(words[0] ?? '')) return null;
  const program = buildProgram();
  quiet(program);
  try {
    await program.parseAsync(words, { from: 'user' });
    return null;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.exitCode === 0 || INCOMPLETE.has(err.code)) return null;
      return err.message.replace(/^error: /, '').split('\n')[0] ?? err.message;
    }
    if (words.some((w) => PLACEHOLDER.test(w))) return null;
    return err instanceof Error ? err.message : String(err);
  }
}

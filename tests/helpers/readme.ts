// Reads README.md the way the README tests need it: runnable blocks, and `exasol …` command lines
// checked against the commander definitions.
import type { Command } from 'commander';
import { END, START } from '../../scripts/readme/command-reference.ts';

/** A fenced block marked `<!-- runnable: NAME -->` directly above it. */
export interface RunnableBlock {
  name: string;
  script: string;
}

/** Every runnable block of `md`, in document order. */
export function runnableBlocks(md: string): RunnableBlock[] {
  const re = /<!-- runnable: ([\w-]+) -->\n```[\w-]*\n([\s\S]*?)\n```/g;
  return [...md.matchAll(re)].map((m) => ({ name: m[1] ?? '', script: m[2] ?? '' }));
}

/** `md` without the generated command reference (its help texts are checked by their own test). */
function withoutReference(md: string): string {
  const a = md.indexOf(START);
  const b = md.indexOf(END);
  return a >= 0 && b > a ? md.slice(0, a) + md.slice(b) : md;
}

/** Every `exasol …` invocation in fenced blocks and inline code, without comments, one per entry. */
export function commandLines(md: string): string[] {
  const text = withoutReference(md);
  const chunks = [
    ...[...text.matchAll(/```[\w-]*\n([\s\S]*?)```/g)].flatMap((m) => (m[1] ?? '').split('\n')),
    ...[...text.replace(/```[\s\S]*?```/g, '').matchAll(/`([^`\n]+)`/g)].map((m) => m[1] ?? ''),
  ];
  const out: string[] = [];
  for (const chunk of chunks)
    for (const part of chunk.replace(/\s#.*$/, '').split(/&&|\|\||;|\|/)) {
      const m = part.trim().match(/^(?:npx\s+)?(exasol(?:\s.*)?)$/);
      if (m?.[1]) out.push(m[1].trim());
    }
  return out;
}

/** Problems of one `exasol …` line: unknown command, unknown flag for that command. */
export function checkCommandLine(program: Command, line: string): string[] {
  const tokens = line.split(/\s+/).slice(1);
  const globals = new Set(program.options.flatMap((o) => [o.long, o.short]).filter(Boolean));
  globals.add('--help');
  let cmd: Command | undefined;
  const problems: string[] = [];
  for (const [i, tok] of tokens.entries()) {
    if (tok.startsWith('-')) {
      const flag = tok.split('=')[0] ?? tok;
      const own = cmd?.options.some((o) => o.long === flag || o.short === flag) ?? false;
      if (!own && !globals.has(flag))
        problems.push(`${line}: unknown flag ${flag}${cmd ? ` for '${cmd.name()}'` : ''}`);
      continue;
    }
    if (cmd || /^[<…[]/.test(tok)) continue;
    const prev = tokens[i - 1];
    const takesValue = prev ? program.options.find((o) => o.long === prev)?.required : false;
    if (takesValue) continue;
    if (tok === 'help') continue;
    cmd = program.commands.find((c) => c.name() === tok);
    if (!cmd) problems.push(`${line}: unknown command '${tok}'`);
  }
  return problems;
}

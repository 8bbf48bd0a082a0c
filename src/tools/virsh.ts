// virsh invocations: builds argument lists (several commands share one connection) and runs them via run.ts.
import { shellQuote } from '../util/shell-quote.ts';
import { which } from './engine.ts';
import { type RunResult, run } from './run.ts';

/** One virsh command as its words, e.g. ['pool-info', 'default', '--bytes']. */
export type VirshCommand = readonly string[];

/** Options for a virsh run. */
export interface VirshOptions {
  /** Environment of the virsh process (PATH decides which virsh runs). */
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

/** Output of a sectioned virsh run: stdout of each named command, plus the raw result. */
export interface VirshSections {
  /** False when virsh could not connect (no section marker was printed). */
  connected: boolean;
  sections: Record<string, string>;
  result: RunResult;
}

const MARK = '@@exasol-section:';

/** Quotes one word for virsh's own command-line parser (it understands shell-style single quotes). */
export function quoteVirshWord(word: string): string {
  return shellQuote(word);
}

/** The URI virsh connects with: ssh transports get no_tty=1 so ssh fails instead of prompting on a TTY. */
export function noTtyUri(uri: string): string {
  if (!/^[a-z]+\+ssh:/.test(uri) || /[?&]no_tty=/.test(uri)) return uri;
  return `${uri}${uri.includes('?') ? '&' : '?'}no_tty=1`;
}

/** Arguments for `virsh -c URI "cmd1 ; cmd2 ; …"` — one connection for all commands. */
export function virshArgs(uri: string, commands: readonly VirshCommand[]): string[] {
  return ['-c', noTtyUri(uri), commands.map((c) => c.map(quoteVirshWord).join(' ')).join(' ; ')];
}

/** A shell-ready `virsh -c URI cmd …` line for fix texts. */
export function virshCommandLine(uri: string, command: VirshCommand): string {
  return ['virsh', '-c', uri, ...command].map(shellQuote).join(' ');
}

/** Path of virsh on the environment's PATH, or null. */
export function findVirsh(env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  return which('virsh', env.PATH ?? '');
}

/** Runs virsh with `commands` over one connection; a failing command does not stop the later ones. */
export async function virsh(
  uri: string,
  commands: readonly VirshCommand[],
  opts: VirshOptions = {},
): Promise<RunResult> {
  const binary = (await findVirsh(opts.env ?? process.env)) ?? 'virsh';
  return run(binary, virshArgs(uri, commands), {
    env: opts.env ?? {},
    timeoutMs: opts.timeoutMs ?? 60_000,
    reject: false,
  });
}

/** Runs named commands in one connection and splits stdout by command (an empty section = it failed). */
export async function virshSections(
  uri: string,
  named: ReadonlyArray<readonly [string, VirshCommand]>,
  opts: VirshOptions = {},
): Promise<VirshSections> {
  const commands = named.flatMap(([name, cmd]) => [['echo', `${MARK}${name}`], cmd]);
  const result = await virsh(uri, commands, opts);
  return { ...splitSections(result.stdout), result };
}

/** Splits marked stdout into sections. */
export function splitSections(stdout: string): Omit<VirshSections, 'result'> {
  const sections: Record<string, string> = {};
  let current: string | null = null;
  let connected = false;
  for (const line of stdout.split('\n')) {
    if (line.startsWith(MARK)) {
      current = line.slice(MARK.length).trim();
      sections[current] = '';
      connected = true;
    } else if (current !== null) {
      sections[current] += `${line}\n`;
    }
  }
  for (const k of Object.keys(sections)) sections[k] = (sections[k] ?? '').trim();
  return { connected, sections };
}

/** `Key:   value` lines of virsh *-info output as a map. */
export function parseInfo(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([^:]+):\s*(.*)$/.exec(line.trim());
    if (m?.[1] && m[2] !== undefined) out[m[1].trim()] = m[2].trim();
  }
  return out;
}

/** Rows of a virsh table (header and dashes dropped), split on runs of 2+ spaces. */
export function parseTable(text: string): string[][] {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const body = lines[1]?.startsWith('--') || lines[1]?.startsWith(' --') ? lines.slice(2) : lines;
  return body.map((l) => l.trim().split(/\s{2,}/));
}

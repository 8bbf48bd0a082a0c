// Runs ansible-playbook for a deployment through the one process wrapper (src/tools/run.ts).
// Owned by the playbooks branch; orchestration calls runPlaybook() and does not build argv itself.
import { readFile } from 'node:fs/promises';
import { type ExtraVars, secretValues } from '../ansible/extra-vars.ts';
import { buildPlaybookCommand, type PlaybookInvocation } from '../ansible/playbook-args.ts';
import { ExasolError } from '../errors.ts';
import { which } from './engine.ts';
import { type RunResult, run } from './run.ts';

/** Options of one playbook run on top of what the command line needs. */
export interface RunPlaybookOptions extends PlaybookInvocation {
  /** Append output (secrets redacted) to this file. */
  logFile?: string;
  /** Called with each output line (secrets redacted). */
  onLine?: (line: string) => void;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Binary to run (default: EXASOL_ANSIBLE_PLAYBOOK or `ansible-playbook` on PATH). */
  binary?: string;
}

/** Finds ansible-playbook (EXASOL_ANSIBLE_PLAYBOOK overrides); null when absent. */
export async function findAnsiblePlaybook(env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  return which(env.EXASOL_ANSIBLE_PLAYBOOK ?? 'ansible-playbook', env.PATH ?? '');
}

/** Runs a playbook; a failure throws E_TOOL_FAILED naming the playbook, with the last output lines. */
export async function runPlaybook(opts: RunPlaybookOptions): Promise<RunResult> {
  const binary = opts.binary ?? (await findAnsiblePlaybook());
  if (!binary) {
    throw new ExasolError(
      'E_TOOL_MISSING',
      'ansible-playbook not found on PATH (install ansible-core >= 2.14 or set EXASOL_ANSIBLE_PLAYBOOK)',
    );
  }
  const cmd = buildPlaybookCommand(opts);
  const vars = JSON.parse(await readFile(opts.extraVarsPath, 'utf8')) as ExtraVars;
  return run(binary, cmd.args, {
    cwd: cmd.cwd,
    env: cmd.env,
    redact: secretValues(vars),
    ...(opts.logFile ? { logFile: opts.logFile } : {}),
    ...(opts.onLine ? { onLine: opts.onLine } : {}),
    ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
}

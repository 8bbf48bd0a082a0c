// One step of an e2e run: the `exasol` arguments it runs and the checks of what that command produced.
import type { InitFlags, Step } from './config-types.ts';

/** What one CLI invocation returned. */
export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
  durationMs: number;
  timedOut: boolean;
}

/** Runs `exasol ...args`, killing it after `timeoutMs`. */
export type Exec = (args: string[], timeoutMs: number) => Promise<ExecResult>;

/** Default step timeout: 30 minutes. */
export const DEFAULT_TIMEOUT_S = 1800;

/** `exasol` arguments for `step` against the deployment directory `dir`. */
export function stepArgs(step: Step, dir: string, provider: string, init: InitFlags): string[] {
  const base = ['--deployment-dir', dir];
  switch (step.step) {
    case 'init':
      return ['init', ...base, '--cloud-provider', provider, ...flagArgs(init)];
    case 'deploy':
      return ['deploy', ...base, ...(step.infraOnly ? ['--infra-only'] : [])];
    case 'status':
      return ['status', ...base, '--json', ...(step.refresh ? ['--refresh'] : [])];
    case 'health':
      return ['health', ...base, '--json'];
    case 'destroy':
      return ['destroy', ...base, '--yes'];
    default:
      return [step.step, ...base];
  }
}

/** Init flags as argv: `true` → `--flag`, `false` → nothing, arrays → the flag repeated. */
export function flagArgs(init: InitFlags): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(init)) {
    if (v === false) continue;
    if (v === true) out.push(`--${k}`);
    else if (Array.isArray(v)) for (const x of v) out.push(`--${k}`, x);
    else out.push(`--${k}`, String(v));
  }
  return out;
}

/** A one-line label for the step table, e.g. `deploy --infra-only`. */
export function stepLabel(step: Step): string {
  const extra = [step.infraOnly ? '--infra-only' : '', step.refresh ? '--refresh' : ''].filter(Boolean);
  const want = step.expect?.status ? ` → ${step.expect.status}` : '';
  return [step.step, ...extra].join(' ') + want;
}

/** Node of `exasol status --json`. */
interface StatusNode {
  name?: unknown;
  state?: unknown;
}

/** Problems with `res` for `step` (empty when the step passed). */
export function checkStep(step: Step, res: ExecResult, nodeBudget: number): string[] {
  if (res.timedOut) return [`timed out after ${Math.round(res.durationMs / 1000)}s`];
  const wantCode = step.expect?.exitCode ?? 0;
  if (res.code !== wantCode)
    return [
      `exit code ${res.code}, expected ${wantCode}${lastLine(res.stderr) ? `: ${lastLine(res.stderr)}` : ''}`,
    ];
  if (step.step !== 'status' || wantCode !== 0) return [];
  let doc: { status?: unknown; nodes?: unknown };
  try {
    doc = JSON.parse(res.stdout) as typeof doc;
  } catch {
    return [`status --json printed no JSON: ${res.stdout.slice(0, 120)}`];
  }
  const problems: string[] = [];
  const nodes: StatusNode[] = Array.isArray(doc.nodes) ? (doc.nodes as StatusNode[]) : [];
  const e = step.expect ?? {};
  if (e.status !== undefined && doc.status !== e.status)
    problems.push(`status is ${JSON.stringify(doc.status)}, expected ${e.status}`);
  if (e.nodes !== undefined && nodes.length !== e.nodes)
    problems.push(`${nodes.length} node(s), expected ${e.nodes}`);
  if (nodes.length > nodeBudget)
    problems.push(`${nodes.length} node(s) exceed the node budget ${nodeBudget}`);
  if (e.nodeState !== undefined)
    for (const n of nodes)
      if (n.state !== e.nodeState)
        problems.push(`node ${String(n.name)} is ${JSON.stringify(n.state)}, expected ${e.nodeState}`);
  return problems;
}

/** The CLI's last `error:` line of `text` (else its last non-empty line), shortened to 200 characters. */
export function lastLine(text: string): string {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const errors = lines.filter((l) => l.startsWith('error:'));
  return (errors[errors.length - 1] ?? lines[lines.length - 1] ?? '').slice(0, 200);
}

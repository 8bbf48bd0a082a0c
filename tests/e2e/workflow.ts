// The e2e loop: runs the steps in order, skips the rest after a failure, ALWAYS destroys, then checks leftovers.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { E2eConfig, InitFlags } from './config-types.ts';
import { checkStep, DEFAULT_TIMEOUT_S, type Exec, lastLine, stepArgs, stepLabel } from './steps.ts';

/** Outcome of one step in the table and the result file. */
export interface StepRecord {
  index: number;
  label: string;
  args: string[];
  outcome: 'passed' | 'failed' | 'skipped';
  exitCode: number | null;
  durationMs: number;
  problems: string[];
  stderrTail: string;
}

/** Resources of a deployment still present on the target (empty = clean); throws when it cannot ask. */
export type LeftoverCheck = (deploymentId: string) => Promise<string[]>;

/** What a run produced (the result file holds this plus run metadata). */
export interface WorkflowResult {
  outcome: 'passed' | 'failed';
  deploymentId: string | null;
  steps: StepRecord[];
  cleanup: StepRecord | null;
  leftovers: { checked: boolean; failed: boolean; resources: string[]; note: string };
}

/** Settings of one run. */
export interface WorkflowOptions {
  exec: Exec;
  dir: string;
  init: InitFlags;
  leftoverCheck: LeftoverCheck | null;
  /** Aborted on SIGINT: remaining steps are skipped, cleanup still runs. */
  signal?: AbortSignal;
  onStep?: (r: StepRecord, phase: 'start' | 'end') => void;
}

/** Runs `config` through `opts.exec`; never throws for a failing step. */
export async function runWorkflow(config: E2eConfig, opts: WorkflowOptions): Promise<WorkflowResult> {
  const steps: StepRecord[] = [];
  let failed = false;
  let lastMutation = '';
  let deploymentId: string | null = null;
  for (const [index, step] of config.steps.entries()) {
    const args = stepArgs(step, opts.dir, config.provider, opts.init);
    const rec: StepRecord = {
      index,
      label: stepLabel(step),
      args,
      outcome: 'skipped',
      exitCode: null,
      durationMs: 0,
      problems: [],
      stderrTail: '',
    };
    if (failed || opts.signal?.aborted) {
      if (opts.signal?.aborted) rec.problems.push('interrupted');
      steps.push(rec);
      continue;
    }
    opts.onStep?.(rec, 'start');
    const res = await opts.exec(args, (step.timeoutSeconds ?? DEFAULT_TIMEOUT_S) * 1000);
    Object.assign(rec, { exitCode: res.code, durationMs: res.durationMs, stderrTail: tail(res.stderr) });
    rec.problems = [
      ...(opts.signal?.aborted ? ['interrupted'] : []),
      ...checkStep(step, res, config.nodeBudget),
    ];
    rec.outcome = rec.problems.length ? 'failed' : 'passed';
    failed ||= rec.outcome === 'failed';
    if (step.step !== 'status' && step.step !== 'health' && rec.outcome === 'passed')
      lastMutation = step.step;
    deploymentId ??= readDeploymentId(opts.dir);
    steps.push(rec);
    opts.onStep?.(rec, 'end');
  }
  deploymentId ??= readDeploymentId(opts.dir);
  let cleanup: StepRecord | null = null;
  if (existsSync(join(opts.dir, '.exasol.json')) && lastMutation !== 'destroy') {
    const args = stepArgs({ step: 'destroy' }, opts.dir, config.provider, opts.init);
    cleanup = {
      index: steps.length,
      label: 'destroy (cleanup)',
      args,
      outcome: 'skipped',
      exitCode: null,
      durationMs: 0,
      problems: [],
      stderrTail: '',
    };
    opts.onStep?.(cleanup, 'start');
    const res = await opts.exec(args, DEFAULT_TIMEOUT_S * 1000);
    const problems = checkStep({ step: 'destroy' }, res, config.nodeBudget);
    Object.assign(cleanup, {
      exitCode: res.code,
      durationMs: res.durationMs,
      stderrTail: tail(res.stderr),
      problems,
      outcome: problems.length ? 'failed' : 'passed',
    });
    opts.onStep?.(cleanup, 'end');
  }
  const leftovers = await checkLeftovers(deploymentId, opts.leftoverCheck);
  const ok =
    !failed &&
    !steps.some((s) => s.outcome !== 'passed') &&
    cleanup?.outcome !== 'failed' &&
    leftovers.resources.length === 0 &&
    !leftovers.failed;
  return { outcome: ok ? 'passed' : 'failed', deploymentId, steps, cleanup, leftovers };
}

async function checkLeftovers(
  id: string | null,
  check: LeftoverCheck | null,
): Promise<WorkflowResult['leftovers']> {
  if (!id) return { checked: false, failed: false, resources: [], note: 'no deployment was created' };
  if (!check)
    return { checked: false, failed: false, resources: [], note: 'no leftover check for this provider' };
  try {
    const resources = await check(id);
    return {
      checked: true,
      failed: resources.length > 0,
      resources,
      note: resources.length ? `${resources.length} resource(s) left` : 'nothing left',
    };
  } catch (err) {
    return {
      checked: false,
      failed: true,
      resources: [],
      note: `leftover check failed: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
}

/** The deployment id from `<dir>/.exasol.json`, or null when there is none yet. */
export function readDeploymentId(dir: string): string | null {
  try {
    const doc = JSON.parse(readFileSync(join(dir, '.exasol.json'), 'utf8')) as { deploymentId?: unknown };
    return typeof doc.deploymentId === 'string' ? doc.deploymentId : null;
  } catch {
    return null;
  }
}

function tail(text: string): string {
  return text.split('\n').slice(-20).join('\n').trim() || lastLine(text);
}

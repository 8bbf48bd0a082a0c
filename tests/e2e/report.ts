// The step table printed at the end of a run and the JSON result file (tests/e2e/results/, gitignored).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StepRecord, WorkflowResult } from './workflow.ts';

/** Seconds with one decimal, e.g. `12.3s`. */
export const secs = (ms: number): string => `${(ms / 1000).toFixed(1)}s`;

/** The step table: number, step, result, time, and the first problem of a failed step. */
export function stepTable(result: WorkflowResult): string {
  const rows: StepRecord[] = [...result.steps, ...(result.cleanup ? [result.cleanup] : [])];
  const width = Math.max(4, ...rows.map((r) => r.label.length));
  const out = [`${' #'.padEnd(4)}${'step'.padEnd(width + 2)}${'result'.padEnd(9)}time`];
  for (const r of rows) {
    const time = r.outcome === 'skipped' ? '-' : secs(r.durationMs);
    out.push(`${String(r.index + 1).padStart(2)}  ${r.label.padEnd(width + 2)}${r.outcome.padEnd(9)}${time}`);
    for (const p of r.problems) out.push(`      ${p}`);
  }
  const total = rows.reduce((s, r) => s + r.durationMs, 0);
  out.push(
    `leftovers: ${result.leftovers.note}${result.leftovers.resources.length ? `: ${result.leftovers.resources.join(', ')}` : ''}`,
  );
  out.push(`${result.outcome.toUpperCase()} in ${secs(total)} (deployment ${result.deploymentId ?? 'none'})`);
  return out.join('\n');
}

/** Metadata stored with a result. */
export interface RunMeta {
  config: string;
  name: string;
  provider: string;
  startedAt: Date;
  finishedAt: Date;
  deploymentDir: string;
}

/** Writes `<resultsDir>/<name>-<timestamp>.json` and returns its path. */
export function writeResult(resultsDir: string, meta: RunMeta, result: WorkflowResult): string {
  mkdirSync(resultsDir, { recursive: true });
  const stamp = meta.startedAt.toISOString().replace(/[:.]/g, '-');
  const path = join(resultsDir, `${meta.name}-${stamp}.json`);
  const doc = {
    schemaVersion: 1,
    ...meta,
    startedAt: meta.startedAt.toISOString(),
    finishedAt: meta.finishedAt.toISOString(),
    durationMs: meta.finishedAt.getTime() - meta.startedAt.getTime(),
    ...result,
  };
  writeFileSync(path, `${JSON.stringify(doc, null, 2)}\n`);
  return path;
}

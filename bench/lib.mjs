// Measuring helpers of the benchmarks: wall time of whole processes, interleaved runs, medians, ratios.
import { spawnSync } from 'node:child_process';

/** Wall time in ms of one `node ...args` process; throws with its stderr when it fails unexpectedly. */
export function timeProcess(args, { env = process.env, allowFail = false } = {}) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { env, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0 && !allowFail)
    throw new Error(
      `node ${args.join(' ')} exited ${r.status}: ${(r.stderr || '').trim().split('\n').pop()}`,
    );
  return { ms, status: r.status, stderr: r.stderr ?? '' };
}

/** Median of a list of numbers. */
export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * Runs `subject()` and `baseline()` alternately `runs` times (so both see the same machine state)
 * after one warm-up each; returns both medians in ms and their ratio.
 */
export function sideBySide(subject, baseline, runs) {
  subject();
  baseline();
  const a = [];
  const b = [];
  for (let i = 0; i < runs; i++) {
    a.push(subject());
    b.push(baseline());
  }
  const subjectMs = median(a);
  const baselineMs = median(b);
  return { subjectMs, baselineMs, ratio: subjectMs / baselineMs, runs };
}

/** One printed line: name, both medians and the ratio. */
export function formatRow(name, r) {
  if (r.na) return `${name.padEnd(34)} n/a (${r.na})`;
  const f = (ms) => `${ms.toFixed(1).padStart(7)} ms`;
  return `${name.padEnd(34)} exasol ${f(r.subjectMs)}   node -e 0 ${f(r.baselineMs)}   ratio ${r.ratio.toFixed(2)}x`;
}

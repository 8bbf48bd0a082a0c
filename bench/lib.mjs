// Measuring helpers of the benchmarks: wall time of whole processes, interleaved runs, medians, ratios.
import { spawnSync } from 'node:child_process';

/** Wall time in ms of one `command ...args` process; throws with its stderr when it fails unexpectedly. */
export function timeCommand(command, args, { env = process.env, allowFail = false } = {}) {
  const start = process.hrtime.bigint();
  const r = spawnSync(command, args, { env, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0 && !allowFail)
    throw new Error(
      `${command} ${args.join(' ')} exited ${r.status}: ${(r.stderr || '').trim().split('\n').pop()}`,
    );
  return { ms, status: r.status, stderr: r.stderr ?? '' };
}

/** Wall time in ms of one `node ...args` process (this Node unless `node` is given). */
export function timeProcess(args, { node = process.execPath, ...opts } = {}) {
  return timeCommand(node, args, opts);
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

/**
 * One printed line: name, both medians and the ratio; `against` names the baseline, `goal` (a
 * maximum ratio) adds whether it is met.
 */
export function formatRow(name, r, { against = 'node -e 0', goal } = {}) {
  if (r.na) return `${name.padEnd(34)} n/a (${r.na})`;
  const f = (ms) => `${ms.toFixed(1).padStart(7)} ms`;
  const verdict =
    goal === undefined ? '' : `   goal <= ${goal.toFixed(1)}x ${r.ratio <= goal ? 'met' : 'MISSED'}`;
  return `${name.padEnd(34)} exasol ${f(r.subjectMs)}   ${against} ${f(r.baselineMs)}   ratio ${r.ratio.toFixed(2)}x${verdict}`;
}

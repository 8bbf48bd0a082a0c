// Measuring helpers of the benchmarks: wall time of whole processes, interleaved runs, medians, ratios.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * CPU time (user + system, ms) of this process's waited-for children so far, from /proc (Linux;
 * undefined elsewhere). In clock ticks (10 ms): meaningful as a mean over many runs, which load on
 * the machine disturbs much less than wall time.
 */
function childrenCpuMs() {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return undefined;
  }
}

/** Wall time in ms of one `command ...args` process; throws with its stderr when it fails unexpectedly. */
export function timeCommand(command, args, { env = process.env, allowFail = false } = {}) {
  const cpuBefore = childrenCpuMs();
  const start = process.hrtime.bigint();
  const r = spawnSync(command, args, { env, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const cpuAfter = childrenCpuMs();
  if (r.status !== 0 && !allowFail)
    throw new Error(
      `${command} ${args.join(' ')} exited ${r.status}: ${(r.stderr || '').trim().split('\n').pop()}`,
    );
  const cpuMs = cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore;
  return { ms, cpuMs, status: r.status, stderr: r.stderr ?? '' };
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
 * Runs `subject()` and `baseline()` (each returning a timeCommand result) alternately `runs` times
 * (so both see the same machine state) after one warm-up each; returns both wall-time medians in ms
 * and their ratio, and the ratio of their mean CPU times where known.
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
  const subjectMs = median(a.map((r) => r.ms));
  const baselineMs = median(b.map((r) => r.ms));
  const cpu = (rs) =>
    rs.every((r) => r.cpuMs !== undefined) ? rs.reduce((t, r) => t + r.cpuMs, 0) : undefined;
  const [cpuA, cpuB] = [cpu(a), cpu(b)];
  const cpuRatio = cpuA !== undefined && cpuB ? cpuA / cpuB : undefined;
  return { subjectMs, baselineMs, ratio: subjectMs / baselineMs, cpuRatio, runs };
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
  const cpu = r.cpuRatio === undefined ? '' : `   (cpu ${r.cpuRatio.toFixed(2)}x)`;
  return `${name.padEnd(34)} exasol ${f(r.subjectMs)}   ${against} ${f(r.baselineMs)}   ratio ${r.ratio.toFixed(2)}x${verdict}${cpu}`;
}

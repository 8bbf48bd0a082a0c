// The `timeouts { create, update, delete }` block every resource offers: durations such as "30s", "10m",
// "1h30m" bounding how long an operation waits for its Ganeti jobs (the jobs keep running on the cluster).
import { isObject, type ObjectValue, type Value } from './codec.ts';
import { type Diagnostic, errorDiag } from './diagnostics.ts';
import { type NestedBlockSpec, optional } from './schema.ts';

/** The operations a timeout bounds. */
export type TimeoutOp = 'create' | 'update' | 'delete';
const OPS: readonly TimeoutOp[] = ['create', 'update', 'delete'];

/** The `timeouts` nested block. */
export const timeoutsBlock: NestedBlockSpec = {
  nesting: 'single',
  block: {
    description:
      'How long create, update and delete wait for Ganeti (e.g. "30s", "10m", "1h"); default: no limit.',
    attributes: Object.fromEntries(
      OPS.map((op) => [op, optional('string', `Longest ${op}, as a duration such as "10m" or "1h30m".`)]),
    ),
  },
};

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Milliseconds of a duration like "1h30m", "45s"; null when it is not one. */
export function parseDuration(text: string): number | null {
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (!parts.length || parts.map((p) => p[0]).join('') !== text) return null;
  return parts.reduce((sum, p) => sum + Number(p[1]) * (UNIT_MS[p[2] ?? ''] ?? 0), 0);
}

/** Errors for timeouts that are not durations, on the attribute. */
export function validateTimeouts(config: ObjectValue): Diagnostic[] {
  const t = config.timeouts;
  if (!isObject(t)) return [];
  return OPS.flatMap((op) => {
    const v: Value | undefined = t[op];
    if (typeof v !== 'string' || (parseDuration(v) ?? 0) > 0) return [];
    return [
      errorDiag(
        'Invalid timeout',
        `timeouts.${op} must be a duration such as "30s", "10m" or "1h30m", got "${v}".`,
        ['timeouts', op],
      ),
    ];
  });
}

/** The configured limit of an operation in ms, or undefined for none. */
export function timeoutOf(state: ObjectValue, op: TimeoutOp): number | undefined {
  const t = state.timeouts;
  const v = isObject(t) ? t[op] : null;
  return typeof v === 'string' ? (parseDuration(v) ?? undefined) : undefined;
}

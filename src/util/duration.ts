// Parses user-given durations such as 90s, 15m, 1h30m or bare seconds.
import { UsageError } from '../errors.ts';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Duration string → milliseconds; throws a UsageError naming `flag` on bad input. */
export function parseDuration(raw: string, flag: string): number {
  const text = raw.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const parts = [...text.matchAll(/(\d+)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) {
    throw new UsageError(`invalid duration '${raw}'`, { flag, accepted: 'e.g. 30s, 15m, 1h30m, or seconds' });
  }
  return parts.reduce((sum, p) => sum + Number(p[1]) * (UNIT_MS[p[2] ?? 's'] ?? 1000), 0);
}

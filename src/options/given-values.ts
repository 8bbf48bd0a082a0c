// Reads init's flags (common, state backend and every provider's) from what commander stored: only
// the flags that were given, each parsed by its own parser (commander keeps the raw text).

import type { StoredOptions } from './flag.ts';
import type { FlagSpec, FlagValue, FlagValues } from './flag-spec.ts';
import { optionKey } from './flag-spec.ts';

/** The values of every flag of `specs` that was given, keyed by long name. */
export function readGivenValues(opts: StoredOptions, specs: readonly FlagSpec[]): FlagValues {
  const values: FlagValues = {};
  for (const spec of specs) {
    const v = givenValue(spec, opts[optionKey(spec)]);
    if (v !== undefined) values[spec.long] = v;
  }
  return values;
}

/** One flag's given value: a switch is true, a value parsed, a repeatable flag a list of them. */
export function givenValue(spec: FlagSpec, stored: unknown): FlagValue | undefined {
  const flag = `--${spec.long}`;
  const parse = (raw: string): FlagValue => (spec.parse ? spec.parse(raw, flag) : raw);
  if (!spec.arg) return stored === true ? true : undefined;
  if (typeof stored === 'string') return parse(stored);
  if (Array.isArray(stored))
    return stored.filter((s): s is string => typeof s === 'string').map((s) => String(parse(s)));
  return undefined;
}

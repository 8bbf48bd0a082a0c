// Builds commander options from the flag table, so help text and parsing come from one source.
import { Option } from 'commander';
import type { FlagSpec, FlagValue } from './flag-spec.ts';

/** A commander Option for `spec`; `shownDefault` is displayed in help (never applied by commander). */
export function toOption(spec: FlagSpec, shownDefault?: FlagValue): Option {
  const flags = `--${spec.long}${spec.arg ? ` ${spec.arg}` : ''}`;
  const extra =
    shownDefault !== undefined ? ` (default: ${String(shownDefault)})` : spec.required ? ' (required)' : '';
  const opt = new Option(flags, `${spec.description}${extra}`);
  if (spec.group) opt.helpGroup(spec.group);
  if (spec.arg) {
    const parse = spec.parse;
    const flag = `--${spec.long}`;
    opt.argParser((raw: string, previous: unknown) => {
      const value = parse ? parse(raw, flag) : raw;
      if (!spec.repeatable) return value;
      return [...(Array.isArray(previous) ? (previous as string[]) : []), String(value)];
    });
  }
  return opt;
}

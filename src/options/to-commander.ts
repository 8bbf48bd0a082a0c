// Builds commander options from the flag table, so help text and parsing come from one source.
// commander keeps the raw text (validated here by the flag's parser, so a bad value fails while
// parsing); readers (flag.ts, given-values.ts) parse it again into the flag's type.
import { Option } from 'commander';
import type { FlagSpec, RawDefault } from './flag-spec.ts';

/** A commander Option for `spec`; `shownDefault` is displayed in help (never applied by commander). */
export function toOption(spec: FlagSpec, shownDefault: RawDefault | undefined = defaultShown(spec)): Option {
  const flags = `${spec.short ? `-${spec.short}, ` : ''}--${spec.long}${spec.arg ? ` ${spec.arg}` : ''}`;
  const extra =
    shownDefault !== undefined ? ` (default: ${String(shownDefault)})` : spec.required ? ' (required)' : '';
  const opt = new Option(flags, `${spec.description}${extra}`);
  if (spec.group) opt.helpGroup(spec.group);
  if (spec.mandatory) opt.makeOptionMandatory();
  if (spec.arg) {
    const parse = spec.parse;
    const flag = `--${spec.long}`;
    opt.argParser((raw: string, previous: unknown) => {
      if (parse) parse(raw, flag);
      if (!spec.repeatable) return raw;
      return [...(Array.isArray(previous) ? previous : []), raw];
    });
  }
  return opt;
}

/** The default help shows for a flag of its own table. */
function defaultShown(spec: FlagSpec): RawDefault | undefined {
  return spec.shownDefault ?? spec.default;
}

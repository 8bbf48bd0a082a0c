// Fills every value init did not get, in one place: the flag given > its `env` variable > the
// provider's defaults.yaml > the spec's own default, each parsed by the flag's parser (so a
// defaults.yaml value is validated like a typed flag). Providers and resolveCommon read the result
// without fallbacks of their own.
import type { FlagSpec, FlagValue, FlagValues, RawDefault } from './flag-spec.ts';

/** Defaults from a data file, and the file's name for errors. */
export interface FileDefaults {
  source: string;
  flags: Readonly<Record<string, RawDefault>>;
}

/** Complete values, and which flags the user gave (some reach tfvars only when given). */
export interface FilledValues {
  values: FlagValues;
  given: ReadonlySet<string>;
}

/** Every flag of `specs` with a value where one exists (switches false, repeatables []). */
export function applyFlagDefaults(
  specs: readonly FlagSpec[],
  given: FlagValues,
  file: FileDefaults,
  env: NodeJS.ProcessEnv,
): FilledValues {
  const values: FlagValues = {};
  const givenSet = new Set<string>();
  for (const spec of specs) {
    const own = given[spec.long];
    if (own !== undefined) {
      values[spec.long] = own;
      givenSet.add(spec.long);
      continue;
    }
    const v = fallback(spec, file, env);
    if (v !== undefined) values[spec.long] = v;
  }
  return { values, given: givenSet };
}

/** The value of a flag that was not given, or undefined when it has none. */
function fallback(spec: FlagSpec, file: FileDefaults, env: NodeJS.ProcessEnv): FlagValue | undefined {
  if (spec.repeatable) return [];
  const fromEnv = spec.env ? env[spec.env] : undefined;
  const fromFile = file.flags[spec.long];
  if (!spec.arg) {
    if (fromEnv) return true;
    const d = fromFile ?? spec.default;
    return d === undefined ? false : d === true || d === 'true';
  }
  const parse = (raw: RawDefault, label: string): FlagValue =>
    spec.parse ? spec.parse(String(raw), label) : String(raw);
  if (fromEnv) return parse(fromEnv, spec.env ?? '');
  if (fromFile !== undefined) return parse(fromFile, `${spec.long} in ${file.source}`);
  if (spec.default !== undefined) return parse(spec.default, `--${spec.long}`);
  return undefined;
}

// The shape of one command-line flag: declared once, used for commander, help, validation and prompts.

/** Parsed value of a flag. */
export type FlagValue = string | number | boolean | string[];

/** One flag of the `init` flag table (common or provider-specific). */
export interface FlagSpec {
  /** Long name without dashes, e.g. `cluster-size`. */
  long: string;
  /** Placeholder for the value (`<n>`); absent for boolean switches. */
  arg?: string;
  description: string;
  /** Converts and validates the raw string; throws UsageError naming the flag. */
  parse?: (raw: string, flag: string) => FlagValue;
  /** May be given several times; values are collected into an array. */
  repeatable?: boolean;
  /** Default value, shown in help; provider defaults come from the provider's defaults.yaml. */
  default?: FlagValue;
  /** Required when no default exists; prompted on a TTY, an error otherwise. */
  required?: boolean;
  /** Choices offered by the interactive prompt and listed in errors. */
  choices?: readonly string[];
  /** Environment variable consulted when the flag is not given. */
  env?: string;
  /** Help group title (commander help groups). */
  group?: string;
}

/** Values keyed by the flag's long name. */
export type FlagValues = Record<string, FlagValue | undefined>;

/** `cluster-size` → `clusterSize`, the key commander uses. */
export function camelKey(long: string): string {
  return long.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Reads a string flag value or undefined. */
export function str(values: FlagValues, long: string): string | undefined {
  const v = values[long];
  return v === undefined ? undefined : String(v);
}

/** Reads a numeric flag value or throws when missing (callers rely on defaults being filled). */
export function num(values: FlagValues, long: string): number {
  const v = values[long];
  if (typeof v !== 'number') throw new Error(`flag --${long} has no numeric value`);
  return v;
}

/** Reads a boolean switch. */
export function bool(values: FlagValues, long: string): boolean {
  return values[long] === true;
}

/** Reads a repeatable flag as an array. */
export function list(values: FlagValues, long: string): string[] {
  const v = values[long];
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [String(v)];
}

// The shape of one command-line flag: declared once, used for commander, help, validation and prompts.

/** Parsed value of a flag. */
export type FlagValue = string | number | boolean | string[];

/** A default as a person would type it (or defaults.yaml holds it); parsed by the flag's own parser. */
export type RawDefault = string | number | boolean;

/** Converts and validates a raw value; throws a UsageError naming `flag` (or the variable or file). */
export type Parser<T> = (raw: string, flag: string) => T;

/** One flag of a command (init's common and provider flags, every other command's table). */
export interface FlagSpec<T extends FlagValue = FlagValue> {
  /** Long name without dashes, e.g. `cluster-size`; `no-…` for a switch that turns something off. */
  long: string;
  /** One-letter alias without the dash (`y` for `-y, --yes`). */
  short?: string;
  /** Placeholder for the value (`<n>`); absent for boolean switches. */
  arg?: string;
  description: string;
  /** Converts and validates the raw string; throws UsageError naming the flag. */
  parse?: Parser<T>;
  /** May be given several times; values are collected into an array. */
  repeatable?: boolean;
  /** Default as typed by a person (`15m`, `1`), parsed like a given value; provider defaults come from
   * the provider's defaults.yaml. */
  default?: RawDefault;
  /** How help shows the default when not as `default` reads (e.g. `"."`). */
  shownDefault?: string;
  /** init: required when no default exists; prompted on a TTY, an error otherwise. */
  required?: boolean;
  /** Other commands: commander refuses the command without it (`required option … not specified`). */
  mandatory?: boolean;
  /** Choices offered by the interactive prompt and listed in errors. */
  choices?: readonly string[];
  /** Environment variable consulted when the flag is not given (a switch: set and not empty). */
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

/** The key commander stores a flag's value under (`--no-color` → `color`). */
export function optionKey(spec: Pick<FlagSpec, 'long' | 'arg'>): string {
  return camelKey(!spec.arg && spec.long.startsWith('no-') ? spec.long.slice(3) : spec.long);
}

/** Reads a string flag value or undefined. */
export function str(values: FlagValues, long: string): string | undefined {
  const v = values[long];
  return v === undefined ? undefined : String(v);
}

/** Reads a string flag value that defaults fill (throws when missing: a flag without a default). */
export function text(values: FlagValues, long: string): string {
  const v = values[long];
  if (typeof v !== 'string') throw new Error(`flag --${long} has no string value`);
  return v;
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

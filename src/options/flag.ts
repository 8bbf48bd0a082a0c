// A typed flag of a command's table: its spec plus how its value is read back from what commander
// stored (the raw text; to-commander.ts validates it while parsing), the environment and its default.
import { UsageError } from '../errors.ts';
import { type FlagSpec, type FlagValue, optionKey, type Parser, type RawDefault } from './flag-spec.ts';

/** What commander stored for a command, keyed by option key (`cmd.opts()`). */
export type StoredOptions = Readonly<Record<string, unknown>>;

/** A flag with a typed reader: given > `env` variable > `default`, each parsed by the flag's parser. */
export interface Flag<T> extends FlagSpec {
  read(opts: StoredOptions, env: NodeJS.ProcessEnv): T;
}

/** The spec of a switch (no value). */
export type SwitchSpec = Pick<FlagSpec, 'long' | 'short' | 'description' | 'env' | 'group'>;

/** The spec of a flag with a value and its parser. */
export type ValueSpec<T extends FlagValue> = Pick<
  FlagSpec<T>,
  'long' | 'short' | 'description' | 'env' | 'group' | 'choices' | 'shownDefault'
> & { arg: string; parse: Parser<T> };

/** A switch: true when given (`--no-x`: when given as such), or when its variable is set and not empty. */
export function switchFlag(spec: SwitchSpec): Flag<boolean> {
  const negated = spec.long.startsWith('no-');
  return {
    ...spec,
    read(opts, env) {
      const stored = opts[optionKey(spec)];
      if (negated ? stored === false : stored === true) return true;
      return spec.env ? Boolean(env[spec.env]) : false;
    },
  };
}

/** A value flag that may be absent (undefined when neither given nor in its variable). */
export function optionalFlag<T extends FlagValue>(spec: ValueSpec<T>): Flag<T | undefined> {
  return { ...spec, read: (opts, env) => givenOrEnv(spec, opts, env) };
}

/** A value flag with a default (as typed by a person, e.g. `15m`; parsed like a given value). */
export function defaultedFlag<T extends FlagValue>(spec: ValueSpec<T> & { default: RawDefault }): Flag<T> {
  return {
    ...spec,
    read: (opts, env) => givenOrEnv(spec, opts, env) ?? spec.parse(String(spec.default), `--${spec.long}`),
  };
}

/** A value flag the command cannot run without (commander refuses it missing; the reader too). */
export function mandatoryFlag<T extends FlagValue>(spec: ValueSpec<T>): Flag<T> {
  return {
    ...spec,
    mandatory: true,
    read(opts, env) {
      const v = givenOrEnv(spec, opts, env);
      if (v === undefined) throw new UsageError('required', { flag: `--${spec.long}` });
      return v;
    },
  };
}

/** The parsed given value, else the parsed variable (an error names the variable), else undefined. */
function givenOrEnv<T extends FlagValue>(
  spec: ValueSpec<T>,
  opts: StoredOptions,
  env: NodeJS.ProcessEnv,
): T | undefined {
  const stored = opts[optionKey(spec)];
  if (typeof stored === 'string') return spec.parse(stored, `--${spec.long}`);
  const fromEnv = spec.env ? env[spec.env] : undefined;
  return fromEnv ? spec.parse(fromEnv, spec.env ?? '') : undefined;
}

/** A command's flags, keyed by the name the command reads them by. */
export type FlagTable = Readonly<Record<string, Flag<unknown>>>;

/** The typed values of a table's flags. */
export type FlagsOf<T extends FlagTable> = { -readonly [K in keyof T]: ReturnType<T[K]['read']> };

/** Reads every flag of `table` from what commander stored (`cmd.opts()`); bad values throw UsageError. */
export function readFlags<T extends FlagTable>(
  opts: StoredOptions,
  table: T,
  env: NodeJS.ProcessEnv = process.env,
): FlagsOf<T> {
  const out: Record<string, unknown> = {};
  for (const [key, flag] of Object.entries(table)) out[key] = flag.read(opts, env);
  if (!hasEveryKey(out, table)) throw new Error('a flag of the table was not read');
  return out;
}

/** Narrows the object readFlags built: every key of the table holds its flag's reading. */
function hasEveryKey<T extends FlagTable>(v: Record<string, unknown>, table: T): v is FlagsOf<T> {
  return Object.keys(table).every((k) => k in v);
}

// The typed flag reader: what commander stored (raw text) read back as the flag's type, with the
// environment and the default behind a missing flag, and one-line errors naming the flag or variable.
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { addFlags } from '../../../src/cli/global-flags.ts';
import { globalsOf } from '../../../src/cli/global-options.ts';
import { EXPORT_FLAGS, GLOBAL_FLAGS, HEALTH_FLAGS } from '../../../src/options/command-flags.ts';
import {
  defaultedFlag,
  mandatoryFlag,
  optionalFlag,
  readFlags,
  switchFlag,
} from '../../../src/options/flag.ts';
import { intInRange } from '../../../src/options/parsers.ts';

/** What commander stores for `args` given to a command with `table`'s flags. */
function parsed(table: Parameters<typeof addFlags>[1], args: string[]): Command {
  const cmd = addFlags(new Command('t').exitOverride().configureOutput({ writeErr: () => {} }), table);
  cmd.parse(args, { from: 'user' });
  return cmd;
}

const size = defaultedFlag({
  long: 'size',
  arg: '<n>',
  description: 'a size',
  parse: intInRange(1, 9),
  default: '3',
  env: 'TEST_SIZE',
});
const table = {
  size,
  name: optionalFlag({ long: 'name', arg: '<name>', description: 'a name', parse: (raw) => raw.trim() }),
  force: switchFlag({ long: 'force', description: 'force it' }),
  noColor: switchFlag({ long: 'no-color', description: 'no colours', env: 'NO_COLOR' }),
};

describe('readFlags', () => {
  it('reads given values as their types, switches as booleans', () => {
    const cmd = parsed(table, ['--size', '7', '--name', ' x ', '--force', '--no-color']);
    expect(readFlags(cmd.opts(), table, {})).toEqual({ size: 7, name: 'x', force: true, noColor: true });
  });

  it('fills what is missing: the variable first, then the default; optional flags stay undefined', () => {
    const cmd = parsed(table, []);
    expect(readFlags(cmd.opts(), table, {})).toEqual({
      size: 3,
      name: undefined,
      force: false,
      noColor: false,
    });
    expect(readFlags(cmd.opts(), table, { TEST_SIZE: '5', NO_COLOR: '1' })).toMatchObject({
      size: 5,
      noColor: true,
    });
    // An empty variable counts as unset (NO_COLOR's own rule).
    expect(readFlags(cmd.opts(), table, { TEST_SIZE: '', NO_COLOR: '' })).toMatchObject({
      size: 3,
      noColor: false,
    });
  });

  it('a given flag beats its variable', () => {
    const cmd = parsed(table, ['--size', '2']);
    expect(readFlags(cmd.opts(), table, { TEST_SIZE: '5' }).size).toBe(2);
  });

  it('a bad value fails while commander parses, naming the flag and what is accepted', () => {
    expect(() => parsed(table, ['--size', '12'])).toThrow('--size: 12 is out of range (accepted: 1..9)');
    expect(() => parsed(table, ['--size', 'many'])).toThrow("--size: 'many' is not a whole number");
  });

  it('a bad variable fails naming the variable', () => {
    const cmd = parsed(table, []);
    expect(() => readFlags(cmd.opts(), table, { TEST_SIZE: '0' })).toThrow(
      'TEST_SIZE: 0 is out of range (accepted: 1..9)',
    );
  });

  it('a mandatory flag is refused missing by commander and by the reader', () => {
    expect(() => parsed(EXPORT_FLAGS, [])).toThrow("required option '--output <file>' not specified");
    const out = mandatoryFlag({ long: 'out', arg: '<f>', description: 'o', parse: (r) => r });
    expect(() => out.read({}, {})).toThrow('--out: required');
  });

  it('health: --timeout defaults to 15m, --wait-for takes only the known states', () => {
    expect(readFlags(parsed(HEALTH_FLAGS, []).opts(), HEALTH_FLAGS, {})).toEqual({
      waitFor: undefined,
      timeout: 900_000,
    });
    const o = readFlags(
      parsed(HEALTH_FLAGS, ['--wait-for', 'stopped', '--timeout', '90s']).opts(),
      HEALTH_FLAGS,
      {},
    );
    expect(o).toEqual({ waitFor: 'stopped', timeout: 90_000 });
    expect(() => parsed(HEALTH_FLAGS, ['--wait-for', 'ready'])).toThrow(
      "--wait-for: unknown value 'ready' (accepted: database_ready, infrastructure_ready, stopped)",
    );
  });
});

describe('global flags', () => {
  const program = (args: string[]) => parsed(GLOBAL_FLAGS, args);

  it('defaults: the current directory (absolute), info, colours on, no json, no yes', () => {
    const g = globalsOf(program([]), {});
    expect(g).toEqual({
      deploymentDir: process.cwd(),
      logLevel: 'info',
      color: true,
      json: false,
      yes: false,
    });
  });

  it('--log-level beats EXASOL_LOG_LEVEL, which beats the default; a bad variable is refused', () => {
    expect(globalsOf(program([]), { EXASOL_LOG_LEVEL: 'debug' }).logLevel).toBe('debug');
    expect(globalsOf(program(['--log-level', 'warn']), { EXASOL_LOG_LEVEL: 'debug' }).logLevel).toBe('warn');
    expect(() => globalsOf(program([]), { EXASOL_LOG_LEVEL: 'loud' })).toThrow(
      "EXASOL_LOG_LEVEL: unknown value 'loud' (accepted: debug, info, warn, error)",
    );
  });

  it('--no-color or NO_COLOR turn colours off; -y is --yes', () => {
    expect(globalsOf(program(['--no-color']), {}).color).toBe(false);
    expect(globalsOf(program([]), { NO_COLOR: '1' }).color).toBe(false);
    expect(globalsOf(program(['-y', '--json']), {})).toMatchObject({ yes: true, json: true });
  });
});

// Global options accepted before or after the command, and the IoHost they configure.

import { resolve } from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import { CliIoHost } from '../io/cli-io-host.ts';
import type { LogLevel } from '../io/io-host.ts';
import { oneOf } from '../options/parsers.ts';

/** Parsed global options. */
export interface GlobalOptions {
  deploymentDir: string;
  logLevel: LogLevel;
  color: boolean;
  json: boolean;
  yes: boolean;
}

/** Adds the global options to the program. */
export function addGlobalOptions(program: Command): Command {
  return program
    .addOption(new Option('--deployment-dir <dir>', 'deployment directory').default('.'))
    .addOption(
      new Option('--log-level <level>', 'debug, info, warn or error')
        .argParser((raw: string) => oneOf(['debug', 'info', 'warn', 'error'])(raw, '--log-level'))
        .default('info'),
    )
    .addOption(new Option('--no-color', 'disable colours (also NO_COLOR)'))
    .addOption(new Option('--json', 'print data as JSON on stdout'))
    .addOption(new Option('-y, --yes', 'answer yes to confirmations (never creates anything on its own)'));
}

/** Reads the global options of a command invocation (they may stand before or after the command). */
export function globalsOf(cmd: Command): GlobalOptions {
  const o = cmd.optsWithGlobals() as {
    deploymentDir: string;
    logLevel: LogLevel;
    color: boolean;
    json?: boolean;
    yes?: boolean;
  };
  const envLevel = process.env.EXASOL_LOG_LEVEL as LogLevel | undefined;
  return {
    // Absolute, so every command prints the same path the user can paste from anywhere.
    deploymentDir: resolve(o.deploymentDir),
    logLevel:
      o.logLevel === 'info' && envLevel && ['debug', 'info', 'warn', 'error'].includes(envLevel)
        ? envLevel
        : o.logLevel,
    color: o.color !== false && !process.env.NO_COLOR,
    json: o.json === true,
    yes: o.yes === true,
  };
}

/** The terminal IoHost for these options. */
export function ioFor(g: GlobalOptions): CliIoHost {
  return new CliIoHost({ logLevel: g.logLevel, color: g.color, assumeYes: g.yes, json: g.json });
}

/** The `--lock-timeout` of a mutating command, as a request field (absent: fail at once). */
export function lockTimeout(cmd: Command): { lockTimeoutMs?: number } {
  const ms = (cmd.opts() as { lockTimeout?: number }).lockTimeout;
  return ms ? { lockTimeoutMs: ms } : {};
}

// Global options of a command invocation (declared in options/command-flags.ts) and the IoHost they configure.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { CliIoHost } from '../io/cli-io-host.ts';
import type { LogLevel } from '../io/io-host.ts';
import { GLOBAL_FLAGS } from '../options/command-flags.ts';
import { readFlags } from '../options/flag.ts';

/** Parsed global options. */
export interface GlobalOptions {
  deploymentDir: string;
  logLevel: LogLevel;
  color: boolean;
  json: boolean;
  yes: boolean;
}

/** Reads the global options of a command invocation (they may stand before or after the command). */
export function globalsOf(cmd: Command, env: NodeJS.ProcessEnv = process.env): GlobalOptions {
  const g = readFlags(cmd.optsWithGlobals(), GLOBAL_FLAGS, env);
  return {
    // Absolute, so every command prints the same path the user can paste from anywhere.
    deploymentDir: resolve(g.deploymentDir),
    logLevel: g.logLevel,
    color: !g.noColor,
    json: g.json,
    yes: g.yes,
  };
}

/** The terminal IoHost for these options. */
export function ioFor(g: GlobalOptions): CliIoHost {
  return new CliIoHost({ logLevel: g.logLevel, color: g.color, assumeYes: g.yes, json: g.json });
}

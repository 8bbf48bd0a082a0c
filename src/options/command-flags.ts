// The flags of every command but init's provider and common flags (common-flags.ts, each provider's
// `flags`): one table per command, read back typed with readFlags (flag.ts). program.ts builds
// commander from the same tables, and the README's command reference is generated from that.
import { HEALTH_TARGETS } from '../cli/health-targets.ts';
import { LOG_LEVELS } from '../io/io-host.ts';
import { PROVIDER_IDS } from '../providers/types.ts';
import { parseDuration } from '../util/duration.ts';
import { defaultedFlag, mandatoryFlag, optionalFlag, switchFlag } from './flag.ts';
import type { Parser } from './flag-spec.ts';
import { oneOf } from './parsers.ts';

/** Any text (a path checked where it is used). */
const anyText: Parser<string> = (raw) => raw;

/** Flags accepted before or after every command. */
export const GLOBAL_FLAGS = {
  deploymentDir: defaultedFlag({
    long: 'deployment-dir',
    arg: '<dir>',
    description: 'deployment directory',
    parse: anyText,
    default: '.',
    shownDefault: '"."',
  }),
  logLevel: defaultedFlag({
    long: 'log-level',
    arg: '<level>',
    description: 'debug, info, warn or error',
    parse: oneOf(LOG_LEVELS),
    default: 'info',
    shownDefault: '"info"',
    env: 'EXASOL_LOG_LEVEL',
  }),
  noColor: switchFlag({ long: 'no-color', description: 'disable colours (also NO_COLOR)', env: 'NO_COLOR' }),
  json: switchFlag({ long: 'json', description: 'print data as JSON on stdout' }),
  yes: switchFlag({
    long: 'yes',
    short: 'y',
    description: 'answer yes to confirmations (never creates anything on its own)',
  }),
};

/** `--lock-timeout`: how long a mutating command waits for another operation's lock. */
const lockTimeout = optionalFlag({
  long: 'lock-timeout',
  arg: '<duration>',
  description:
    "wait this long (e.g. 15m) for another operation's lock instead of exiting 3: this directory's, the pg backend's across runners, terraform's state lock",
  parse: parseDuration,
});

/** init's own flags (the common, state-backend and provider flags have their FlagSpec tables). */
export const INIT_FLAGS = {
  cloudProvider: optionalFlag({
    long: 'cloud-provider',
    arg: '<id>',
    description: `deployment target: ${PROVIDER_IDS.join(', ')}`,
    parse: oneOf(PROVIDER_IDS),
  }),
  listProviders: switchFlag({ long: 'list-providers', description: 'list the supported providers' }),
  listVersions: switchFlag({ long: 'list-versions', description: 'list the Exasol versions in the catalog' }),
};

export const DEPLOY_FLAGS = {
  infraOnly: switchFlag({
    long: 'infra-only',
    description: 'stop after the infrastructure (status infrastructure_ready)',
  }),
  plan: switchFlag({
    long: 'plan',
    description: 'show what terraform would change and stop; changes nothing',
  }),
  lockTimeout,
};

export const STATUS_FLAGS = {
  refresh: switchFlag({ long: 'refresh', description: 'ask the target for the current node states' }),
};

export const INFO_FLAGS = {
  showSecrets: switchFlag({
    long: 'show-secrets',
    description: 'also print the database and Admin UI passwords',
  }),
};

/** destroy, start and stop: only the lock wait. */
export const LOCKING_FLAGS = { lockTimeout };

export const HEALTH_FLAGS = {
  waitFor: optionalFlag({
    long: 'wait-for',
    arg: '<status>',
    description: 'repeat the checks until the cluster is in this state',
    parse: oneOf(HEALTH_TARGETS),
  }),
  timeout: defaultedFlag({
    long: 'timeout',
    arg: '<duration>',
    description: 'how long --wait-for waits (e.g. 90s, 15m)',
    parse: parseDuration,
    default: '15m',
  }),
};

export const EXPORT_FLAGS = {
  output: mandatoryFlag({
    long: 'output',
    arg: '<file>',
    description: 'the file to write (0600)',
    parse: anyText,
  }),
  force: switchFlag({ long: 'force', description: 'replace --output if it exists' }),
};

export const PROVIDER_INSTALL_FLAGS = {
  dir: mandatoryFlag({
    long: 'dir',
    arg: '<dir>',
    description: 'directory for the mirror and terraform.rc, or for the OS definition',
    parse: anyText,
  }),
};

/** The lock wait of a mutating command as a request field (absent or 0: fail at once). */
export function lockTimeoutField(ms: number | undefined): { lockTimeoutMs?: number } {
  return ms ? { lockTimeoutMs: ms } : {};
}

// Types of an e2e config (tests/e2e/configs/*.json); tests/e2e/config.schema.json describes the same format.
import { STATUSES } from '../../src/deployment/status.ts';
import { PROVIDER_IDS, type ProviderId } from '../../src/providers/types.ts';

export { PROVIDER_IDS, STATUSES };

/** Step kinds a config may use, each one `exasol <command>` against the run's deployment directory. */
export const STEP_KINDS = ['init', 'deploy', 'status', 'health', 'stop', 'start', 'destroy'] as const;
/** One of the STEP_KINDS. */
export type StepKind = (typeof STEP_KINDS)[number];

/** Node states a status check may expect of every node. */
export const NODE_STATES = ['running', 'stopped', 'missing', 'unknown'] as const;

/** What a step must produce; `status`/`nodes`/`nodeState` apply to `status` steps only. */
export interface StepExpect {
  /** Exit code of the command (default 0). */
  exitCode?: number;
  /** Expected `status` field of `exasol status --json`. */
  status?: (typeof STATUSES)[number];
  /** Expected number of nodes. */
  nodes?: number;
  /** Expected state of every node. */
  nodeState?: (typeof NODE_STATES)[number];
}

/** One workflow step. */
export interface Step {
  step: StepKind;
  /** deploy only: `--infra-only`. */
  infraOnly?: boolean;
  /** status only: `--refresh` (ask the target instead of the state file). */
  refresh?: boolean;
  /** Kill the command after this many seconds (default 1800). */
  timeoutSeconds?: number;
  expect?: StepExpect;
}

/** Values of `exasol init` flags by long name without dashes; strings may use ${ENV_VAR}. */
export type InitFlags = Record<string, string | number | boolean | string[]>;

/** A whole e2e run. */
export interface E2eConfig {
  name: string;
  description: string;
  provider: ProviderId;
  /** Environment variables the run needs; the runner stops before doing anything when one is unset. */
  requiresEnv: string[];
  /** Most nodes this run may create; init's cluster size and every status check must stay within it. */
  nodeBudget: number;
  init: InitFlags;
  steps: Step[];
}

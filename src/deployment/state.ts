// The deployment state file `.exasol.json`: schema-versioned, validated on read, written atomically.
import { readFile } from 'node:fs/promises';
import { ExasolError, UsageError } from '../errors.ts';
import type { ProviderId } from '../providers/types.ts';
import { PROVIDER_IDS } from '../providers/types.ts';
import type { BackendConfig } from '../state-backend/config.ts';
import { writeJsonAtomic } from '../util/fs-atomic.ts';
import { pathExists } from '../util/path-exists.ts';
import { withPath } from '../util/system-error.ts';
import { deploymentPaths } from './layout.ts';
import { migrateState } from './migrate.ts';
import { stateRuleBroken } from './rules.ts';
import { type DeploymentStatus, STATUSES } from './status.ts';

export const STATE_SCHEMA = 'exasol-deployer/state';
export const STATE_SCHEMA_VERSION = 1;

/** A node as recorded by the last command that saw it. */
export interface NodeRecord {
  name: string;
  publicIp: string | null;
  privateIp: string | null;
  state: string;
  /** The target's identifier (instance id, domain name, Ganeti instance name). */
  instanceId?: string;
}

/** The terraform-compatible engine chosen at init. */
export interface EngineRecord {
  binary: string;
  name: 'terraform' | 'tofu';
  version: string;
}

/** Contents of `.exasol.json`. */
export interface DeploymentState {
  schema: typeof STATE_SCHEMA;
  schemaVersion: typeof STATE_SCHEMA_VERSION;
  deploymentId: string;
  provider: ProviderId;
  status: DeploymentStatus;
  clusterSize: number;
  architecture: string;
  dbVersion: string;
  cliVersion: string;
  engine: EngineRecord | null;
  nodes: NodeRecord[];
  createdAt: string;
  updatedAt: string;
  lastError?: string;
  /** Login user of the nodes (terraform output ssh_user). */
  sshUser?: string;
  /** CLI version of the last successful `terraform init` (a different CLI re-inits with -upgrade). */
  terraformInitCliVersion?: string;
  /** The status `stop` started from; `start` returns to it. */
  poweredOffFrom?: 'database_ready' | 'infrastructure_ready';
  /** Where terraform keeps the state; absent means local (terraform.tfstate in the directory). */
  backend?: BackendConfig;
}

/** Reads and validates the state; explains a missing file, a bash-tool directory or a corrupt file. */
export async function readState(dir: string): Promise<DeploymentState> {
  const path = deploymentPaths(dir).state;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      if (!(await pathExists(dir)))
        throw new UsageError(`${dir} does not exist; pass the directory exasol init created`, {
          flag: '--deployment-dir',
        });
      throw new ExasolError('E_NOT_DEPLOYMENT', `${dir} is not a deployment directory (no .exasol.json)`, {
        cause: err,
        hint: "run 'exasol init' first or pass --deployment-dir",
      });
    }
    throw withPath(err, path);
  }
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(text) as Record<string, unknown>;
  } catch (err) {
    throw new ExasolError('E_STATE_CORRUPT', `${path} is not valid JSON`, { cause: err });
  }
  if (raw.schema !== STATE_SCHEMA && 'cloud_provider' in raw) {
    throw new ExasolError(
      'E_BASH_DEPLOYMENT',
      `${dir} was created by the bash exasol-deployer and cannot be managed by this tool`,
      {
        hint: 'manage it with the bash tool, or destroy it there and re-create it with exasol init',
      },
    );
  }
  return validateState(migrateState(raw), path);
}

/** Checks a state read back from `path` (a file or the shared record) against init's rules. */
export function validateState(raw: Record<string, unknown>, path: string): DeploymentState {
  const bad = (what: string) => new ExasolError('E_STATE_CORRUPT', `${path}: ${what}`);
  if (raw.schema !== STATE_SCHEMA) throw bad('not an exasol-deployer state file');
  if (raw.schemaVersion !== STATE_SCHEMA_VERSION)
    throw bad(
      `unsupported schemaVersion ${String(raw.schemaVersion)} (this CLI reads ${STATE_SCHEMA_VERSION})`,
    );
  if (!STATUSES.includes(raw.status as DeploymentStatus)) throw bad(`unknown status '${String(raw.status)}'`);
  if (!PROVIDER_IDS.includes(raw.provider as ProviderId))
    throw bad(`unknown provider '${String(raw.provider)}'`);
  if (typeof raw.deploymentId !== 'string' || !Array.isArray(raw.nodes))
    throw bad('missing deploymentId or nodes');
  const broken = stateRuleBroken(raw);
  if (broken) throw bad(`${broken}; restore the file from a backup or an export`);
  return raw as unknown as DeploymentState;
}

/** Writes the state atomically (temp + rename), stamping updatedAt. */
export async function writeState(
  dir: string,
  state: DeploymentState,
  now = new Date(),
): Promise<DeploymentState> {
  const next = { ...state, updatedAt: now.toISOString() };
  // What terraform reported (node names, addresses) is input too: never recorded when init would refuse it.
  validateState(next as unknown as Record<string, unknown>, deploymentPaths(dir).state);
  await writeJsonAtomic(deploymentPaths(dir).state, next);
  return next;
}

// `exasol status`: the documented, versioned status report (docs/status-json.md). Reads files only,
// never writes (not even a stale lock); --refresh asks the target for current node states.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isStale, readLock } from '../deployment/lock.ts';
import type { DeploymentState, NodeRecord } from '../deployment/state.ts';
import type { ProviderModule } from '../providers/types.ts';
import { isShared } from '../state-backend/config.ts';
import { requireBackendEnv } from '../state-backend/env.ts';
import {
  type Deployment,
  isTerraformInitialised,
  loadDeployment,
  readSecrets,
  readTfvars,
  targetContext,
  terraformFor,
} from './deployment.ts';
import { parseOutputs } from './outputs.ts';

/** schemaVersion of the JSON below; bumped on any incompatible change. */
export const STATUS_SCHEMA_VERSION = 1;

/** `exasol status --json`, schemaVersion 1. */
export interface StatusReport {
  schemaVersion: typeof STATUS_SCHEMA_VERSION;
  status: string;
  provider: string;
  deploymentId: string;
  versions: { cli: string; db: string; engine: string | null };
  clusterSize: number;
  lock: { operation: string; pid: number; host: string; startedAt: string; stale: boolean } | null;
  nodes: { name: string; public_ip: string | null; private_ip: string | null; state: string }[];
  lastError: string | null;
  updatedAt: string;
  /** Where terraform keeps the state: local, pg, s3, azurerm or gcs. */
  stateBackend: string;
  /** How node states were obtained: `recorded` (state file), or the refresh method used. */
  nodeStateSource: 'recorded' | 'provider' | 'terraform-refresh';
}

/** Builds the report; with `refresh` the node states come from the target. `warn` hears why the
 * playbooks could not log in to a deployment an older exasol made (never part of the report). */
export async function status(
  req: {
    deploymentDir: string;
    refresh: boolean;
    provider?: ProviderModule;
    warn?: (message: string) => void;
  },
  env: NodeJS.ProcessEnv = process.env,
): Promise<StatusReport> {
  const dep = await loadDeployment(req.deploymentDir, req.provider, env);
  if (req.warn) {
    const tfvars = await readTfvars(dep).catch(() => ({}));
    const blocker = Object.keys(tfvars).length ? dep.provider.loginBlocker?.(tfvars) : null;
    if (blocker?.kind === 'outdated') req.warn(blocker.message);
  }
  // With the pg backend, --refresh also reads the record other runners published (never written here).
  if (req.refresh) dep.state = await sharedRecordOrLocal(dep.state, env);
  const lock = await readLock(dep.dir);
  let nodes = dep.state.nodes;
  let source: StatusReport['nodeStateSource'] = 'recorded';
  if (req.refresh && (nodes.length > 0 || isShared(dep.state.backend))) {
    ({ nodes, source } = await refreshNodes(dep, env));
  }
  const s = dep.state;
  return {
    schemaVersion: STATUS_SCHEMA_VERSION,
    status: s.status,
    provider: s.provider,
    deploymentId: s.deploymentId,
    versions: {
      cli: s.cliVersion,
      db: s.dbVersion,
      engine: s.engine ? `${s.engine.name} ${s.engine.version}` : null,
    },
    clusterSize: s.clusterSize,
    lock: lock ? { ...lock, stale: isStale(lock) } : null,
    nodes: nodes.map((n) => ({
      name: n.name,
      public_ip: n.publicIp,
      private_ip: n.privateIp,
      state: n.state,
    })),
    lastError: s.lastError ?? null,
    updatedAt: s.updatedAt,
    stateBackend: s.backend?.kind ?? 'local',
    nodeStateSource: source,
  };
}

async function refreshNodes(
  dep: Deployment,
  env: NodeJS.ProcessEnv,
): Promise<{ nodes: NodeRecord[]; source: StatusReport['nodeStateSource'] }> {
  const secrets = await readSecrets(dep);
  // With a shared backend another runner may have changed the cluster since this directory was
  // exported: the node list comes from the shared terraform state (read without taking its lock).
  const shared = isShared(dep.state.backend);
  let base = dep.state.nodes;
  if (shared) {
    const tf = await initialisedTerraform(dep, secrets);
    const outputs = await tf.outputs();
    base = Object.keys(outputs).length ? parseOutputs(outputs, 'present').nodes : [];
  }
  if (dep.provider.nodeStates) {
    if (base.length === 0) return { nodes: [], source: 'provider' };
    const states = await dep.provider.nodeStates({ ...(await targetContext(dep, secrets)), env });
    const nodes = base.map((n) => ({
      ...n,
      state: states[n.instanceId ?? n.name] ?? states[n.name] ?? 'missing',
    }));
    return { nodes, source: 'provider' };
  }
  // No provider hook: a refresh-only plan (nothing applied) shows what the target reports now.
  const tmp = await mkdtemp(join(tmpdir(), 'exasol-refresh-'));
  try {
    const tf = await initialisedTerraform(dep, secrets);
    const planFile = join(tmp, 'refresh.tfplan');
    await tf.plan(planFile, 'refresh-only', { lock: false });
    const plan = await tf.showPlan(planFile);
    const outputs = ((plan.planned_values as { outputs?: unknown } | undefined)?.outputs ?? {}) as Parameters<
      typeof parseOutputs
    >[0];
    const fresh = Object.keys(outputs).length ? parseOutputs(outputs, 'present').nodes : [];
    if (shared) return { nodes: fresh, source: 'terraform-refresh' };
    const nodes = dep.state.nodes.map((n) => {
      const f = fresh.find((x) => x.name === n.name);
      return f
        ? { ...n, publicIp: f.publicIp, privateIp: f.privateIp, state: f.state }
        : { ...n, state: 'missing' };
    });
    return { nodes, source: 'terraform-refresh' };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** The newer of this directory's state and the record published in the pg backend. */
async function sharedRecordOrLocal(local: DeploymentState, env: NodeJS.ProcessEnv): Promise<DeploymentState> {
  const b = local.backend;
  if (b?.kind !== 'pg') return local;
  requireBackendEnv(b, env);
  const { connectPg } = await import('../state-backend/pg.ts');
  const { adoptRecord, isNewer, readRecord } = await import('../state-backend/pg-record.ts');
  const client = await connectPg(b.connStrEnv, env, `exasol status pid ${process.pid}`);
  try {
    const shared = await readRecord(client, b.schema, local.deploymentId);
    return isNewer(shared, local) ? adoptRecord(local, shared) : local;
  } finally {
    await client.end().catch(() => {});
  }
}

/** The deployment's terraform, after `terraform init` when this directory has none yet (an import). */
async function initialisedTerraform(dep: Deployment, secrets: Awaited<ReturnType<typeof readSecrets>>) {
  const tf = terraformFor(dep, secrets);
  if (!(await isTerraformInitialised(dep))) await tf.init(false);
  return tf;
}

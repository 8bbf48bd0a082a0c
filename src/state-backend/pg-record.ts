// With the pg backend the deployment record (.exasol.json's status, nodes, … and the `running` tfvar)
// is also kept next to terraform's state, in the deployment's schema, so a runner whose export is
// older than the last operation still starts from where the cluster is. Written only while the
// advisory lock is held; read by status --refresh without it. Machine-local fields stay local.
import type { Client } from 'pg';
import { type DeploymentState, validateState } from '../deployment/state.ts';

/** Table holding one record per deployment, in the deployment's schema. */
export const RECORD_TABLE = 'exasol_deployment';

/** What runners share: the state without machine-local fields, plus the power setting. */
export interface SharedRecord {
  state: DeploymentState;
  running: boolean;
}

/** Fields that describe this machine, never taken from another runner. */
const LOCAL_FIELDS = ['engine', 'terraformInitCliVersion', 'backend', 'cliVersion'] as const;

function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Creates the schema and table when missing (terraform creates its own table beside it). */
export async function ensureRecordTable(client: Client, schema: string): Promise<void> {
  // CREATE SCHEMA needs the database's CREATE privilege even when the schema exists: ask first.
  const found = await client.query<{ ok: boolean }>('SELECT to_regnamespace($1) IS NOT NULL AS ok', [
    ident(schema),
  ]);
  if (!found.rows[0]?.ok) await client.query(`CREATE SCHEMA IF NOT EXISTS ${ident(schema)}`);
  await client.query(
    `CREATE TABLE IF NOT EXISTS ${ident(schema)}.${RECORD_TABLE} (
       deployment_id text PRIMARY KEY, record jsonb NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())`,
  );
}

/** The record of `deploymentId`, or null when none was published (or the table does not exist yet). */
export async function readRecord(
  client: Client,
  schema: string,
  deploymentId: string,
): Promise<SharedRecord | null> {
  const exists = await client.query<{ ok: boolean }>('SELECT to_regclass($1) IS NOT NULL AS ok', [
    `${ident(schema)}.${RECORD_TABLE}`,
  ]);
  if (!exists.rows[0]?.ok) return null;
  const r = await client.query<{ record: SharedRecord }>(
    `SELECT record FROM ${ident(schema)}.${RECORD_TABLE} WHERE deployment_id = $1`,
    [deploymentId],
  );
  return r.rows[0]?.record ?? null;
}

/** Publishes this runner's record (the caller holds the advisory lock). */
export async function writeRecord(client: Client, schema: string, record: SharedRecord): Promise<void> {
  const shared = { ...record, state: withoutLocalFields(record.state) };
  await client.query(
    `INSERT INTO ${ident(schema)}.${RECORD_TABLE} (deployment_id, record, updated_at) VALUES ($1, $2, now())
     ON CONFLICT (deployment_id) DO UPDATE SET record = EXCLUDED.record, updated_at = now()`,
    [record.state.deploymentId, JSON.stringify(shared)],
  );
}

function withoutLocalFields(state: DeploymentState): DeploymentState {
  const copy: Partial<DeploymentState> = { ...state };
  for (const f of LOCAL_FIELDS) delete copy[f];
  return copy as DeploymentState;
}

/** True when the shared record is newer than this directory's. */
export function isNewer(shared: SharedRecord | null, local: DeploymentState): shared is SharedRecord {
  return (
    shared !== null &&
    shared.state.deploymentId === local.deploymentId &&
    shared.state.updatedAt > local.updatedAt
  );
}

/** The shared record with this directory's machine-local fields. */
export function adoptRecord(local: DeploymentState, shared: SharedRecord): DeploymentState {
  const next = { ...withoutLocalFields(shared.state) } as unknown as Record<string, unknown>;
  for (const f of LOCAL_FIELDS) if (local[f] !== undefined) next[f] = local[f];
  // Another runner's record is input too: the same rules as the state file.
  return validateState(next, `the shared deployment record of ${local.deploymentId}`);
}

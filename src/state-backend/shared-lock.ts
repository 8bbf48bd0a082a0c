// The lock that spans machines, by backend: pg holds a PostgreSQL advisory lock for the whole
// operation; s3/azurerm/gcs rely on the backend's own state lock, which terraform takes only while it
// runs (the Ansible phase is covered by the local lock alone: see docs/ci.md); local needs none.
import type { DeploymentState } from '../deployment/state.ts';
import { ExasolError } from '../errors.ts';
import { requireBackendEnv } from './env.ts';
import type { SharedRecord } from './pg-record.ts';

/** A held (or no-op) cross-machine lock; with pg it also carries the shared deployment record. */
export interface HeldSharedLock {
  release(): Promise<void>;
  /** The record another runner published after this directory's last change, if any. */
  newerRecord(local: DeploymentState): Promise<SharedRecord | null>;
  /** Publishes this directory's record for other runners. */
  publish(record: SharedRecord): Promise<void>;
}

const NONE: HeldSharedLock = {
  release: async () => {},
  newerRecord: async () => null,
  publish: async () => {},
};

/** Takes the cross-machine lock of the deployment's backend, if it has one. */
export async function acquireSharedLock(
  state: DeploymentState,
  operation: string,
  o: { env: NodeJS.ProcessEnv; timeoutMs: number; warn(message: string): void },
): Promise<HeldSharedLock> {
  const b = state.backend;
  if (b?.kind !== 'pg') return NONE;
  requireBackendEnv(b, o.env);
  const { acquirePgLock } = await import('./pg-lock.ts');
  const records = await import('./pg-record.ts');
  const lock = await acquirePgLock(state.deploymentId, operation, { connStrEnv: b.connStrEnv, ...o });
  const schema = b.schema;
  let ready = false;
  const client = () => {
    const c = lock.client();
    if (!c) throw new ExasolError('E_BACKEND_LOST', 'lost the connection to the PostgreSQL state backend');
    return c;
  };
  return {
    release: () => lock.release(),
    async newerRecord(local) {
      const shared = await records.readRecord(client(), schema, local.deploymentId);
      return records.isNewer(shared, local) ? shared : null;
    },
    async publish(record) {
      if (!ready) await records.ensureRecordTable(client(), schema);
      ready = true;
      await records.writeRecord(client(), schema, record);
    },
  };
}

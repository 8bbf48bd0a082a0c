// The lock that spans machines, by backend: pg holds a PostgreSQL advisory lock for the whole
// operation; s3/azurerm/gcs rely on the backend's own state lock, which terraform takes only while it
// runs (the Ansible phase is covered by the local lock alone: see docs/ci.md); local needs none.
import type { DeploymentState } from '../deployment/state.ts';
import { requireBackendEnv } from './env.ts';

/** A held (or no-op) cross-machine lock. */
export interface HeldSharedLock {
  release(): Promise<void>;
}

const NONE: HeldSharedLock = { release: async () => {} };

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
  return acquirePgLock(state.deploymentId, operation, { connStrEnv: b.connStrEnv, ...o });
}

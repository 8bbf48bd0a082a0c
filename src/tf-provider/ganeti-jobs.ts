// Waiting for Ganeti jobs inside a resource operation: aborted by StopProvider, bounded by the
// resource's `timeouts` block (the job keeps running on the cluster either way).
import { type RapiClient, waitForJob } from '../ganeti/index.ts';
import type { ObjectValue } from './codec.ts';
import type { ResourceContext } from './spec.ts';
import { type TimeoutOp, timeoutOf } from './timeouts.ts';

/** Context of an operation on the Ganeti cluster. */
export type Ctx = ResourceContext<RapiClient>;

/** The context of one operation, with the deadline its `timeouts` entry sets. */
export function within(ctx: Ctx, state: ObjectValue, op: TimeoutOp): Ctx {
  const ms = timeoutOf(state, op);
  return ms === undefined ? ctx : { ...ctx, deadline: Date.now() + ms };
}

/** Waits for a job; StopProvider aborts the wait and the deadline ends it. */
export async function job(ctx: Ctx, id: number): Promise<void> {
  const timeoutMs = ctx.deadline === undefined ? undefined : Math.max(1, ctx.deadline - Date.now());
  await waitForJob(ctx.client, id, { signal: ctx.stop, ...(timeoutMs === undefined ? {} : { timeoutMs }) });
}

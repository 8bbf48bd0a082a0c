// Shared steps of ganeti_instance operations: the instance name of a state, waiting for a job
// (aborted by StopProvider, bounded by the timeouts block), and reading the instance back after a change.
import { type InstanceInfo, type RapiClient, waitForJob } from '../../../ganeti/index.ts';
import type { ObjectValue } from '../../codec.ts';
import { errorDiag } from '../../diagnostics.ts';
import type { ResourceContext, StateResult } from '../../spec.ts';
import { type TimeoutOp, timeoutOf } from '../../timeouts.ts';
import { s, stateFrom } from './model.ts';

/** Context of an instance operation. */
export type Ctx = ResourceContext<RapiClient>;

/** Ganeti name of the instance a state describes (id, or name before creation). */
export const nameOf = (state: ObjectValue): string => s(state.id) ?? s(state.name) ?? '';

/** The context of one operation, with the deadline its `timeouts` entry sets. */
export function within(ctx: Ctx, state: ObjectValue, op: TimeoutOp): Ctx {
  const ms = timeoutOf(state, op);
  return ms === undefined ? ctx : { ...ctx, deadline: Date.now() + ms };
}

/** Waits for a job; StopProvider aborts the wait and the deadline ends it (the job keeps running). */
export async function job(ctx: Ctx, id: number): Promise<void> {
  const timeoutMs = ctx.deadline === undefined ? undefined : Math.max(1, ctx.deadline - Date.now());
  await waitForJob(ctx.client, id, { signal: ctx.stop, ...(timeoutMs === undefined ? {} : { timeoutMs }) });
}

/** The instance with its own OS parameters (a second query: the instance resource lacks them), or null. */
export async function fetchInstance(ctx: Ctx, name: string): Promise<InstanceInfo | null> {
  const [info, osparams] = await Promise.all([ctx.client.instance(name), ctx.client.instanceOsParams(name)]);
  return info ? { ...info, custom_osparams: osparams ?? {} } : null;
}

/** State after a successful change, read back from RAPI. */
export async function afterChange(ctx: Ctx, base: ObjectValue, what: string): Promise<StateResult> {
  const info = await fetchInstance(ctx, nameOf(base));
  if (!info) {
    return { state: null, diagnostics: [errorDiag(`Instance ${nameOf(base)} vanished after ${what}`)] };
  }
  return { state: stateFrom(base, info), diagnostics: [] };
}

// Shared steps of ganeti_instance operations: the instance name of a state, waiting for a job
// (aborted by StopProvider), and reading the instance back after a change.
import { type RapiClient, waitForJob } from '../../../ganeti/index.ts';
import type { ObjectValue } from '../../codec.ts';
import { errorDiag } from '../../diagnostics.ts';
import type { ResourceContext, StateResult } from '../../spec.ts';
import { s, stateFrom } from './model.ts';

/** Context of an instance operation. */
export type Ctx = ResourceContext<RapiClient>;

/** Ganeti name of the instance a state describes (id, or name before creation). */
export const nameOf = (state: ObjectValue): string => s(state.id) ?? s(state.name) ?? '';

/** Waits for a job; StopProvider aborts the wait (the job keeps running on the cluster). */
export async function job(ctx: Ctx, id: number): Promise<void> {
  await waitForJob(ctx.client, id, { signal: ctx.stop });
}

/** State after a successful change, read back from RAPI. */
export async function afterChange(ctx: Ctx, base: ObjectValue, what: string): Promise<StateResult> {
  const info = await ctx.client.instance(nameOf(base));
  if (!info) {
    return { state: null, diagnostics: [errorDiag(`Instance ${nameOf(base)} vanished after ${what}`)] };
  }
  return { state: stateFrom(base, info), diagnostics: [] };
}

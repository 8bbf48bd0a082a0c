// Shared steps of ganeti_instance operations: the instance name of a state, waiting for a job
// (aborted by StopProvider, bounded by the timeouts block), and reading the instance back after a change.
import type { InstanceInfo } from '../../../ganeti/index.ts';
import type { ObjectValue } from '../../codec.ts';
import { errorDiag } from '../../diagnostics.ts';
import type { Ctx } from '../../ganeti-jobs.ts';
import type { StateResult } from '../../spec.ts';
import { s, stateFrom } from './model.ts';

export { type Ctx, job, within } from '../../ganeti-jobs.ts';

/** Ganeti name of the instance a state describes (id, or name before creation). */
export const nameOf = (state: ObjectValue): string => s(state.id) ?? s(state.name) ?? '';

/** The instance with its own OS parameters (a second query: the instance resource lacks them), or null. */
export async function fetchInstance(ctx: Ctx, name: string): Promise<InstanceInfo | null> {
  const [info, osparams] = await Promise.all([
    ctx.client.instance(name),
    ctx.client
      .instanceOsParams(name)
      .catch((err: unknown) => (err instanceof Error ? err : new Error(String(err)))),
  ]);
  if (!info) return null; // the query fails for an unknown name
  if (osparams instanceof Error) throw osparams;
  return { ...info, custom_osparams: osparams ?? {} };
}

/** State after a successful change, read back from RAPI. */
export async function afterChange(ctx: Ctx, base: ObjectValue, what: string): Promise<StateResult> {
  const info = await fetchInstance(ctx, nameOf(base));
  if (!info) {
    return { state: null, diagnostics: [errorDiag(`Instance ${nameOf(base)} vanished after ${what}`)] };
  }
  return { state: stateFrom(base, info), diagnostics: [] };
}

// ganeti_instance: schema, plan, create, read, update, delete and import of a Ganeti instance.
import { GanetiJobError, type RapiClient, waitForJob } from '../../../ganeti/index.ts';
import type { ObjectValue } from '../../codec.ts';
import { type Diagnostic, diagFromError, errorDiag } from '../../diagnostics.ts';
import { log } from '../../log.ts';
import type { Resource, StateResult } from '../../spec.ts';
import { createBody, items, n, s, stateFrom } from './model.ts';
import { afterChange, type Ctx, job, nameOf } from './ops.ts';
import { planInstance } from './plan.ts';
import { instanceSchema, validateInstance } from './schema.ts';
import { updateInstance } from './update.ts';

/** How long a create that already runs on the cluster is waited for after StopProvider. */
export const STOP_GRACE_MS = Number(process.env.GANETI_PROVIDER_STOP_GRACE_MS ?? 120_000);

/** Create failed or was interrupted: record the instance if it exists (core taints it), never orphan it. */
async function afterFailedCreate(ctx: Ctx, planned: ObjectValue, diag: Diagnostic): Promise<StateResult> {
  const info = await ctx.client.instance(nameOf(planned)).catch(() => null);
  if (info)
    diag.detail =
      `${diag.detail ?? ''}\nThe instance exists and is recorded as tainted; the next apply replaces it.`.trim();
  return { state: info ? stateFrom(planned, info) : null, diagnostics: [diag] };
}

function createFailure(planned: ObjectValue, err: unknown): Diagnostic {
  const name = nameOf(planned);
  if (err instanceof GanetiJobError && err.errorCode === 'insufficient_resources') {
    const disks = items(planned.disks).map((d) => n(d.size));
    const asked =
      `memory ${n(planned.memory) ?? 'default'} MiB, vcpus ${n(planned.vcpus) ?? 'default'}, ` +
      `disk_template ${s(planned.disk_template)}, disks [${disks.join(', ')}] MiB`;
    return errorDiag(
      `Insufficient resources on the Ganeti cluster for instance ${name}`,
      `${err.message}\nRequested: ${asked}.`,
    );
  }
  return diagFromError(`Ganeti could not create instance ${name}`, err);
}

/** StopProvider arrived while creating: cancel a queued job, wait (bounded) for a running one. */
async function stoppedCreate(ctx: Ctx, planned: ObjectValue, jobId: number): Promise<StateResult> {
  const name = nameOf(planned);
  const current = await ctx.client.job(jobId);
  if (current && (current.status === 'queued' || current.status === 'waiting')) {
    const res = await ctx.client.cancelJob(jobId);
    if (res.cancelled) {
      return {
        state: null,
        diagnostics: [
          errorDiag(
            `Creation of instance ${name} cancelled`,
            `Terraform was interrupted; Ganeti job ${jobId} was cancelled before it started.`,
          ),
        ],
      };
    }
  }
  log('INFO', `stop requested; waiting up to ${STOP_GRACE_MS} ms for create job ${jobId} of ${name}`);
  let outcome = 'finished';
  try {
    await waitForJob(ctx.client, jobId, { timeoutMs: STOP_GRACE_MS });
  } catch (err) {
    outcome = `ended with: ${err instanceof Error ? err.message : String(err)}`;
  }
  return afterFailedCreate(
    ctx,
    planned,
    errorDiag(
      `Interrupted while creating instance ${name}`,
      `Terraform was interrupted; Ganeti job ${jobId} ${outcome}.`,
    ),
  );
}

async function create(ctx: Ctx, planned: ObjectValue): Promise<StateResult> {
  const body = createBody(planned);
  let jobId: number;
  try {
    jobId = await ctx.client.createInstance(body);
  } catch (err) {
    return { state: null, diagnostics: [createFailure(planned, err)] };
  }
  log('DEBUG', `create ${body.instance_name}: job ${jobId}`);
  try {
    await job(ctx, jobId);
  } catch (err) {
    if (ctx.stop.aborted) return stoppedCreate(ctx, planned, jobId);
    return afterFailedCreate(ctx, planned, createFailure(planned, err));
  }
  return afterChange(ctx, planned, 'create');
}

async function read(ctx: Ctx, state: ObjectValue, imported: boolean): Promise<StateResult> {
  const info = await ctx.client.instance(nameOf(state));
  if (!info) {
    if (imported)
      return {
        state: null,
        diagnostics: [
          errorDiag('Cannot import instance', `Ganeti has no instance named "${nameOf(state)}".`),
        ],
      };
    return { state: null, diagnostics: [] };
  }
  return { state: stateFrom(state, info, imported), diagnostics: [] };
}

async function remove(ctx: Ctx, prior: ObjectValue): Promise<Diagnostic[]> {
  const name = nameOf(prior);
  try {
    if (!(await ctx.client.instance(name))) return [];
    await job(ctx, await ctx.client.deleteInstance(name));
    return [];
  } catch (err) {
    if (err instanceof GanetiJobError && err.errorCode === 'unknown_entity') return [];
    return [diagFromError(`Ganeti could not delete instance ${name}`, err)];
  }
}

/** The ganeti_instance resource type. */
export const instanceResource = {
  typeName: 'ganeti_instance',
  version: 0,
  schema: instanceSchema,
  validate: validateInstance,
  plan: planInstance,
  create,
  read,
  update: updateInstance,
  delete: remove,
  importState: (id: string) => ({ id, name: id }),
} satisfies Resource<RapiClient>;

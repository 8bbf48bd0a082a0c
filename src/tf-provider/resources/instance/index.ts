// ganeti_instance: schema, plan, create, read, update, delete and import of a Ganeti instance.

import { ExasolError } from '../../../errors.ts';
import { GanetiJobError, type RapiClient, waitForJob } from '../../../ganeti/index.ts';
import type { ObjectValue } from '../../codec.ts';
import { type Diagnostic, errorDiag, warningDiag } from '../../diagnostics.ts';
import { ganetiDiag } from '../../ganeti-errors.ts';
import { log } from '../../log.ts';
import type { Resource, StateResult } from '../../spec.ts';
import { createBody, items, n, s, stateFrom } from './model.ts';
import { afterChange, type Ctx, fetchInstance, job, nameOf, within } from './ops.ts';
import { planInstance } from './plan.ts';
import { instanceSchema, validateInstance } from './schema.ts';
import { updateInstance } from './update.ts';

/** How long a create that already runs on the cluster is waited for after StopProvider. */
export const STOP_GRACE_MS = Number(process.env.GANETI_PROVIDER_STOP_GRACE_MS ?? 120_000);

/** The instance name is taken by an instance this apply did not create: never adopt it. */
function clash(name: string, tags: readonly string[]): Diagnostic {
  return errorDiag(
    `Instance ${name} already exists on the Ganeti cluster`,
    `Instance ${name} already exists and was not created by this apply${tags.length ? ` (its tags: ${tags.join(', ')})` : ''}; ` +
      'terraform leaves it alone. To manage it with terraform, import it: ' +
      `terraform import ganeti_instance.<name> ${name} (or an import block); otherwise choose another name. ` +
      'With create_before_destroy, a replacement needs a different name.',
    ['name'],
  );
}

/**
 * Create failed or was interrupted after this apply's own job ran: record the instance if that job made
 * it (core taints it), never orphan it. The name was free before the job, so an instance now is ours.
 */
async function afterFailedCreate(ctx: Ctx, planned: ObjectValue, diag: Diagnostic): Promise<StateResult> {
  const info = await fetchInstance(ctx, nameOf(planned)).catch(() => null);
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
  if (err instanceof ExasolError && err.code === 'E_GANETI_JOB_TIMEOUT') {
    return errorDiag(
      `Timed out creating instance ${name}`,
      `${err.message}. When it has finished, import the instance: terraform import ganeti_instance.<name> ${name}.`,
    );
  }
  return ganetiDiag(`Ganeti could not create instance ${name}`, err);
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
  try {
    await waitForJob(ctx.client, jobId, { timeoutMs: STOP_GRACE_MS });
  } catch (err) {
    const outcome = `ended with: ${err instanceof Error ? err.message : String(err)}`;
    const diag = errorDiag(
      `Interrupted while creating instance ${name}`,
      `Terraform was interrupted; Ganeti job ${jobId} ${outcome}.`,
    );
    return afterFailedCreate(ctx, planned, diag);
  }
  // The job succeeded: a healthy instance, recorded without an error (an error would taint it).
  const res = await afterChange(ctx, planned, 'create');
  res.diagnostics.push(
    warningDiag(
      `Interrupted while creating instance ${name}`,
      `Terraform was interrupted; Ganeti job ${jobId} finished and the instance is recorded as created.`,
    ),
  );
  return res;
}

async function create(outer: Ctx, planned: ObjectValue): Promise<StateResult> {
  const ctx = within(outer, planned, 'create');
  const body = createBody(planned);
  let jobId: number;
  try {
    const existing = await ctx.client.instance(body.instance_name);
    if (existing) return { state: null, diagnostics: [clash(body.instance_name, existing.tags ?? [])] };
    jobId = await ctx.client.createInstance(body);
  } catch (err) {
    return { state: null, diagnostics: [createFailure(planned, err)] };
  }
  log('DEBUG', `create ${body.instance_name}: job ${jobId}`);
  try {
    await job(ctx, jobId);
  } catch (err) {
    if (ctx.stop.aborted) return stoppedCreate(ctx, planned, jobId);
    // Someone else's instance took the name between the check and the job: not ours, not recorded.
    if (err instanceof GanetiJobError && err.errorCode === 'already_exists') {
      const other = await ctx.client.instance(body.instance_name).catch(() => null);
      return { state: null, diagnostics: [clash(body.instance_name, other?.tags ?? [])] };
    }
    return afterFailedCreate(ctx, planned, createFailure(planned, err));
  }
  return afterChange(ctx, planned, 'create');
}

async function read(ctx: Ctx, state: ObjectValue, imported: boolean): Promise<StateResult> {
  const info = await fetchInstance(ctx, nameOf(state));
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

async function remove(outer: Ctx, prior: ObjectValue): Promise<Diagnostic[]> {
  const ctx = within(outer, prior, 'delete');
  const name = nameOf(prior);
  try {
    if (!(await ctx.client.instance(name))) return [];
    await job(ctx, await ctx.client.deleteInstance(name));
    return [];
  } catch (err) {
    if (err instanceof GanetiJobError && err.errorCode === 'unknown_entity') return [];
    return [ganetiDiag(`Ganeti could not delete instance ${name}`, err)];
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

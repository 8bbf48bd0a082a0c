// ganeti_instance: schema, plan, create, read, update, delete and import of a Ganeti instance.
import { GanetiJobError, type RapiClient, waitForJob } from '../../ganeti/index.ts';
import type { InstanceInfo } from '../../ganeti/types.ts';
import type { ObjectValue } from '../codec.ts';
import { type Diagnostic, diagFromError, errorDiag } from '../diagnostics.ts';
import { log } from '../log.ts';
import { sameValue } from '../plan.ts';
import { createBody, items, n, nicSpec, s, stateFrom, strList, strMap } from './instance-model.ts';
import { planInstance } from './instance-plan.ts';
import { instanceSchema, validateInstance } from './instance-schema.ts';
import type { Resource, ResourceContext, StateResult } from './types.ts';

type Ctx = ResourceContext<RapiClient>;

/** How long a create that already runs on the cluster is waited for after StopProvider. */
export const STOP_GRACE_MS = Number(process.env.GANETI_PROVIDER_STOP_GRACE_MS ?? 120_000);

const nameOf = (state: ObjectValue): string => s(state.id) ?? s(state.name) ?? '';

async function job(ctx: Ctx, id: number): Promise<void> {
  await waitForJob(ctx.client, id, { signal: ctx.stop });
}

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

async function afterChange(ctx: Ctx, base: ObjectValue, what: string): Promise<StateResult> {
  const info: InstanceInfo | null = await ctx.client.instance(nameOf(base));
  if (!info)
    return { state: null, diagnostics: [errorDiag(`Instance ${nameOf(base)} vanished after ${what}`)] };
  return { state: stateFrom(base, info), diagnostics: [] };
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

/** NIC operations for OpInstanceSetParams: removals (from the end), modifications, additions. */
export function nicChanges(before: ObjectValue[], after: ObjectValue[]): unknown[] {
  const ops: unknown[] = [];
  for (let i = before.length - 1; i >= after.length; i--) ops.push(['remove', i, {}]);
  after.forEach((nic, i) => {
    const old = before[i];
    if (!old) {
      ops.push(['add', -1, nicSpec(nic)]);
      return;
    }
    const params: Record<string, string> = {};
    if (!sameValue(old.network, nic.network)) params.network = s(nic.network) ?? 'none';
    if (!sameValue(old.ip, nic.ip) || params.network) params.ip = s(nic.ip) ?? 'none';
    if (!sameValue(old.link, nic.link) && s(nic.link)) params.link = s(nic.link) ?? '';
    if (!sameValue(old.mode, nic.mode) && s(nic.mode)) params.mode = s(nic.mode) ?? '';
    if (Object.keys(params).length) ops.push(['modify', i, params]);
  });
  return ops;
}

/** Modify body for changed parameters; removed map keys go back to the cluster default. */
function modifyBody(prior: ObjectValue, planned: ObjectValue): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const be: Record<string, unknown> = {};
  if (!sameValue(prior.memory, planned.memory) && n(planned.memory) !== undefined) {
    Object.assign(be, { maxmem: n(planned.memory), minmem: n(planned.memory) });
  }
  if (!sameValue(prior.vcpus, planned.vcpus) && n(planned.vcpus) !== undefined) be.vcpus = n(planned.vcpus);
  const maps: [string, string, Record<string, unknown>][] = [
    ['beparams', 'beparams', be],
    ['hvparams', 'hvparams', {}],
    ['os_params', 'osparams', {}],
    ['os_params_private', 'osparams_private', {}],
  ];
  const newDisks = items(planned.disks).slice(items(prior.disks).length);
  if (newDisks.length) body.disks = newDisks.map((d) => ['add', -1, { size: n(d.size) ?? 0 }]);
  const nics = nicChanges(items(prior.nics), items(planned.nics));
  if (nics.length) body.nics = nics;
  for (const [attr, key, out] of maps) {
    if (!sameValue(prior[attr], planned[attr])) {
      const before = strMap(prior[attr]) ?? {};
      const after = strMap(planned[attr]) ?? {};
      for (const k of Object.keys(before)) if (!(k in after)) out[k] = 'default';
      Object.assign(out, after);
    }
    if (Object.keys(out).length) body[key] = out;
  }
  return body;
}

async function update(ctx: Ctx, prior: ObjectValue, planned: ObjectValue): Promise<StateResult> {
  const name = nameOf(prior);
  const c = ctx.client;
  try {
    const body = modifyBody(prior, planned);
    if (Object.keys(body).length) await job(ctx, await c.modifyInstance(name, body));
    const before = items(prior.disks);
    for (const [i, d] of items(planned.disks).entries()) {
      if (!before[i]) continue; // added by the modify job above
      const amount = (n(d.size) ?? 0) - (n(before[i]?.size) ?? 0);
      if (amount > 0) {
        const id = await c.request({
          method: 'POST',
          path: `/2/instances/${encodeURIComponent(name)}/disk/${i}/grow`,
          body: { amount, wait_for_sync: false },
        });
        await job(ctx, Number(id));
      }
    }
    const oldTags = strList(prior.tags);
    const newTags = strList(planned.tags);
    const removed = oldTags.filter((t) => !newTags.includes(t));
    const added = newTags.filter((t) => !oldTags.includes(t));
    if (removed.length) await job(ctx, await c.removeInstanceTags(name, removed));
    if (added.length) await job(ctx, await c.addInstanceTags(name, added));
    if (!sameValue(prior.running, planned.running)) {
      await job(
        ctx,
        planned.running === false ? await c.shutdownInstance(name) : await c.startupInstance(name),
      );
    }
  } catch (err) {
    const info = await c.instance(name).catch(() => null);
    return {
      state: info ? stateFrom(prior, info) : prior,
      diagnostics: [diagFromError(`Ganeti could not update instance ${name}`, err)],
    };
  }
  return afterChange(ctx, { ...planned, id: name }, 'update');
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
  update,
  delete: remove,
  importState: (id: string) => ({ id, name: id }),
} satisfies Resource<RapiClient>;

// In-place update of ganeti_instance: what Ganeti can change without a new instance.
import type { ObjectValue } from '../../codec.ts';
import { ganetiDiag } from '../../ganeti-errors.ts';
import { sameValue } from '../../plan.ts';
import type { StateResult } from '../../spec.ts';
import { alignNics, items, n, nicSpec, s, stateFrom, strList, strMap } from './model.ts';
import { afterChange, type Ctx, fetchInstance, job, nameOf, within } from './ops.ts';

/** NIC modify parameters that turn NIC `old` into `nic`. */
function nicParams(old: ObjectValue, nic: ObjectValue): Record<string, string> {
  const params: Record<string, string> = {};
  if (!sameValue(old.network, nic.network)) params.network = s(nic.network) ?? 'none';
  if (!sameValue(old.ip, nic.ip) || params.network) params.ip = s(nic.ip) ?? 'none';
  if (!sameValue(old.link, nic.link) && s(nic.link)) params.link = s(nic.link) ?? '';
  if (!sameValue(old.mode, nic.mode) && s(nic.mode)) params.mode = s(nic.mode) ?? '';
  return params;
}

/**
 * NIC operations for OpInstanceSetParams. NICs removed anywhere in the list are removed by index (last
 * first, so earlier indexes stay valid); otherwise removals are from the end, then modifications and
 * additions by position.
 */
export function nicChanges(before: ObjectValue[], after: ObjectValue[]): unknown[] {
  const ops: unknown[] = [];
  const aligned = alignNics(before, after);
  if (aligned) {
    for (let i = before.length - 1; i >= 0; i--) if (!aligned.includes(i)) ops.push(['remove', i, {}]);
    after.forEach((nic, i) => {
      const params = nicParams(before[aligned[i] ?? i] ?? {}, nic);
      if (Object.keys(params).length) ops.push(['modify', i, params]);
    });
    return ops;
  }
  for (let i = before.length - 1; i >= after.length; i--) ops.push(['remove', i, {}]);
  after.forEach((nic, i) => {
    const old = before[i];
    if (!old) {
      ops.push(['add', -1, nicSpec(nic)]);
      return;
    }
    const params = nicParams(old, nic);
    if (Object.keys(params).length) ops.push(['modify', i, params]);
  });
  return ops;
}

/** Modify body for changed parameters; removed map keys go back to the cluster default. */
export function modifyBody(prior: ObjectValue, planned: ObjectValue): Record<string, unknown> {
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

/** reboot_on_update: a running instance whose memory or vcpus changed is rebooted to apply them. */
function needsReboot(prior: ObjectValue, planned: ObjectValue): boolean {
  if (planned.reboot_on_update !== true || planned.running === false) return false;
  return !sameValue(prior.memory, planned.memory) || !sameValue(prior.vcpus, planned.vcpus);
}

/** Renames in place; Ganeti renames only stopped instances, so a running one is stopped and started. */
async function rename(ctx: Ctx, from: string, to: string, startAfter: boolean): Promise<void> {
  const c = ctx.client;
  const wasUp = (await c.instance(from))?.admin_state === 'up';
  if (wasUp) await job(ctx, await c.shutdownInstance(from));
  await job(ctx, await c.renameInstance(from, to));
  if (wasUp && startAfter) await job(ctx, await c.startupInstance(to));
}

/** Applies an in-place update: rename, parameters, NICs and new disks, disk growth, tags, power state. */
export async function updateInstance(
  outer: Ctx,
  prior: ObjectValue,
  planned: ObjectValue,
): Promise<StateResult> {
  const ctx = within(outer, planned, 'update');
  let name = nameOf(prior);
  const c = ctx.client;
  try {
    const newName = s(planned.name);
    if (newName && newName !== name) {
      await rename(ctx, name, newName, planned.running !== false);
      name = newName;
    }
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
    } else if (needsReboot(prior, planned)) {
      await job(ctx, await c.rebootInstance(name, { type: 'full' }));
    }
  } catch (err) {
    const info = await fetchInstance(ctx, name).catch(() => null);
    return {
      state: info ? stateFrom(prior, info) : prior,
      diagnostics: [ganetiDiag(`Ganeti could not update instance ${name}`, err)],
    };
  }
  return afterChange(ctx, { ...planned, id: name }, 'update');
}

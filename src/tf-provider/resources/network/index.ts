// ganeti_network: create, read (drift), in-place update of gateway, MAC prefix, reservations and tags,
// delete and import of a Ganeti network.
import {
  createNetwork,
  deleteNetwork,
  externalReservations,
  getNetwork,
  modifyNetwork,
  type NetworkInfo,
  networkTags,
  type RapiClient,
} from '../../../ganeti/index.ts';
import type { ObjectValue } from '../../codec.ts';
import { type Diagnostic, errorDiag } from '../../diagnostics.ts';
import { ganetiDiag } from '../../ganeti-errors.ts';
import { type Ctx, job, within } from '../../ganeti-jobs.ts';
import { planBlock, sameValue } from '../../plan.ts';
import type { PlanResult, Resource, StateResult } from '../../spec.ts';
import { s, strList } from '../instance/model.ts';
import { cidrRange, ipv4, networkSchema, validateNetwork } from './schema.ts';

const nameOf = (state: ObjectValue): string => s(state.id) ?? s(state.name) ?? '';

/** State from Ganeti's network; reservations without the automatic network/broadcast/gateway ones. */
function stateFrom(base: ObjectValue, info: NetworkInfo): ObjectValue {
  const range = cidrRange(info.network);
  const auto = new Set([range?.first, range?.last, ipv4(info.gateway ?? '')]);
  const reserved = externalReservations(info)
    .filter((ip) => !auto.has(ipv4(ip) ?? -1))
    .sort();
  const tags = [...(info.tags ?? [])].sort();
  const hadSet = (v: unknown) => v !== null && v !== undefined;
  return {
    ...base,
    id: info.name,
    name: info.name,
    network: info.network,
    gateway: info.gateway ?? null,
    mac_prefix: (info as NetworkInfo & { mac_prefix?: string | null }).mac_prefix ?? null,
    reserved_ips: reserved.length ? reserved : hadSet(base.reserved_ips) ? [] : null,
    tags: tags.length ? tags : hadSet(base.tags) ? [] : null,
    uuid: info.uuid,
    timeouts: base.timeouts ?? null,
  };
}

function plan(prior: ObjectValue | null, proposed: ObjectValue, config: ObjectValue): PlanResult {
  const planned = planBlock(networkSchema, proposed, config, prior);
  if (prior === null) return { planned, requiresReplace: [], diagnostics: [] };
  const replace = (['name', 'network'] as const)
    .filter((k) => !sameValue(prior[k], planned[k]))
    .map((k) => [k]);
  return { planned, requiresReplace: replace, diagnostics: [] };
}

async function readBack(ctx: Ctx, base: ObjectValue, what: string): Promise<StateResult> {
  const info = await getNetwork(ctx.client, nameOf(base));
  if (!info)
    return { state: null, diagnostics: [errorDiag(`Network ${nameOf(base)} vanished after ${what}`)] };
  return { state: stateFrom(base, info), diagnostics: [] };
}

async function create(outer: Ctx, planned: ObjectValue): Promise<StateResult> {
  const ctx = within(outer, planned, 'create');
  const name = s(planned.name) ?? '';
  try {
    if (await getNetwork(ctx.client, name)) {
      return {
        state: null,
        diagnostics: [
          errorDiag(
            `Network ${name} already exists on the Ganeti cluster`,
            `It was not created by this apply; terraform leaves it alone. To manage it, import it: terraform import ganeti_network.<name> ${name}.`,
            ['name'],
          ),
        ],
      };
    }
    const reserved = strList(planned.reserved_ips);
    const tags = strList(planned.tags);
    await job(
      ctx,
      await createNetwork(ctx.client, {
        network_name: name,
        network: s(planned.network) ?? '',
        ...(s(planned.gateway) ? { gateway: s(planned.gateway) } : {}),
        ...(s(planned.mac_prefix) ? { mac_prefix: s(planned.mac_prefix) } : {}),
        ...(reserved.length ? { add_reserved_ips: reserved } : {}),
        ...(tags.length ? { tags } : {}),
      }),
    );
  } catch (err) {
    const info = await getNetwork(ctx.client, name).catch(() => null);
    return {
      state: info ? stateFrom(planned, info) : null,
      diagnostics: [ganetiDiag(`Ganeti could not create network ${name}`, err)],
    };
  }
  return readBack(ctx, planned, 'create');
}

async function read(ctx: Ctx, state: ObjectValue, imported: boolean): Promise<StateResult> {
  const info = await getNetwork(ctx.client, nameOf(state));
  if (info) return { state: stateFrom(state, info), diagnostics: [] };
  const diagnostics = imported
    ? [errorDiag('Cannot import network', `Ganeti has no network named "${nameOf(state)}".`)]
    : [];
  return { state: null, diagnostics };
}

async function update(outer: Ctx, prior: ObjectValue, planned: ObjectValue): Promise<StateResult> {
  const ctx = within(outer, planned, 'update');
  const name = nameOf(prior);
  try {
    const before = strList(prior.reserved_ips);
    const after = strList(planned.reserved_ips);
    // Ganeti refuses to change the gateway and the reservations in one job: two jobs, gateway first.
    const addresses = {
      ...(sameValue(prior.gateway, planned.gateway) ? {} : { gateway: s(planned.gateway) ?? 'none' }),
      ...(sameValue(prior.mac_prefix, planned.mac_prefix)
        ? {}
        : { mac_prefix: s(planned.mac_prefix) ?? 'none' }),
    };
    const added = after.filter((ip) => !before.includes(ip));
    const dropped = before.filter((ip) => !after.includes(ip));
    const reservations = {
      ...(added.length ? { add_reserved_ips: added } : {}),
      ...(dropped.length ? { remove_reserved_ips: dropped } : {}),
    };
    for (const body of [addresses, reservations])
      if (Object.keys(body).length) await job(ctx, await modifyNetwork(ctx.client, name, body));
    const oldTags = strList(prior.tags);
    const newTags = strList(planned.tags);
    const untag = oldTags.filter((t) => !newTags.includes(t));
    const tag = newTags.filter((t) => !oldTags.includes(t));
    if (untag.length) await job(ctx, await networkTags(ctx.client, name, untag, true));
    if (tag.length) await job(ctx, await networkTags(ctx.client, name, tag));
  } catch (err) {
    const info = await getNetwork(ctx.client, name).catch(() => null);
    return {
      state: info ? stateFrom(prior, info) : prior,
      diagnostics: [ganetiDiag(`Ganeti could not update network ${name}`, err)],
    };
  }
  return readBack(ctx, planned, 'update');
}

async function remove(outer: Ctx, prior: ObjectValue): Promise<Diagnostic[]> {
  const ctx = within(outer, prior, 'delete');
  const name = nameOf(prior);
  try {
    if (!(await getNetwork(ctx.client, name))) return [];
    await job(ctx, await deleteNetwork(ctx.client, name));
    return [];
  } catch (err) {
    return [ganetiDiag(`Ganeti could not delete network ${name}`, err)];
  }
}

/** The ganeti_network resource type. */
export const networkResource = {
  typeName: 'ganeti_network',
  version: 0,
  schema: networkSchema,
  validate: validateNetwork,
  plan,
  create,
  read,
  update,
  delete: remove,
  importState: (id: string) => ({ id, name: id }),
} satisfies Resource<RapiClient>;

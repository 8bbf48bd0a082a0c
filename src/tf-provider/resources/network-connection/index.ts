// ganeti_network_connection: a Ganeti network connected to a node group with a NIC mode and link.
// Every setting is fixed once connected (Ganeti has no modify), so a change reconnects (replace).
import {
  connectionsOf,
  connectNetwork,
  disconnectNetwork,
  getNetwork,
  type RapiClient,
} from '../../../ganeti/index.ts';
import type { ObjectValue } from '../../codec.ts';
import { type Diagnostic, errorDiag } from '../../diagnostics.ts';
import { ganetiDiag } from '../../ganeti-errors.ts';
import { type Ctx, job, within } from '../../ganeti-jobs.ts';
import { planBlock, sameValue } from '../../plan.ts';
import { type BlockSpec, computed, optionalComputed, required } from '../../schema.ts';
import type { PlanResult, Resource, StateResult } from '../../spec.ts';
import { timeoutsBlock, validateTimeouts } from '../../timeouts.ts';
import { s } from '../instance/model.ts';
import { NIC_MODES } from '../instance/schema.ts';

const SETTINGS = ['network', 'group', 'mode', 'link', 'vlan'] as const;

const schema: BlockSpec = {
  description:
    'Connects a ganeti_network to a node group: NICs on the network in that group use its mode and link. ' +
    'Import ID: NETWORK/GROUP. Changing any setting reconnects (replaces) it.',
  attributes: {
    id: computed('string', 'NETWORK/GROUP (the import ID).'),
    network: required('string', 'Network name.'),
    group: required('string', 'Node group name, e.g. "default".'),
    mode: required('string', 'NIC mode: bridged, routed or openvswitch.'),
    link: required('string', 'Link: the bridge (bridged), routing table (routed) or switch (openvswitch).'),
    vlan: optionalComputed('string', 'VLAN of an openvswitch connection ("" for none).', { default: '' }),
  },
  blocks: { timeouts: timeoutsBlock },
};

/** Network and group of a state (from the settings, or from an import ID NETWORK/GROUP). */
function keyOf(state: ObjectValue): { network: string; group: string } {
  const [net, group] = (s(state.id) ?? '').split('/');
  return { network: s(state.network) ?? net ?? '', group: s(state.group) ?? group ?? '' };
}

function validate(config: ObjectValue): Diagnostic[] {
  const diags = validateTimeouts(config);
  if (typeof config.mode === 'string' && !NIC_MODES.includes(config.mode))
    diags.push(
      errorDiag(
        'Unknown mode',
        `mode "${config.mode}" is not a Ganeti NIC mode; use one of ${NIC_MODES.join(', ')}.`,
        ['mode'],
      ),
    );
  return diags;
}

function plan(prior: ObjectValue | null, proposed: ObjectValue, config: ObjectValue): PlanResult {
  const planned = planBlock(schema, proposed, config, prior);
  const { network, group } = keyOf(planned);
  if (typeof planned.network === 'string' && typeof planned.group === 'string')
    planned.id = `${network}/${group}`;
  if (prior === null) return { planned, requiresReplace: [], diagnostics: [] };
  const replace = SETTINGS.filter((k) => !sameValue(prior[k], planned[k])).map((k) => [k]);
  return { planned, requiresReplace: replace, diagnostics: [] };
}

async function read(ctx: Ctx, state: ObjectValue, imported: boolean): Promise<StateResult> {
  const { network, group } = keyOf(state);
  const info = await getNetwork(ctx.client, network);
  const conn = info ? connectionsOf(info).find((c) => c.group === group) : undefined;
  if (!conn) {
    const diagnostics = imported
      ? [
          errorDiag(
            'Cannot import network connection',
            `Network "${network}" is not connected to group "${group}".`,
          ),
        ]
      : [];
    return { state: null, diagnostics };
  }
  return {
    state: {
      ...state,
      id: `${network}/${group}`,
      network,
      group,
      mode: conn.mode,
      link: conn.link,
      vlan: conn.vlan,
      timeouts: state.timeouts ?? null,
    },
    diagnostics: [],
  };
}

async function create(outer: Ctx, planned: ObjectValue): Promise<StateResult> {
  const ctx = within(outer, planned, 'create');
  const { network, group } = keyOf(planned);
  try {
    const info = await getNetwork(ctx.client, network);
    if (info && connectionsOf(info).some((c) => c.group === group)) {
      return {
        state: null,
        diagnostics: [
          errorDiag(
            `Network ${network} is already connected to group ${group}`,
            `The connection was not made by this apply; to manage it, import it: terraform import ganeti_network_connection.<name> ${network}/${group}.`,
          ),
        ],
      };
    }
    const c = {
      group,
      mode: s(planned.mode) ?? '',
      link: s(planned.link) ?? '',
      vlan: s(planned.vlan) ?? '',
    };
    await job(ctx, await connectNetwork(ctx.client, network, c));
  } catch (err) {
    return {
      state: null,
      diagnostics: [ganetiDiag(`Ganeti could not connect network ${network} to group ${group}`, err)],
    };
  }
  const res = await read(ctx, planned, false);
  if (!res.state)
    return { state: null, diagnostics: [errorDiag(`Connection ${network}/${group} vanished after create`)] };
  return res;
}

async function remove(outer: Ctx, prior: ObjectValue): Promise<Diagnostic[]> {
  const ctx = within(outer, prior, 'delete');
  const { network, group } = keyOf(prior);
  try {
    const info = await getNetwork(ctx.client, network);
    if (!info || !connectionsOf(info).some((c) => c.group === group)) return [];
    await job(ctx, await disconnectNetwork(ctx.client, network, group));
    return [];
  } catch (err) {
    return [ganetiDiag(`Ganeti could not disconnect network ${network} from group ${group}`, err)];
  }
}

/** The ganeti_network_connection resource type. */
export const networkConnectionResource = {
  typeName: 'ganeti_network_connection',
  version: 0,
  schema,
  validate,
  plan,
  create,
  read,
  // Every setting forces replacement, so an update only carries the timeouts block.
  update: async (_ctx: Ctx, _prior: ObjectValue, planned: ObjectValue) => ({
    state: planned,
    diagnostics: [],
  }),
  delete: remove,
  importState: (id: string) => ({ id }),
} satisfies Resource<RapiClient>;

// Plan rules of ganeti_instance: what Ganeti changes in place and what forces a new instance.
import { type ObjectValue, UNKNOWN } from '../../codec.ts';
import { planBlock, sameValue } from '../../plan.ts';
import type { PlanResult } from '../../spec.ts';
import { items, n } from './model.ts';
import { instanceSchema } from './schema.ts';

/** Attributes Ganeti cannot change on an existing instance. */
export const REPLACE_ATTRIBUTES = [
  'os_type',
  'disk_template',
  'hypervisor',
  'primary_node',
  'secondary_node',
  'group',
] as const;

const NIC_CONFIG = ['network', 'link', 'mode', 'ip'] as const;

/** Planned state and replacement paths for a create (prior null) or an update. */
export function planInstance(
  prior: ObjectValue | null,
  proposed: ObjectValue,
  config: ObjectValue,
): PlanResult {
  const planned = planBlock(instanceSchema, proposed, config, prior);
  if (prior === null) {
    planned.id = UNKNOWN;
    return { planned, requiresReplace: [], diagnostics: [] };
  }
  const replace: (string | number)[][] = [];
  // Renamed in place: the id follows the name.
  if (!sameValue(prior.name, planned.name))
    planned.id = typeof planned.name === 'string' ? planned.name : UNKNOWN;
  for (const attr of REPLACE_ATTRIBUTES) if (!sameValue(prior[attr], planned[attr])) replace.push([attr]);

  // Disks grow and are added in place; shrinking or removing one needs a new instance.
  const priorDisks = items(prior.disks);
  const plannedDisks = items(planned.disks);
  if (plannedDisks.length < priorDisks.length) replace.push(['disks']);
  plannedDisks.forEach((d, i) => {
    const before = n(priorDisks[i]?.size);
    if (before === undefined) return;
    if (d.size === UNKNOWN || (typeof d.size === 'number' && d.size < before))
      replace.push(['disks', i, 'size']);
  });

  // NICs are added, modified and removed in place; what Ganeti assigns anew is unknown until apply.
  const priorNics = items(prior.nics);
  const cfgNics = items(config.nics);
  items(planned.nics).forEach((nic, i) => {
    const before = priorNics[i];
    if (!before || NIC_CONFIG.every((k) => sameValue(before[k], nic[k]))) return;
    if (!sameValue(before.network, nic.network) || !sameValue(before.ip, nic.ip)) nic.ip_address = UNKNOWN;
    if (!sameValue(before.network, nic.network)) {
      if ((cfgNics[i]?.link ?? null) === null) nic.link = UNKNOWN;
      if ((cfgNics[i]?.mode ?? null) === null) nic.mode = UNKNOWN;
    }
  });

  if (!sameValue(prior.running, planned.running)) {
    planned.status = UNKNOWN;
    planned.oper_state = UNKNOWN;
  }
  return { planned, requiresReplace: replace, diagnostics: [] };
}

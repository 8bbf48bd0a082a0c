// Plan rules of ganeti_instance: what Ganeti changes in place and what forces a new instance.
import { type ObjectValue, UNKNOWN } from '../codec.ts';
import { planBlock, sameValue } from '../plan.ts';
import { items, n } from './instance-model.ts';
import { instanceSchema } from './instance-schema.ts';
import type { PlanResult } from './types.ts';

/** Attributes Ganeti cannot change on an existing instance. */
export const REPLACE_ATTRIBUTES = [
  'name',
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
  for (const attr of REPLACE_ATTRIBUTES) if (!sameValue(prior[attr], planned[attr])) replace.push([attr]);

  const priorDisks = items(prior.disks);
  const plannedDisks = items(planned.disks);
  if (priorDisks.length !== plannedDisks.length) replace.push(['disks']);
  else {
    plannedDisks.forEach((d, i) => {
      const before = n(priorDisks[i]?.size);
      const after = d.size;
      if (after === UNKNOWN || (before !== undefined && typeof after === 'number' && after < before)) {
        replace.push(['disks', i, 'size']);
      }
    });
  }

  const priorNics = items(prior.nics);
  const plannedNics = items(planned.nics);
  if (priorNics.length !== plannedNics.length) replace.push(['nics']);
  else {
    plannedNics.forEach((nic, i) => {
      for (const k of NIC_CONFIG) if (!sameValue(priorNics[i]?.[k], nic[k])) replace.push(['nics', i, k]);
    });
  }

  if (!sameValue(prior.running, planned.running)) {
    planned.status = UNKNOWN;
    planned.oper_state = UNKNOWN;
  }
  return { planned, requiresReplace: replace, diagnostics: [] };
}

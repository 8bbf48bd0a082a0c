// Plan rules of ganeti_instance: what Ganeti changes in place and what forces a new instance, plus the
// plan-time cluster checks (checks.ts) once the provider is configured.
import { type ObjectValue, UNKNOWN } from '../../codec.ts';
import { type Diagnostic, warningDiag } from '../../diagnostics.ts';
import { planBlock, sameValue } from '../../plan.ts';
import type { PlanResult } from '../../spec.ts';
import { clusterChecks } from './checks.ts';
import { alignNics, items, NIC_CONFIG, n } from './model.ts';
import type { Ctx } from './ops.ts';
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

/** Disks grow and are added in place; shrinking or removing one needs a new instance. */
function diskReplacements(prior: ObjectValue, planned: ObjectValue): (string | number)[][] {
  const replace: (string | number)[][] = [];
  const priorDisks = items(prior.disks);
  const plannedDisks = items(planned.disks);
  if (plannedDisks.length < priorDisks.length) replace.push(['disks']);
  plannedDisks.forEach((d, i) => {
    const before = n(priorDisks[i]?.size);
    if (before === undefined) return;
    if (d.size === UNKNOWN || (typeof d.size === 'number' && d.size < before))
      replace.push(['disks', i, 'size']);
  });
  return replace;
}

/**
 * NICs are added, modified and removed in place. A NIC removed anywhere keeps the others' MACs and
 * addresses (alignNics); what Ganeti assigns anew is unknown until apply. A NIC on a network has no link
 * or mode of its own.
 */
function planNics(prior: ObjectValue, planned: ObjectValue, config: ObjectValue): void {
  const priorNics = items(prior.nics);
  const plannedNics = items(planned.nics);
  const cfgNics = items(config.nics);
  // Aligned by what the configuration writes: the proposed NICs carry computed values by position.
  const aligned = alignNics(priorNics, cfgNics);
  plannedNics.forEach((nic, i) => {
    const before = priorNics[aligned ? (aligned[i] ?? i) : i];
    if (!before) {
      if (nic.network !== null && nic.network !== UNKNOWN) Object.assign(nic, { link: null, mode: null });
      return;
    }
    const cfg = cfgNics[i] ?? {};
    nic.mac = before.mac ?? null;
    nic.ip_address = before.ip_address ?? null;
    if ((cfg.link ?? null) === null) nic.link = before.link ?? null;
    if ((cfg.mode ?? null) === null) nic.mode = before.mode ?? null;
    if (NIC_CONFIG.every((k) => sameValue(before[k], nic[k]))) return;
    if (!sameValue(before.network, nic.network) || !sameValue(before.ip, nic.ip)) nic.ip_address = UNKNOWN;
    if (!sameValue(before.network, nic.network)) {
      const onNetwork = nic.network !== null;
      if ((cfg.link ?? null) === null) nic.link = onNetwork ? null : UNKNOWN;
      if ((cfg.mode ?? null) === null) nic.mode = onNetwork ? null : UNKNOWN;
    }
  });
}

/** Warning when a memory/vcpus change of a running instance waits for its next reboot. */
function rebootWarning(prior: ObjectValue, planned: ObjectValue): Diagnostic[] {
  if (planned.reboot_on_update === true || planned.running === false || prior.running === false) return [];
  const changed = (['memory', 'vcpus'] as const).filter((k) => !sameValue(prior[k], planned[k]));
  if (!changed.length) return [];
  return [
    warningDiag(
      'Change takes effect after a reboot',
      `${changed.join(' and ')} of running instance ${String(prior.id)} change now, but the running instance ` +
        'keeps the old values until it is rebooted. Set reboot_on_update = true to reboot it during apply.',
      [changed[0] ?? 'memory'],
    ),
  ];
}

/** Planned state and replacement paths for a create (prior null) or an update. */
export async function planInstance(
  prior: ObjectValue | null,
  proposed: ObjectValue,
  config: ObjectValue,
  ctx: Ctx | null,
): Promise<PlanResult> {
  const planned = planBlock(instanceSchema, proposed, config, prior);
  if (prior === null) {
    planned.id = UNKNOWN;
    for (const nic of items(planned.nics))
      if (nic.network !== null && nic.network !== UNKNOWN) Object.assign(nic, { link: null, mode: null });
    const diagnostics = ctx ? await clusterChecks(ctx, planned, config, null) : [];
    return { planned, requiresReplace: [], diagnostics };
  }
  const replace: (string | number)[][] = [];
  // Renamed in place: the id follows the name.
  if (!sameValue(prior.name, planned.name))
    planned.id = typeof planned.name === 'string' ? planned.name : UNKNOWN;
  for (const attr of REPLACE_ATTRIBUTES) if (!sameValue(prior[attr], planned[attr])) replace.push([attr]);
  replace.push(...diskReplacements(prior, planned));
  planNics(prior, planned, config);
  if (!sameValue(prior.running, planned.running)) {
    planned.status = UNKNOWN;
    planned.oper_state = UNKNOWN;
  }
  const diagnostics = rebootWarning(prior, planned);
  if (ctx && !replace.length) diagnostics.push(...(await clusterChecks(ctx, planned, config, prior)));
  return { planned, requiresReplace: replace, diagnostics };
}

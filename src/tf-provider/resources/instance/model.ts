// Mapping between ganeti_instance state and Ganeti RAPI shapes (create body, instance object).
import type { InstanceCreateRequest, InstanceInfo, NicSpec } from '../../../ganeti/types.ts';
import { isObject, type ObjectValue, type Value } from '../../codec.ts';

/** String attribute or undefined. */
export const s = (v: Value | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
/** Number attribute or undefined. */
export const n = (v: Value | undefined): number | undefined => (typeof v === 'number' ? v : undefined);
/** List of objects (nested block items). */
export const items = (v: Value | undefined): ObjectValue[] => (Array.isArray(v) ? v.filter(isObject) : []);
/** Map of strings, or undefined when null. */
export function strMap(v: Value | undefined): Record<string, string> | undefined {
  if (!isObject(v)) return undefined;
  return Object.fromEntries(Object.entries(v).filter(([, x]) => typeof x === 'string')) as Record<
    string,
    string
  >;
}
/** String list of a set/list attribute. */
export const strList = (v: Value | undefined): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/** Backend parameters from memory/vcpus/beparams attributes. */
export function beparamsOf(state: ObjectValue): Record<string, string | number> {
  const be: Record<string, string | number> = { ...strMap(state.beparams) };
  const memory = n(state.memory);
  if (memory !== undefined) Object.assign(be, { maxmem: memory, minmem: memory });
  const vcpus = n(state.vcpus);
  if (vcpus !== undefined) be.vcpus = vcpus;
  return be;
}

/** NIC spec of a nics block item. */
export function nicSpec(nic: ObjectValue): NicSpec {
  const spec: NicSpec = {};
  if (s(nic.network)) spec.network = s(nic.network);
  if (s(nic.link)) spec.link = s(nic.link);
  if (s(nic.mode)) spec.mode = s(nic.mode) as NicSpec['mode'];
  if (s(nic.ip)) spec.ip = s(nic.ip);
  return spec;
}

/** `POST /2/instances` body for a planned state. */
export function createBody(p: ObjectValue): InstanceCreateRequest & Record<string, unknown> {
  const body: InstanceCreateRequest & Record<string, unknown> = {
    instance_name: s(p.name) ?? '',
    os_type: s(p.os_type) ?? '',
    disk_template: s(p.disk_template) ?? '',
    disks: items(p.disks).map((d) => ({ size: n(d.size) ?? 0 })),
    nics: items(p.nics).map(nicSpec),
    start: p.running !== false,
    name_check: p.name_check === true,
    ip_check: p.ip_check === true,
  };
  const be = beparamsOf(p);
  if (Object.keys(be).length) body.beparams = be;
  const opt: [string, Value | undefined][] = [
    ['hypervisor', p.hypervisor],
    ['pnode', p.primary_node],
    ['snode', p.secondary_node],
    ['iallocator', p.iallocator],
    ['group_name', p.group],
  ];
  for (const [k, v] of opt) if (s(v)) body[k] = s(v);
  if (strMap(p.hvparams)) body.hvparams = strMap(p.hvparams);
  if (strMap(p.os_params)) body.osparams = strMap(p.os_params);
  if (strMap(p.os_params_private)) body.osparams_private = strMap(p.os_params_private);
  if (Array.isArray(p.tags) && p.tags.length) body.tags = strList(p.tags);
  return body;
}

type NicArrays = {
  ips: (string | null)[];
  macs: string[];
  links: string[];
  modes: string[];
  nets: (string | null)[];
};

function nicArrays(info: InstanceInfo): NicArrays {
  const arr = <T>(k: string) => (Array.isArray(info[k]) ? (info[k] as T[]) : []);
  return {
    ips: arr<string | null>('nic.ips'),
    macs: arr<string>('nic.macs'),
    links: arr<string>('nic.links'),
    modes: arr<string>('nic.modes'),
    nets: arr<string | null>('nic.networks.names'),
  };
}

/** Parameter map as the configuration writes it (string values); null when empty and not configured. */
function readMap(
  custom: Record<string, unknown> | undefined,
  base: Value | undefined,
  skip: readonly string[] = [],
): Value {
  const entries = Object.entries(custom ?? {})
    .filter(([k, v]) => !skip.includes(k) && v !== null && v !== undefined)
    .map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)] as const);
  if (!entries.length) return base === null || base === undefined ? null : {};
  return Object.fromEntries(entries);
}

/** Backend parameters with own attributes (memory, vcpus), left out of the beparams map. */
const OWN_BEPARAMS = ['maxmem', 'minmem', 'memory', 'vcpus'] as const;

/**
 * State from the remote instance, keeping what only the configuration knows (creation options, private
 * OS parameters, user-written NIC ip such as "pool") from `base` (planned or prior state). Parameter maps
 * are read back from the instance's own (custom_*) parameters, so changes made outside show as drift.
 * A NIC on a Ganeti network has no link or mode of its own (the network connection sets them).
 */
export function stateFrom(base: ObjectValue, info: InstanceInfo, imported = false): ObjectValue {
  const nic = nicArrays(info);
  const baseNics = items(base.nics);
  const tags = [...(info.tags ?? [])].sort();
  return {
    ...base,
    id: info.name,
    name: s(base.name) ?? info.name,
    os_type: info.os,
    disk_template: info.disk_template,
    memory: info.beparams?.maxmem ?? info.beparams?.memory ?? null,
    vcpus: info.beparams?.vcpus ?? null,
    primary_node: info.pnode,
    secondary_node: s(base.secondary_node) ?? info.snodes?.[0] ?? null,
    tags: tags.length ? tags : base.tags === null || base.tags === undefined ? null : [],
    beparams: readMap({ ...info.custom_beparams }, base.beparams, OWN_BEPARAMS),
    hvparams: readMap(info.custom_hvparams, base.hvparams),
    os_params: readMap(info.custom_osparams, base.os_params),
    name_check: base.name_check ?? false,
    ip_check: base.ip_check ?? false,
    reboot_on_update: base.reboot_on_update ?? false,
    running: info.admin_state === 'up',
    uuid: info.uuid,
    status: info.status,
    oper_state: info.oper_state === true,
    disks: (info['disk.sizes'] ?? []).map((size) => ({ size })),
    nics: nic.macs.map((mac, i) => {
      const ip = nic.ips[i] ?? null;
      const net = nic.nets[i] ?? null;
      const userIp = baseNics[i] ? (baseNics[i].ip ?? null) : null;
      return {
        network: net,
        link: net ? null : (nic.links[i] ?? null),
        mode: net ? null : (nic.modes[i] ?? null),
        ip: imported ? (net && ip ? 'pool' : ip) : userIp,
        ip_address: ip,
        mac,
      };
    }),
  };
}

/** NIC settings a configuration writes. */
export const NIC_CONFIG = ['network', 'link', 'mode', 'ip'] as const;

/** True when the prior NIC has every setting the planned one configures (network and ip exactly). */
function sameNic(prior: ObjectValue, planned: ObjectValue): boolean {
  return NIC_CONFIG.every((k) => {
    const want = planned[k] ?? null;
    if ((k === 'link' || k === 'mode') && typeof want !== 'string') return true;
    return want === (prior[k] ?? null);
  });
}

/**
 * When the planned NICs are the prior ones with some removed (anywhere in the list), the prior index of
 * each planned NIC; otherwise null (NICs then change by position).
 */
export function alignNics(prior: ObjectValue[], planned: ObjectValue[]): number[] | null {
  if (planned.length >= prior.length) return null;
  const out: number[] = [];
  let j = 0;
  for (const nic of planned) {
    while (j < prior.length && !sameNic(prior[j] ?? {}, nic)) j++;
    if (j === prior.length) return null;
    out.push(j++);
  }
  return out;
}

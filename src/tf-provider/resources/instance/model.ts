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

/**
 * State from the remote instance, keeping what only the configuration knows (parameter maps, creation
 * options, user-written NIC ip such as "pool") from `base` (planned or prior state).
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
    name_check: base.name_check ?? false,
    ip_check: base.ip_check ?? false,
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
        link: nic.links[i] ?? null,
        mode: nic.modes[i] ?? null,
        ip: imported && net && ip ? 'pool' : userIp,
        ip_address: ip,
        mac,
      };
    }),
  };
}

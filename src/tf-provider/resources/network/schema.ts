// Schema of ganeti_network (an IPv4 address pool Ganeti hands out to NICs) and its static validation.
import type { ObjectValue } from '../../codec.ts';
import { type Diagnostic, errorDiag } from '../../diagnostics.ts';
import { type BlockSpec, computed, optional, required } from '../../schema.ts';
import { timeoutsBlock, validateTimeouts } from '../../timeouts.ts';

const strSet = ['set', 'string'] as const;

/** ganeti_network attributes. */
export const networkSchema: BlockSpec = {
  description:
    'A Ganeti network: an IPv4 range whose addresses Ganeti gives to NICs (ip = "pool"). Connect it to a node ' +
    'group with ganeti_network_connection. Import ID: the network name.',
  attributes: {
    id: computed('string', 'Network name (the import ID).'),
    name: required('string', 'Network name. Changing it replaces the network.'),
    network: required(
      'string',
      'IPv4 range in CIDR form, e.g. 10.20.0.0/24. Changing it replaces the network.',
    ),
    gateway: optional(
      'string',
      'Gateway address inside the range (reserved automatically); changed in place.',
    ),
    mac_prefix: optional('string', 'MAC prefix for NICs on this network, e.g. "aa:00:01"; changed in place.'),
    reserved_ips: optional(
      strSet,
      'Addresses Ganeti must never hand out (besides network, broadcast and gateway); changed in place.',
    ),
    tags: optional(strSet, 'Ganeti tags of the network.'),
    uuid: computed('string', 'Ganeti UUID of the network.'),
  },
  blocks: { timeouts: timeoutsBlock },
};

/** An IPv4 address as a 32-bit number, or null. */
export function ipv4(text: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return null;
  return parts.reduce((acc, p) => acc * 256 + p, 0);
}

/** First and last address of a CIDR range, or null when it is not one. */
export function cidrRange(cidr: string): { first: number; last: number } | null {
  const [addr, len] = cidr.split('/');
  const base = ipv4(addr ?? '');
  const bits = Number(len);
  if (base === null || !Number.isInteger(bits) || bits < 8 || bits > 30 || !/^\d+$/.test(len ?? ''))
    return null;
  const size = 2 ** (32 - bits);
  if (base % size !== 0) return null;
  return { first: base, last: base + size - 1 };
}

/** Static checks: a CIDR range Ganeti accepts, addresses inside it, no automatic reservation listed twice. */
export function validateNetwork(config: ObjectValue): Diagnostic[] {
  const diags: Diagnostic[] = [...validateTimeouts(config)];
  if (typeof config.network !== 'string') return diags;
  const range = cidrRange(config.network);
  if (!range) {
    diags.push(
      errorDiag(
        'Invalid network',
        `network must be an IPv4 range such as 10.20.0.0/24 (prefix /8 to /30, no host bits), got "${config.network}".`,
        ['network'],
      ),
    );
    return diags;
  }
  const inside = (ip: string) => {
    const n = ipv4(ip);
    return n !== null && n >= range.first && n <= range.last;
  };
  if (typeof config.gateway === 'string' && !inside(config.gateway))
    diags.push(
      errorDiag('Invalid gateway', `gateway ${config.gateway} is not an address in ${config.network}.`, [
        'gateway',
      ]),
    );
  const reserved = Array.isArray(config.reserved_ips) ? config.reserved_ips : [];
  for (const ip of reserved) {
    if (typeof ip !== 'string') continue;
    const n = ipv4(ip);
    if (!inside(ip))
      diags.push(
        errorDiag('Invalid reserved_ips', `${ip} is not an address in ${config.network}.`, ['reserved_ips']),
      );
    else if (n === range.first || n === range.last || ip === config.gateway)
      diags.push(
        errorDiag(
          'Invalid reserved_ips',
          `${ip} is the network, broadcast or gateway address, which Ganeti reserves itself; leave it out.`,
          ['reserved_ips'],
        ),
      );
  }
  return diags;
}

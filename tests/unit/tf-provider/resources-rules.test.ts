// Pure rules of the resources: timeouts, network ranges and reservations, NIC removal anywhere in the
// list, and the instances data source filter.
import { describe, expect, it } from 'vitest';
import type { ObjectValue } from '../../../src/tf-provider/codec.ts';
import { alignNics } from '../../../src/tf-provider/resources/instance/model.ts';
import { nicChanges } from '../../../src/tf-provider/resources/instance/update.ts';
import { cidrRange, validateNetwork } from '../../../src/tf-provider/resources/network/schema.ts';
import { parseDuration, timeoutOf, validateTimeouts } from '../../../src/tf-provider/timeouts.ts';

describe('timeouts', () => {
  it('parses Go-style durations and rejects anything else on the attribute', () => {
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('45s')).toBe(45_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('soon')).toBeNull();
    expect(parseDuration('10')).toBeNull();
    expect(timeoutOf({ timeouts: { create: '2m', update: null, delete: null } }, 'create')).toBe(120_000);
    expect(timeoutOf({ timeouts: null }, 'delete')).toBeUndefined();
    const diags = validateTimeouts({ timeouts: { create: 'soon', update: '0s', delete: '5m' } });
    expect(diags.map((d) => d.attribute)).toEqual([
      ['timeouts', 'create'],
      ['timeouts', 'update'],
    ]);
  });
});

describe('ganeti_network validation', () => {
  const net = (v: ObjectValue) => ({
    name: 'n',
    network: '10.0.0.0/24',
    gateway: null,
    reserved_ips: null,
    ...v,
  });
  it('accepts a range with gateway and reservations inside it', () => {
    expect(validateNetwork(net({ gateway: '10.0.0.1', reserved_ips: ['10.0.0.9'] }))).toEqual([]);
    expect(cidrRange('10.0.0.0/24')).toEqual({ first: 167772160, last: 167772415 });
  });
  it('rejects host bits, bad prefixes, outside addresses and automatic reservations', () => {
    expect(validateNetwork(net({ network: '10.0.0.1/24' }))[0]?.attribute).toEqual(['network']);
    expect(validateNetwork(net({ network: '10.0.0.0/31' }))[0]?.summary).toBe('Invalid network');
    expect(validateNetwork(net({ gateway: '10.0.1.1' }))[0]?.attribute).toEqual(['gateway']);
    const reserved = validateNetwork(
      net({ gateway: '10.0.0.1', reserved_ips: ['10.0.1.5', '10.0.0.255', '10.0.0.1'] }),
    );
    expect(reserved.map((d) => d.detail)).toEqual([
      '10.0.1.5 is not an address in 10.0.0.0/24.',
      '10.0.0.255 is the network, broadcast or gateway address, which Ganeti reserves itself; leave it out.',
      '10.0.0.1 is the network, broadcast or gateway address, which Ganeti reserves itself; leave it out.',
    ]);
  });
});

describe('NIC removal anywhere in the list', () => {
  const A = { network: 'exanet', link: null, mode: null, ip: 'pool' };
  const B = { network: null, link: 'gnt0', mode: 'bridged', ip: null };
  const C = { network: 'other', link: null, mode: null, ip: 'pool' };
  it('aligns the remaining NICs to their prior positions', () => {
    expect(alignNics([A, B, C], [A, C])).toEqual([0, 2]);
    expect(alignNics([A, B, C], [B])).toEqual([1]);
    expect(alignNics([A, B], [C])).toBeNull();
    expect(alignNics([A], [A, B])).toBeNull();
  });
  it('removes exactly the dropped NIC instead of rewriting the ones after it', () => {
    expect(nicChanges([A, B, C], [A, C])).toEqual([['remove', 1, {}]]);
    expect(nicChanges([A, B, C], [C])).toEqual([
      ['remove', 1, {}],
      ['remove', 0, {}],
    ]);
  });
});

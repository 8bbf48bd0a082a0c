import { describe, expect, it } from 'vitest';
import { UNKNOWN } from '../../../src/tf-provider/codec.ts';
import { conform, planBlock, sameValue } from '../../../src/tf-provider/plan.ts';
import { planInstance } from '../../../src/tf-provider/resources/instance/plan.ts';
import { instanceSchema, validateInstance } from '../../../src/tf-provider/resources/instance/schema.ts';
import { nicChanges } from '../../../src/tf-provider/resources/instance/update.ts';
import {
  type BlockSpec,
  blockType,
  computed,
  optional,
  optionalComputed,
  required,
  toWireSchema,
} from '../../../src/tf-provider/schema.ts';

const block: BlockSpec = {
  attributes: {
    name: required('string', 'n'),
    size: optionalComputed('number', 's'),
    on: optionalComputed('bool', 'o', { default: true }),
    id: computed('string', 'i'),
    note: optional('string', 'x'),
  },
  blocks: {
    nics: {
      nesting: 'list',
      block: { attributes: { mac: computed('string', 'm'), link: optional('string', 'l') } },
    },
  },
};

describe('schema builders', () => {
  it('derive the cty object type with nested list blocks', () => {
    expect(blockType(block)).toEqual([
      'object',
      {
        name: 'string',
        size: 'number',
        on: 'bool',
        id: 'string',
        note: 'string',
        nics: ['list', ['object', { mac: 'string', link: 'string' }]],
      },
    ]);
  });

  it('serialise attribute types as JSON bytes and flags', () => {
    const wire = toWireSchema(block, 3) as {
      version: number;
      block: {
        attributes: { name: string; type: Buffer; required: boolean; computed: boolean }[];
        block_types: { nesting: string }[];
      };
    };
    expect(wire.version).toBe(3);
    expect(
      wire.block.attributes.map((a) => [a.name, a.type.toString(), a.required, a.computed]),
    ).toContainEqual(['size', '"number"', false, true]);
    expect(wire.block.block_types[0]?.nesting).toBe('LIST');
  });
});

describe('generic planning', () => {
  it('creates: computed unknown, defaults applied, configured values kept', () => {
    const cfg = { name: 'a', size: 5, on: null, id: null, note: null, nics: [{ mac: null, link: 'br0' }] };
    expect(planBlock(block, cfg, cfg, null)).toEqual({
      ...cfg,
      on: true,
      id: UNKNOWN,
      nics: [{ mac: UNKNOWN, link: 'br0' }],
    });
  });

  it('updates: prior computed values stay; new list items get unknowns', () => {
    const prior = { name: 'a', size: 5, on: true, id: 'a', note: null, nics: [{ mac: 'm1', link: 'br0' }] };
    const cfg = {
      ...prior,
      size: null,
      id: null,
      on: null,
      nics: [
        { mac: null, link: 'br0' },
        { mac: null, link: 'br1' },
      ],
    };
    const proposed = {
      ...prior,
      nics: [
        { mac: 'm1', link: 'br0' },
        { mac: null, link: 'br1' },
      ],
    };
    expect(planBlock(block, proposed, cfg, prior).nics).toEqual([
      { mac: 'm1', link: 'br0' },
      { mac: UNKNOWN, link: 'br1' },
    ]);
  });

  it('compares sets regardless of order', () => {
    expect(sameValue(['a', 'b'], ['b', 'a'], true)).toBe(true);
    expect(sameValue(['a', 'b'], ['b', 'a'])).toBe(false);
  });

  it('conforms partial objects to the schema', () => {
    expect(conform(block, { name: 'x' })).toEqual({
      name: 'x',
      size: null,
      on: null,
      id: null,
      note: null,
      nics: [],
    });
  });
});

describe('ganeti_instance plan and validation', () => {
  const prior = conform(instanceSchema, {
    id: 'vm',
    name: 'vm',
    os_type: 'noop',
    disk_template: 'file',
    memory: 256,
    vcpus: 1,
    running: true,
    name_check: false,
    ip_check: false,
    primary_node: 'n1',
    uuid: 'u',
    status: 'running',
    oper_state: true,
    disks: [{ size: 2048 }],
    nics: [{ network: null, link: 'gnt0', mode: 'bridged', ip: null, ip_address: null, mac: 'aa' }],
  });
  const cfgOf = (v: typeof prior) => ({
    ...v,
    id: null,
    uuid: null,
    status: null,
    oper_state: null,
    primary_node: null,
  });

  it('adds disks in place but replaces when one is removed', async () => {
    const more = { ...prior, disks: [{ size: 2048 }, { size: 1024 }] };
    expect((await planInstance(prior, more, cfgOf(more), null)).requiresReplace).toEqual([]);
    const none = { ...prior, disks: [] };
    expect((await planInstance(prior, none, cfgOf(none), null)).requiresReplace).toEqual([['disks']]);
  });

  it('grows disks in place but replaces on shrink', async () => {
    const grow = { ...prior, disks: [{ size: 4096 }] };
    expect((await planInstance(prior, grow, cfgOf(grow), null)).requiresReplace).toEqual([]);
    const shrink = { ...prior, disks: [{ size: 1024 }] };
    expect((await planInstance(prior, shrink, cfgOf(shrink), null)).requiresReplace).toEqual([
      ['disks', 0, 'size'],
    ]);
  });

  it('renames in place (the id follows the name) and replaces on an OS change', async () => {
    const renamed = { ...prior, name: 'vm2', memory: 512, tags: ['x'] };
    const res = await planInstance(prior, renamed, cfgOf(renamed), null);
    expect(res.requiresReplace).toEqual([]);
    expect(res.planned.id).toBe('vm2');
    const reos = { ...prior, os_type: 'other' };
    expect((await planInstance(prior, reos, cfgOf(reos), null)).requiresReplace).toEqual([['os_type']]);
  });

  it('changes NICs in place: new address unknown, no link/mode of its own on a network', async () => {
    const nic = { network: 'exanet', link: 'gnt0', mode: 'bridged', ip: 'pool', ip_address: null, mac: 'aa' };
    const added = { network: null, link: 'br1', mode: null, ip: null, ip_address: null, mac: null };
    const next = { ...prior, nics: [nic, added] };
    const config = { ...cfgOf(next), nics: [{ ...nic, link: null, mode: null }, added] };
    const res = await planInstance(prior, next, config, null);
    expect(res.requiresReplace).toEqual([]);
    expect(res.planned.nics).toEqual([
      { ...nic, link: null, mode: null, ip_address: UNKNOWN },
      { ...added, ip_address: UNKNOWN, mac: UNKNOWN, mode: UNKNOWN },
    ]);
  });

  it('turns NIC changes into remove/modify/add operations', () => {
    const a = { network: null, link: 'gnt0', mode: 'bridged', ip: null };
    const b = { network: 'exanet', link: 'gnt0', mode: 'bridged', ip: 'pool' };
    expect(nicChanges([a, a, a], [b])).toEqual([
      ['remove', 2, {}],
      ['remove', 1, {}],
      ['modify', 0, { network: 'exanet', ip: 'pool' }],
    ]);
    expect(nicChanges([b], [a, b])).toEqual([
      ['modify', 0, { network: 'none', ip: 'none' }],
      ['add', -1, { network: 'exanet', link: 'gnt0', mode: 'bridged', ip: 'pool' }],
    ]);
  });

  it('validates names, sizes and NIC settings with attribute paths', () => {
    const diags = validateInstance({
      name: 'Bad',
      memory: 0,
      disk_template: 'diskless',
      disks: [{ size: 1 }],
      nics: [{ network: 'n', link: 'l' }],
      ip_check: true,
      name_check: false,
    });
    expect(diags.map((d) => d.attribute)).toEqual([
      ['name'],
      ['memory'],
      ['disks'],
      ['disks', 0, 'size'],
      ['nics', 0, 'link'],
      ['ip_check'],
    ]);
    expect(validateInstance({ name: UNKNOWN, memory: UNKNOWN, nics: UNKNOWN })).toEqual([]);
  });
});

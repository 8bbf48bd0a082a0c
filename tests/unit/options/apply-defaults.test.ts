// init's defaults in one place: the flag given > its variable > the provider's defaults.yaml > the
// spec's default, each parsed by the flag's own parser.
import { describe, expect, it } from 'vitest';
import { initFlagValues } from '../../../src/actions/init-inputs.ts';
import { applyFlagDefaults } from '../../../src/options/apply-defaults.ts';
import type { FlagSpec } from '../../../src/options/flag-spec.ts';
import { intInRange, keyValue } from '../../../src/options/parsers.ts';
import { loadProviderDefaults } from '../../../src/providers/defaults.ts';
import { SUPPORTED_PROVIDERS } from '../../../src/providers/registry.ts';

const specs: FlagSpec[] = [
  {
    long: 'memory',
    arg: '<GiB>',
    description: 'm',
    parse: intInRange(1, 64),
    default: 2,
    env: 'TEST_MEMORY',
  },
  { long: 'pool', arg: '<name>', description: 'p' },
  { long: 'insecure', description: 'i' },
  { long: 'param', arg: '<k=v>', description: 'kv', parse: keyValue, repeatable: true },
];
const file = (flags: Record<string, string | number | boolean>) => ({ source: 'defaults.yaml', flags });

describe('applyFlagDefaults', () => {
  it('given > variable > defaults file > spec default, and remembers what was given', () => {
    const given = applyFlagDefaults(specs, { memory: 8 }, file({ memory: 4 }), { TEST_MEMORY: '6' });
    expect(given.values.memory).toBe(8);
    expect([...given.given]).toEqual(['memory']);
    expect(applyFlagDefaults(specs, {}, file({ memory: 4 }), { TEST_MEMORY: '6' }).values.memory).toBe(6);
    expect(applyFlagDefaults(specs, {}, file({ memory: 4 }), {}).values.memory).toBe(4);
    const none = applyFlagDefaults(specs, {}, file({}), {});
    expect(none.values).toEqual({ memory: 2, insecure: false, param: [] });
    expect(none.given.size).toBe(0);
  });

  it('a defaults file value is validated by the flag parser, the error naming the file', () => {
    expect(() => applyFlagDefaults(specs, {}, file({ memory: 99 }), {})).toThrow(
      'memory in defaults.yaml: 99 is out of range (accepted: 1..64)',
    );
    expect(() => applyFlagDefaults(specs, {}, file({}), { TEST_MEMORY: 'lots' })).toThrow(
      "TEST_MEMORY: 'lots' is not a whole number",
    );
  });

  it('an empty given value is given (e.g. --ganeti-os-key-param "")', () => {
    const r = applyFlagDefaults(specs, { pool: '' }, file({ pool: 'default' }), {});
    expect(r.values.pool).toBe('');
    expect(r.given.has('pool')).toBe(true);
  });
});

describe('initFlagValues', () => {
  it('--terraform-binary beats EXASOL_TERRAFORM, which fills it when the flag is missing', () => {
    const libvirt = SUPPORTED_PROVIDERS.libvirt;
    const env = { EXASOL_TERRAFORM: '/opt/tofu' };
    expect(initFlagValues(libvirt, {}, env).values['terraform-binary']).toBe('/opt/tofu');
    expect(
      initFlagValues(libvirt, { 'terraform-binary': '/usr/bin/terraform' }, env).values['terraform-binary'],
    ).toBe('/usr/bin/terraform');
    expect(initFlagValues(libvirt, {}, {}).values['terraform-binary']).toBeUndefined();
  });

  it("every shipped defaults.yaml entry is a flag of its provider and passes the flag's parser", () => {
    for (const p of Object.values(SUPPORTED_PROVIDERS)) {
      const longs = new Set(p.flags.map((f) => f.long));
      for (const long of Object.keys(loadProviderDefaults(p.id).flags))
        expect(longs.has(long), `${p.id}: ${long}`).toBe(true);
      expect(() => initFlagValues(p, {}, {})).not.toThrow();
    }
  });
});

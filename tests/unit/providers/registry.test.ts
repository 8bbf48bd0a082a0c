// The provider registry: one module per id, flags owned by exactly one provider, defaults from data files.
import { describe, expect, it } from 'vitest';
import { COMMON_INIT_FLAGS } from '../../../src/options/common-flags.ts';
import { loadProviderDefaults } from '../../../src/providers/defaults.ts';
import { getProvider, SUPPORTED_PROVIDERS } from '../../../src/providers/registry.ts';
import { PROVIDER_IDS } from '../../../src/providers/types.ts';

describe('SUPPORTED_PROVIDERS', () => {
  it('has one module per id, keyed by its own id', () => {
    expect(Object.keys(SUPPORTED_PROVIDERS).sort()).toEqual([...PROVIDER_IDS].sort());
    for (const [key, p] of Object.entries(SUPPORTED_PROVIDERS)) expect(p.id).toBe(key);
  });

  it('gives every flag a unique name, a description and a provider prefix', () => {
    const names = [...COMMON_INIT_FLAGS, ...Object.values(SUPPORTED_PROVIDERS).flatMap((p) => p.flags)].map(
      (f) => f.long,
    );
    expect(new Set(names).size).toBe(names.length);
    for (const p of Object.values(SUPPORTED_PROVIDERS)) {
      for (const f of p.flags) {
        expect(f.long.startsWith(`${p.id}-`), f.long).toBe(true);
        expect(f.description.length).toBeGreaterThan(5);
      }
    }
  });

  it('reads defaults and default instance types from each provider data file', () => {
    for (const id of PROVIDER_IDS) {
      const d = loadProviderDefaults(id);
      expect(d.instanceTypes.x86_64, id).toBeTruthy();
      const p = SUPPORTED_PROVIDERS[id];
      expect(p.validateInstanceType(d.instanceTypes.x86_64 ?? '', 'x86_64'), id).toBeNull();
      expect(p.validateInstanceType(d.instanceTypes.arm64 ?? '', 'arm64'), id).toBeNull();
      for (const k of Object.keys(d.flags))
        expect(
          p.flags.map((f) => f.long),
          `${id}: ${k}`,
        ).toContain(k);
    }
    expect(loadProviderDefaults('aws').requiresAllowedCidr).toBe(true);
    expect(loadProviderDefaults('libvirt').requiresAllowedCidr).toBe(false);
  });

  it('getProvider names the accepted ids on a miss', () => {
    expect(getProvider('gcp').id).toBe('gcp');
    expect(() => getProvider('hetzner')).toThrow(
      "--cloud-provider: unknown provider 'hetzner' (accepted: aws, azure, gcp, libvirt, ganeti)",
    );
  });

  it('owner rules follow each target', () => {
    expect(SUPPORTED_PROVIDERS.aws.validateOwner('Team A/B')).toBeNull();
    expect(SUPPORTED_PROVIDERS.gcp.validateOwner('Team A')).toMatch(/lowercase/);
    expect(SUPPORTED_PROVIDERS.azure.validateOwner('a<b')).toMatch(/must not contain/);
    expect(SUPPORTED_PROVIDERS.ganeti.validateOwner('x'.repeat(101))).toMatch(/1\.\.100/);
  });
});

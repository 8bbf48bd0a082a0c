// Instance types: syntactically valid for the cloud and matching --architecture (the message names the fix).
import { describe, expect, it } from 'vitest';
import { getProvider } from '../../../src/providers/registry.ts';

const cases: Array<[string, string, 'x86_64' | 'arm64', string | null]> = [
  ['aws', 't3a.medium', 'x86_64', null],
  ['aws', 'm7i-flex.large', 'x86_64', null],
  ['aws', 'g5.xlarge', 'x86_64', null],
  ['aws', 't4g.medium', 'arm64', null],
  ['aws', 'im4gn.large', 'arm64', null],
  ['aws', 'c7gd.2xlarge', 'arm64', null],
  ['aws', 't4g.medium', 'x86_64', 'pass --architecture arm64'],
  ['aws', 'm6i.large', 'arm64', 'not an arm64 (Graviton) type'],
  ['aws', 'large', 'x86_64', 'expected an EC2 type'],
  ['aws', 'Standard_D2s_v3', 'x86_64', 'expected an EC2 type'],
  ['azure', 'Standard_D2s_v3', 'x86_64', null],
  ['azure', 'Standard_D2pls_v5', 'arm64', null],
  ['azure', 'Standard_E4ps_v6', 'arm64', null],
  ['azure', 'Standard_D2pls_v5', 'x86_64', 'pass --architecture arm64'],
  ['azure', 'Standard_D2as_v5', 'arm64', 'not an arm64 (Ampere) size'],
  ['azure', 'd2s_v3', 'x86_64', 'expected an Azure VM size'],
  ['gcp', 'e2-medium', 'x86_64', null],
  ['gcp', 'n2-standard-4', 'x86_64', null],
  ['gcp', 't2a-standard-1', 'arm64', null],
  ['gcp', 'c4a-standard-4', 'arm64', null],
  ['gcp', 'c4a-standard-4', 'x86_64', 'pass --architecture arm64'],
  ['gcp', 'e2-medium', 'arm64', 'not an arm64 (Ampere/Axion) type'],
  ['gcp', 'E2-MEDIUM', 'x86_64', 'expected a machine type'],
];

describe('cloud instance types', () => {
  it.each(cases)('%s %s with %s → %s', (cloud, type, arch, problem) => {
    const error = getProvider(cloud).validateInstanceType(type, arch);
    if (problem === null) expect(error).toBeNull();
    else expect(error).toContain(problem);
  });

  it('accept every default instance type for its architecture', async () => {
    const { loadProviderDefaults } = await import('../../../src/providers/defaults.ts');
    for (const cloud of ['aws', 'azure', 'gcp'] as const)
      for (const [arch, type] of Object.entries(loadProviderDefaults(cloud).instanceTypes))
        expect(getProvider(cloud).validateInstanceType(type, arch as 'x86_64' | 'arm64')).toBeNull();
  });
});

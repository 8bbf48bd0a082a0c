// With no optional flag, every provider's tfvars hold exactly what its defaults.yaml and the common
// flags' defaults promise (init applies them in one place: applyFlagDefaults).
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { commonTfvars, initFlagValues, resolveCommon } from '../../../src/actions/init-inputs.ts';
import type { FlagValues } from '../../../src/options/flag-spec.ts';
import { loadProviderDefaults } from '../../../src/providers/defaults.ts';
import { SUPPORTED_PROVIDERS } from '../../../src/providers/registry.ts';
import type { ProviderId } from '../../../src/providers/types.ts';

/** The least each provider needs (no flag with a default among them). */
const REQUIRED: Record<ProviderId, FlagValues> = {
  aws: { 'allowed-cidr': '203.0.113.0/24' },
  azure: { 'allowed-cidr': '203.0.113.0/24' },
  gcp: { 'allowed-cidr': '203.0.113.0/24' },
  libvirt: {},
  ganeti: { 'ganeti-endpoint': 'https://127.0.0.1:5080', 'ganeti-os-type': 'noop' },
};

/** The tfvars variable each defaults.yaml flag lands in. */
const TFVAR_OF: Record<string, string> = {
  'aws-region': 'aws_region',
  'azure-region': 'azure_region',
  'gcp-region': 'gcp_region',
  'libvirt-memory': 'node_memory_gib',
  'libvirt-vcpus': 'node_vcpus',
  'libvirt-network': 'libvirt_network',
  'libvirt-pool': 'libvirt_pool',
  'libvirt-uri': 'libvirt_uri',
  'libvirt-domain-type': 'libvirt_domain_type',
  'libvirt-firmware': 'libvirt_firmware',
  'ganeti-memory': 'node_memory_gib',
  'ganeti-vcpus': 'node_vcpus',
  'ganeti-username': 'ganeti_username',
  'ganeti-os-key-param': 'ganeti_os_key_param',
  'ganeti-os-user-data-param': 'ganeti_os_user_data_param',
};
/** defaults.yaml entries that are not written as given: the profile reaches tfvars only when given. */
const NOT_WRITTEN: Record<string, unknown> = { 'aws-profile': '' };

async function tfvarsOf(id: ProviderId, given: FlagValues, env: NodeJS.ProcessEnv = {}) {
  const provider = SUPPORTED_PROVIDERS[id];
  const filled = initFlagValues(provider, { ...REQUIRED[id], ...given }, env);
  const { common } = resolveCommon(filled.values, provider, loadProviderDefaults(id), env, {
    deploymentId: 'exa-test01',
    sshPublicKey: 'ssh-ed25519 AAAA test',
  });
  const resolved = await provider.resolve(filled.values, common, {
    env: { GANETI_PASSWORD: 'pw', ...env },
    homeDir: tmpdir(),
    given: filled.given,
  });
  return { tfvars: { ...commonTfvars(common), ...resolved.tfvars }, summary: resolved.summary };
}

describe.each(Object.keys(SUPPORTED_PROVIDERS) as ProviderId[])('%s without optional flags', (id) => {
  it('writes the defaults.yaml values and the common defaults', async () => {
    const defaults = loadProviderDefaults(id);
    const { tfvars } = await tfvarsOf(id, {});
    expect(tfvars).toMatchObject({
      node_count: 1,
      architecture: 'x86_64',
      instance_type: defaults.instanceTypes.x86_64,
      data_volume_size: 100,
      data_volumes_per_node: 1,
      root_volume_size: 50,
      owner: 'exasol-deployer',
      enable_multicast_overlay: id === 'gcp',
    });
    for (const [long, value] of Object.entries(defaults.flags)) {
      if (long in NOT_WRITTEN) continue;
      const tfvar = TFVAR_OF[long];
      expect(tfvar, `no tfvars variable known for ${long}`).toBeDefined();
      expect(tfvars[tfvar ?? ''], long).toBe(value);
    }
  });
});

describe('values that reach tfvars only when given', () => {
  it('aws: the profile of defaults.yaml (or AWS_PROFILE) is shown, but tfvars get it only from --aws-profile', async () => {
    const plain = await tfvarsOf('aws', {});
    expect(plain.tfvars.aws_profile).toBe('');
    expect(plain.summary).toMatchObject({ profile: 'default', profileGiven: 'false' });
    const env = await tfvarsOf('aws', {}, { AWS_PROFILE: 'ci' });
    expect(env.tfvars.aws_profile).toBe('');
    expect(env.summary.profile).toBe('ci');
    const given = await tfvarsOf('aws', { 'aws-profile': 'prod' }, { AWS_PROFILE: 'ci' });
    expect(given.tfvars.aws_profile).toBe('prod');
    expect(given.summary).toMatchObject({ profile: 'prod', profileGiven: 'true' });
  });

  it('gcp: the zone follows the region', async () => {
    const { tfvars } = await tfvarsOf('gcp', { 'gcp-region': 'us-central1' });
    expect(tfvars).toMatchObject({ gcp_region: 'us-central1', gcp_zone: 'us-central1-a' });
  });
});

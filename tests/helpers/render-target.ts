// Renders a target's templates and tfvars into a fresh directory the way init does, without init's
// pre-flight: for tests that look at what every target renders.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commonTfvars, initFlagValues, resolveCommon } from '../../src/actions/init-inputs.ts';
import type { FlagValues } from '../../src/options/flag-spec.ts';
import { loadProviderDefaults } from '../../src/providers/defaults.ts';
import { SUPPORTED_PROVIDERS } from '../../src/providers/registry.ts';
import type { ProviderId } from '../../src/providers/types.ts';
import { renderTemplates } from '../../src/templates/render.ts';

/** The flags each target cannot do without. */
export const REQUIRED_FLAGS: Record<ProviderId, FlagValues> = {
  aws: { 'allowed-cidr': '203.0.113.0/24' },
  azure: { 'allowed-cidr': '203.0.113.0/24', 'azure-subscription': '00000000-0000-0000-0000-000000000000' },
  gcp: { 'allowed-cidr': '203.0.113.0/24', 'gcp-project': 'exasol-test-1' },
  libvirt: { 'libvirt-uri': 'test:///default' },
  ganeti: {
    'ganeti-endpoint': 'https://127.0.0.1:5080',
    'ganeti-os-type': 'noop',
    'ganeti-network': 'exanet',
    'ganeti-os-param': ['a=b'],
  },
};
/** Every target id. */
export const TARGETS = Object.keys(SUPPORTED_PROVIDERS) as ProviderId[];

/** Renders target `id` with its required flags plus `values` into a fresh directory, as init would. */
export async function renderTarget(
  id: ProviderId,
  values: FlagValues = {},
): Promise<{ dir: string; tfvars: Record<string, unknown> }> {
  const provider = SUPPORTED_PROVIDERS[id];
  const defaults = loadProviderDefaults(id);
  const { values: all, given } = initFlagValues(provider, { ...REQUIRED_FLAGS[id], ...values }, {});
  const { common } = resolveCommon(all, provider, defaults, process.env, {
    deploymentId: 'exa-test01',
    sshPublicKey: 'ssh-ed25519 AAAA test',
  });
  const resolved = await provider.resolve(all, common, {
    env: { GANETI_PASSWORD: 'x-secret-1' },
    homeDir: tmpdir(),
    given,
  });
  const dir = mkdtempSync(join(tmpdir(), `exa-render-${id}-`));
  await renderTemplates(id, dir, {
    provider: id,
    deploymentId: common.deploymentId,
    cliVersion: '0.1.0',
    ganetiProviderVersion: '0.1.0',
  });
  const tfvars = { ...commonTfvars(common), ...resolved.tfvars };
  writeFileSync(join(dir, 'terraform.tfvars.json'), JSON.stringify(tfvars));
  return { dir, tfvars };
}

// Every provider's templates render to HCL that HashiCorp's parser reads, `terraform fmt` accepts,
// and whose variables match the tfvars init writes, over a spread of flags.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commonTfvars, resolveCommon } from '../../../src/actions/init-inputs.ts';
import type { FlagValues } from '../../../src/options/flag-spec.ts';
import { loadProviderDefaults } from '../../../src/providers/defaults.ts';
import { SUPPORTED_PROVIDERS } from '../../../src/providers/registry.ts';
import type { ProviderId } from '../../../src/providers/types.ts';
import { renderTemplates } from '../../../src/templates/render.ts';
import { crossCheck, fmtDiff, parseDir } from '../../helpers/hcl-check.ts';

const required: Record<ProviderId, FlagValues> = {
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
const spreads: FlagValues[] = [
  {},
  { 'cluster-size': 3, 'data-volumes-per-node': 2, 'enable-multicast-overlay': true },
  { 'cluster-size': 64, owner: 'team-x' },
];

/** Renders one provider with the given flags into a fresh directory, as init would. */
async function render(
  id: ProviderId,
  values: FlagValues,
): Promise<{ dir: string; tfvars: Record<string, unknown> }> {
  const provider = SUPPORTED_PROVIDERS[id];
  const defaults = loadProviderDefaults(id);
  const { common } = resolveCommon(values, provider, defaults, process.env, {
    deploymentId: 'exa-test01',
    sshPublicKey: 'ssh-ed25519 AAAA test',
  });
  const resolved = await provider.resolve(values, common, {
    env: { GANETI_PASSWORD: 'x-secret-1' },
    homeDir: tmpdir(),
    defaults,
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

describe.each(Object.keys(SUPPORTED_PROVIDERS) as ProviderId[])('templates of %s', (id) => {
  it.each(spreads.map((s, i) => [i, s] as const))(
    'spread %i renders valid, formatted, consistent HCL',
    async (_i, spread) => {
      const { dir, tfvars } = await render(id, { ...required[id], ...spread });
      const parsed = await parseDir(dir);
      expect(Object.keys(parsed).length).toBeGreaterThan(1);
      expect(crossCheck(parsed, tfvars)).toEqual([]);
      expect(fmtDiff(dir)).toBe('');
      expect(JSON.stringify(tfvars)).not.toContain('x-secret-1');
    },
  );
});

describe('the cross-check can fail', () => {
  it('reports an undeclared variable and an unknown tfvars key', async () => {
    const { dir, tfvars } = await render('ganeti', required.ganeti);
    writeFileSync(join(dir, 'broken.tf'), 'output "x" {\n  value = var.instanse_type\n}\n');
    const parsed = await parseDir(dir);
    expect(crossCheck(parsed, { ...tfvars, bogus: 1 })).toEqual([
      'var.instanse_type is used but not declared',
      'tfvars key bogus is not a declared variable',
    ]);
  });

  it('reports a syntax error with file and line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'exa-broken-'));
    writeFileSync(join(dir, 'main.tf'), 'resource "x" "y" {\n  a = "unterminated\n}\n');
    await expect(parseDir(dir)).rejects.toThrow(/main\.tf:2/);
  });
});

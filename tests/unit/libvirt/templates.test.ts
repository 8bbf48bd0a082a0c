// Rendered libvirt templates: HCL parse, terraform fmt, var/tfvars cross-check, dmacvicar/libvirt 0.8.3 schema,
// and the locals evaluated by `terraform console` (offline, no provider needed).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commonTfvars } from '../../../src/actions/init-inputs.ts';
import { renderTemplates } from '../../../src/templates/render.ts';
import { resources } from '../../helpers/cloud-rules.ts';
import { crossCheck, fmtDiff, parseDir, type SchemaFixture, schemaCheck } from '../../helpers/hcl-check.ts';
import { commonConfig, resolveLibvirt } from '../../helpers/libvirt.ts';

const schema = JSON.parse(
  readFileSync(new URL('../../fixtures/provider-schemas/libvirt.json', import.meta.url), 'utf8'),
) as SchemaFixture;
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function render(nodes: number, perNode = 2): Promise<{ dir: string; tfvars: Record<string, unknown> }> {
  const dir = mkdtempSync(join(tmpdir(), 'exatest-tpl-'));
  dirs.push(dir);
  const common = commonConfig({ clusterSize: nodes, dataVolumesPerNode: perNode });
  await renderTemplates('libvirt', dir, {
    provider: 'libvirt',
    deploymentId: common.deploymentId,
    cliVersion: '0',
  });
  const resolved = await resolveLibvirt({ 'libvirt-uri': 'qemu+ssh://ops@kvm1:2222/system' }, common);
  const tfvars = { ...commonTfvars(common), ...resolved.tfvars };
  writeFileSync(join(dir, 'terraform.tfvars.json'), JSON.stringify(tfvars));
  return { dir, tfvars };
}

describe('templates/libvirt', () => {
  for (const nodes of [1, 2, 3, 4]) {
    it(`renders valid, formatted HCL matching the 0.8.3 schema for ${nodes} node(s)`, async () => {
      const { dir, tfvars } = await render(nodes);
      const parsed = await parseDir(dir);
      expect(crossCheck(parsed, tfvars)).toEqual([]);
      expect(schemaCheck(parsed, schema, 'libvirt_')).toEqual([]);
      expect(fmtDiff(dir)).toBe('');
      const outputs = Object.assign({}, ...Object.values(parsed).map((f) => f.output ?? {}));
      for (const o of ['node_names', 'node_public_ips', 'node_private_ips', 'instance_ids', 'ssh_user'])
        expect(Object.keys(outputs)).toContain(o);
      expect(tfvars.libvirt_ssh_jump).toBe('ops@kvm1:2222');
    });
  }

  it('gives every domain an explicit VNC display on loopback, never the provider default SPICE', async () => {
    const parsed = await parseDir((await render(2)).dir);
    const domain = resources(parsed).find(([type]) => type === 'libvirt_domain')?.[2];
    expect(domain?.graphics).toEqual([
      { type: 'vnc', listen_type: 'address', listen_address: '127.0.0.1', autoport: true },
    ]);
  });

  it('the schema check catches a misspelled attribute, block and resource type', async () => {
    const { dir } = await render(1);
    const main = join(dir, 'main.tf');
    writeFileSync(
      main,
      readFileSync(main, 'utf8')
        .replace('base_volume_name =', 'base_volume_nam =')
        .replace('network_interface {', 'network_interfaces {')
        .replace('"libvirt_cloudinit_disk" "init"', '"libvirt_cloudinit" "init"'),
    );
    const problems = schemaCheck(await parseDir(dir), schema, 'libvirt_');
    expect(problems).toContain('libvirt_volume.root: unknown attribute or block base_volume_nam');
    expect(problems).toContain('libvirt_domain.node: unknown attribute or block network_interfaces');
    expect(problems).toContain(
      'resource type libvirt_cloudinit is not in the dmacvicar/libvirt 0.8.3 schema',
    );
  });

  it('names, data disks and static MACs evaluate as the CLI expects (terraform console)', async () => {
    const { dir, tfvars } = await render(3, 2);
    const eval_ = mkdtempSync(join(tmpdir(), 'exatest-console-'));
    dirs.push(eval_);
    for (const f of ['variables-common.tf', 'locals-common.tf', 'variables.tf', 'terraform.tfvars.json'])
      copyFileSync(join(dir, f), join(eval_, f));
    const main = readFileSync(join(dir, 'main.tf'), 'utf8');
    const start = main.indexOf('locals {');
    writeFileSync(join(eval_, 'locals.tf'), main.slice(start, main.indexOf('\n}\n', start) + 3));
    const out = execFileSync('terraform', ['console'], {
      cwd: eval_,
      input: 'jsonencode({ nodes = local.node_names, macs = local.macs, disks = local.data_volumes })\n',
      env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null' },
      encoding: 'utf8',
    });
    const value = JSON.parse(JSON.parse(out.trim()) as string) as {
      nodes: string[];
      macs: string[];
      disks: Array<{ node: number; slot: number }>;
    };
    const id = String(tfvars.deployment_id);
    expect(value.nodes).toEqual(['n11', 'n12', 'n13']);
    const h = createHash('sha256').update(id).digest('hex');
    expect(value.macs).toEqual(
      ['0b', '0c', '0d'].map((n) => `52:54:00:${h.slice(0, 2)}:${h.slice(2, 4)}:${n}`),
    );
    expect(value.disks.map((d) => `${value.nodes[d.node]}-data-${d.slot + 1}`)).toEqual([
      'n11-data-1',
      'n11-data-2',
      'n12-data-1',
      'n12-data-2',
      'n13-data-1',
      'n13-data-2',
    ]);
  });
});

// The render matrix's rule checks catch what they claim to: untagged resources, foreign names, open ports.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@cdktf/hcl2json';
import { describe, expect, it } from 'vitest';
import { templateDir } from '../../../src/templates/render.ts';
import { fixture } from '../../helpers/cloud-matrix.ts';
import { badNames, inboundRules, interp, locals, untagged } from '../../helpers/cloud-rules.ts';

/** Parses templates/<cloud>/main.tf and the common locals after applying `edit` to their texts. */
async function mainTf(cloud: 'aws' | 'azure' | 'gcp', edit: (text: string) => string) {
  const read = async (dir: string, name: string) =>
    (await parse(name, edit(readFileSync(join(dir, name), 'utf8')))) as Record<string, unknown>;
  return {
    'main.tf': await read(templateDir(cloud), 'main.tf'),
    'locals-common.tf': await read(templateDir('common'), 'locals-common.tf'),
  };
}

describe('cloud template rules', () => {
  it('report a taggable resource without tags and a tags local without owner', async () => {
    const parsed = await mainTf('aws', (t) =>
      t
        .replace(`  tags   = merge(local.tags, { Name = "${interp('var.deployment_id')}-igw" })\n`, '')
        .replace('"owner"             = var.owner', '"team" = var.owner'),
    );
    expect(untagged(parsed, [fixture('aws')], 'tags', 'tags')).toEqual([
      'aws_internet_gateway.main lacks tags from local.tags',
      'local.tags lacks owner',
    ]);
  });

  it('report a GCP disk without labels', async () => {
    const parsed = await mainTf('gcp', (t) => t.replace('  labels = local.tags\n', ''));
    expect(untagged(parsed, [fixture('google')], 'labels', 'tags')).toEqual([
      'google_compute_disk.data lacks labels from local.tags',
    ]);
  });

  it('report a resource name that does not start with the deployment id', async () => {
    const parsed = await mainTf('azure', (t) =>
      t.replace(`"${interp('var.deployment_id')}-nsg"`, '"cluster-nsg"'),
    );
    expect(badNames(parsed)).toEqual(['azurerm_network_security_group.main.name = cluster-nsg']);
  });

  it('expose a public source other than --allowed-cidr and an extra public port', async () => {
    const parsed = await mainTf('gcp', (t) =>
      t
        .replace('source_tags = [local.network_tag]', 'source_ranges = ["0.0.0.0/0"]')
        .replace('bucketfs = 2581 }', 'bucketfs = 2581, cos = 20002 }'),
    );
    const cluster = inboundRules(parsed).find((r) => r.rule === 'google_compute_firewall.cluster');
    expect(cluster?.sources).toEqual(['0.0.0.0/0']);
    expect(Object.values(locals(parsed).public_ports as object)).toContain(20002);
  });

  it('see the public-port rule of every cloud with --allowed-cidr as its only source', async () => {
    for (const cloud of ['aws', 'azure', 'gcp'] as const) {
      const rules = inboundRules(await mainTf(cloud, (t) => t));
      const pub = rules.filter((r) => r.sources.includes(interp('var.allowed_cidr')));
      expect(pub.map((r) => r.sources)).toEqual([[interp('var.allowed_cidr')]]);
    }
  });
});

// Render matrix: real `exasol init` for aws/azure/gcp × {1,3 nodes} × {x86_64,arm64} × {spot on/off}, then
// HCL parse, terraform fmt, var/tfvars cross-check, schema fixtures, tags, names and public ports.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { OUTPUTS_CONTRACT } from '../../../src/actions/outputs.ts';
import { loadProviderDefaults } from '../../../src/providers/defaults.ts';
import {
  ALLOWED,
  CASES,
  type Case,
  CIDR,
  fixture,
  INTERNAL,
  POWER,
  type Rendered,
  renderMatrix,
  SCHEMAS,
  TAGS,
} from '../../helpers/cloud-matrix.ts';
import {
  badNames,
  inboundRules,
  locals,
  PUBLIC_PORTS,
  resources,
  untagged,
} from '../../helpers/cloud-rules.ts';
import { crossCheck, fmtDiff, schemaCheck } from '../../helpers/hcl-check.ts';

const rendered = new Map<Case, Rendered>();
let matrixMs = 0;

beforeAll(async () => {
  const started = Date.now();
  for (const [c, r] of await renderMatrix()) rendered.set(c, r);
  matrixMs = Date.now() - started;
}, 120_000);

describe.each(CASES)('$cloud, $nodes node(s), $arch, spot $spot', (c) => {
  const r = () => rendered.get(c)!;

  it('is formatted, declares every variable it uses and every tfvars key, and matches the provider schemas', () => {
    expect(fmtDiff(r().dir)).toBe('');
    expect(crossCheck(r().parsed, r().tfvars)).toEqual([]);
    for (const [schema, prefix] of SCHEMAS[c.cloud])
      expect(schemaCheck(r().parsed, schema, prefix)).toEqual([]);
  });

  it('writes the chosen size, default type of the architecture, spot flag and CIDR to tfvars', () => {
    expect(r().tfvars).toMatchObject({
      node_count: c.nodes,
      instance_type: loadProviderDefaults(c.cloud).instanceTypes[c.arch],
      architecture: c.arch,
      enable_spot_instances: c.spot,
      allowed_cidr: CIDR,
      data_volumes_per_node: 2,
      running: true,
      enable_multicast_overlay: c.cloud === 'gcp',
    });
  });

  it('tags or labels every resource that takes them with owner and deployment id; names start with the id', () => {
    const [attr, local] = TAGS[c.cloud];
    expect(
      untagged(
        r().parsed,
        SCHEMAS[c.cloud].map(([s]) => s),
        attr,
        local,
      ),
    ).toEqual([]);
    expect(badNames(r().parsed)).toEqual([]);
  });

  it('opens 22, 8563, 8443 and 2581 to --allowed-cidr only and everything else only between nodes', () => {
    const rules = inboundRules(r().parsed);
    const pub = rules.filter((x) => x.sources.includes(ALLOWED));
    expect(pub.length).toBe(1);
    expect(pub[0]?.sources).toEqual([ALLOWED]);
    expect(pub[0]?.ports).toContain('local.public_ports');
    const ports = Object.values(locals(r().parsed).public_ports as Record<string, number>).sort(
      (a, b) => a - b,
    );
    expect(ports).toEqual(PUBLIC_PORTS);
    for (const other of rules.filter((x) => x !== pub[0]))
      expect(INTERNAL).toEqual(expect.arrayContaining(other.sources));
  });

  it('drives the power state from var.running and creates the exasol user without passwords', () => {
    const [type, attr] = POWER[c.cloud];
    const power = resources(r().parsed).filter(([t]) => t === type);
    expect(power.map(([, , b]) => String(b[attr]))).toEqual([expect.stringContaining('var.running')]);
    const userData = String(locals(r().parsed).user_data);
    expect(userData).toMatch(/name\s*=\s*"exasol"/);
    expect(userData).toContain('NOPASSWD:ALL');
    expect(userData).toContain('var.ssh_public_key');
    expect(userData).not.toMatch(/chpasswd|plain_text_passwd|hashed_passwd|password/i);
  });

  it('defines the outputs contract', () => {
    const outputs = Object.values(r().parsed).flatMap((f) => Object.keys((f.output ?? {}) as object));
    expect(outputs.sort()).toEqual(Object.keys(OUTPUTS_CONTRACT).sort());
  });
});

describe('render matrix', () => {
  it(`covers ${CASES.length} combinations quickly`, () => {
    expect(rendered.size).toBe(24);
    console.info(`cloud render matrix: ${CASES.length} init runs + parse in ${matrixMs} ms`);
    expect(matrixMs).toBeLessThan(60_000);
  });
});

describe('schema fixture check', () => {
  it('reports a misspelled attribute, a misspelled nested attribute and an unknown resource type', async () => {
    const { parse } = await import('@cdktf/hcl2json');
    const any = [...rendered.entries()].find(([c]) => c.cloud === 'aws')![1];
    const text = readFileSync(join(any.dir, 'main.tf'), 'utf8')
      .replace('instance_type          = var.instance_type', 'instance_typo          = var.instance_type')
      .replace('volume_type           = "gp3"', 'volume_tipe           = "gp3"')
      .replace('resource "aws_key_pair"', 'resource "aws_key_pairs"');
    const parsed = { 'main.tf': (await parse('main.tf', text)) as Record<string, unknown> };
    const problems = schemaCheck(parsed, fixture('aws'), 'aws_');
    expect(problems).toEqual(
      expect.arrayContaining([
        'aws_instance.node: unknown attribute or block instance_typo',
        'aws_instance.node.root_block_device: unknown attribute or block volume_tipe',
        expect.stringContaining('resource type aws_key_pairs is not in the hashicorp/aws'),
      ]),
    );
  });
});

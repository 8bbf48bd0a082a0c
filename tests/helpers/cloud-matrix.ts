// The render matrix's cases and per-cloud expectations (schemas, tag attribute, power attribute, internal sources).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLOUDS, type Cloud, fakeCloudHome, runCloudInit } from './cloud-init.ts';
import { interp } from './cloud-rules.ts';
import { parseDir, type SchemaFixture } from './hcl-check.ts';

/** A provider schema fixture from tests/fixtures/provider-schemas. */
export const fixture = (name: string): SchemaFixture =>
  JSON.parse(
    readFileSync(join(import.meta.dirname, '..', 'fixtures', 'provider-schemas', `${name}.json`), 'utf8'),
  ) as SchemaFixture;

/** Schema fixtures and the resource-type prefix each one covers. */
export const SCHEMAS: Record<Cloud, Array<[SchemaFixture, string]>> = {
  aws: [[fixture('aws'), 'aws_']],
  azure: [
    [fixture('azurerm'), 'azurerm_'],
    [fixture('azapi'), 'azapi_'],
  ],
  gcp: [[fixture('google'), 'google_']],
};
/** Tag attribute and the local holding owner + deployment id. */
export const TAGS: Record<Cloud, [string, string]> = {
  aws: ['tags', 'tags'],
  azure: ['tags', 'tags'],
  gcp: ['labels', 'tags'],
};
/** Resource type and attribute that follow var.running. */
export const POWER: Record<Cloud, [string, string]> = {
  aws: ['aws_ec2_instance_state', 'state'],
  azure: ['azapi_resource_action', 'action'],
  gcp: ['google_compute_instance', 'desired_status'],
};
/** Sources allowed for rules that are not the public-port rule: the nodes themselves. */
export const INTERNAL = ['aws_security_group.cluster.id', 'local.subnet_cidr', 'local.network_tag'].map(
  interp,
);
/** The parsed form of var.allowed_cidr: the only source of the public-port rule. */
export const ALLOWED = interp('var.allowed_cidr');
/** The --allowed-cidr of every case. */
export const CIDR = '198.51.100.0/24';

/** One combination of the matrix. */
export interface Case {
  cloud: Cloud;
  nodes: number;
  arch: 'x86_64' | 'arm64';
  spot: boolean;
}
/** Every cloud × {1, 3} nodes × {x86_64, arm64} × {spot off, on}. */
export const CASES: Case[] = CLOUDS.flatMap((cloud) =>
  [1, 3].flatMap((nodes) =>
    (['x86_64', 'arm64'] as const).flatMap((arch) =>
      [false, true].map((spot) => ({ cloud, nodes, arch, spot })),
    ),
  ),
);
/** What one case rendered. */
export interface Rendered {
  dir: string;
  tfvars: Record<string, unknown>;
  parsed: Awaited<ReturnType<typeof parseDir>>;
}

/** Runs init for every case in parallel (2 data volumes per node) and parses each directory. */
export async function renderMatrix(): Promise<Map<Case, Rendered>> {
  const { env, flags } = fakeCloudHome();
  const out = new Map<Case, Rendered>();
  await Promise.all(
    CASES.map(async (c) => {
      const values = {
        ...flags[c.cloud],
        'cluster-size': c.nodes,
        architecture: c.arch,
        'allowed-cidr': CIDR,
        'data-volumes-per-node': 2,
        [`${c.cloud}-spot-instance`]: c.spot,
      };
      const r = await runCloudInit(c.cloud, values, env);
      out.set(c, { ...r, parsed: await parseDir(r.dir) });
    }),
  );
  return out;
}

// What an operator must be able to trust, with the real terraform 1.11 against the real Ganeti cluster:
// never taking over or destroying what the provider did not create, errors at validate/plan on the
// attribute, plans that apply, drift in parameter maps, generated configuration that plans clean.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForJob } from '../../../src/ganeti/index.ts';
import type { InstanceCreateRequest } from '../../../src/ganeti/types.ts';
import { skipGaneti as skip } from '../../helpers/ganeti-env.ts';
import { missingEnv } from '../../helpers/service-gate.ts';
import { startTerraform } from '../../helpers/terraform-run.ts';
import { startTfGaneti, type TfGaneti } from '../../helpers/tf-ganeti.ts';

const P = `exa17-${randomBytes(3).toString('hex')}`;
const NET = process.env.GANETI_NETWORK ?? 'exanet';
const LINK = process.env.GANETI_NIC_LINK ?? 'gnt0';

/** A diskless noop instance resource; `body` adds lines inside the block. */
/** Terraform wraps diagnostics at 80 columns: compare text with whitespace runs as one space. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

const instance = (label: string, name: string, body = `  nics {\n    link = "${LINK}"\n  }\n`) => `
resource "ganeti_instance" "${label}" {
  name          = "${name}"
  os_type       = "noop"
  disk_template = "diskless"
${body}}
`;

describe.skipIf(skip)('terraform-provider-ganeti: what an operator can trust', () => {
  let g: TfGaneti;
  const apply = (dir: string) => g.tf(dir, 'apply', '-auto-approve', '-input=false');
  const planCode = async (dir: string) =>
    (await g.tf(dir, 'plan', '-detailed-exitcode', '-input=false')).code;
  const stateList = async (dir: string) => (await g.tf(dir, 'state', 'list')).stdout.trim();
  const outside = async (req: Partial<InstanceCreateRequest> & { instance_name: string }) =>
    waitForJob(
      g.rapi,
      await g.rapi.createInstance({
        os_type: 'noop',
        disk_template: 'diskless',
        disks: [],
        nics: [{ link: LINK }],
        ...req,
      }),
    );

  beforeAll(async () => {
    g = await startTfGaneti();
  });

  afterAll(async () => {
    if (!g) return;
    await g.removeWith(P);
    await g.close();
  });

  it('never records or destroys an instance of the same name it did not create', async () => {
    const name = `${P}-clash`;
    await outside({ instance_name: name, tags: ['owner:colleague'] });
    const before = await g.rapi.instance(name);
    const dir = await g.workdir('clash', instance('x', name));
    await g.ok(dir, 'init', '-input=false');
    for (const attempt of [1, 2]) {
      const res = await apply(dir);
      expect(res.code, `attempt ${attempt}\n${res.stdout}`).toBe(1);
      expect(flat(res.stderr)).toContain(`Instance ${name} already exists`);
      expect(flat(res.stderr)).toContain(`terraform import ganeti_instance.<name> ${name}`);
      expect(await stateList(dir)).toBe('');
    }
    const after = await g.rapi.instance(name);
    expect(after?.uuid).toBe(before?.uuid);
    expect(after?.tags).toEqual(['owner:colleague']);
  });

  it('create_before_destroy with an unchanged name fails clearly and keeps one object', async () => {
    const name = `${P}-cbd`;
    const hcl = (os: string) => `
resource "ganeti_instance" "x" {
  name          = "${name}"
  os_type       = "noop"
  disk_template = "diskless"
  os_params     = { sleep = "${os}" }
  hypervisor    = ${os === '0' ? 'null' : '"fake"'}
  nics {
    link = "${LINK}"
  }
  lifecycle {
    create_before_destroy = true
  }
}
`;
    const dir = await g.workdir('cbd', hcl('0'));
    await g.ok(dir, 'init', '-input=false');
    await g.ok(dir, 'apply', '-auto-approve', '-input=false');
    const uuid = (await g.rapi.instance(name))?.uuid;
    await g.rewrite(dir, hcl('1'));
    const res = await apply(dir);
    expect(res.code, res.stdout).toBe(1);
    expect(res.stderr).toContain(`Instance ${name} already exists`);
    const state = JSON.parse((await g.tf(dir, 'state', 'pull')).stdout) as {
      resources: { instances: { attributes: { uuid: string } }[] }[];
    };
    expect(state.resources[0]?.instances.map((i) => i.attributes.uuid)).toEqual([uuid]);
    expect((await g.rapi.instance(name))?.uuid).toBe(uuid);
    await g.rewrite(dir, hcl('0'));
    await g.ok(dir, 'destroy', '-auto-approve', '-input=false');
  });

  it('rejects at validate, on the attribute, what Ganeti would round or refuse', async () => {
    const dir = await g.workdir(
      'static',
      `${instance('mem', `${P}-mem`, `  memory = 130\n`)}
${instance('frac', `${P}-frac`, `  memory = 128.5\n`)}
resource "ganeti_instance" "disk" {
  name          = "${P}-disk"
  os_type       = "noop"
  disk_template = "file"
  disks {
    size = 1025
  }
}
${instance('pool', `${P}-pool`, `  nics {\n    ip = "pool"\n  }\n`)}
${instance('mode', `${P}-mode`, `  nics {\n    link = "${LINK}"\n    mode = "weird"\n  }\n`)}
resource "ganeti_instance" "tpl" {
  name          = "${P}-tpl"
  os_type       = "noop"
  disk_template = "floppy"
}
resource "ganeti_instance" "nodisk" {
  name          = "${P}-nodisk"
  os_type       = "noop"
  disk_template = "file"
}
`,
    );
    await g.ok(dir, 'init', '-input=false');
    const res = await g.tf(dir, 'validate', '-no-color');
    expect(res.code).toBe(1);
    const err = flat(res.stderr);
    expect(err).toContain('Ganeti stores memory in multiples of 4 MiB: write 132 instead of 130');
    expect(err).toContain('memory = 130');
    expect(err).toContain('write 132 instead of 128.5');
    expect(err).toContain('write 1028 instead of 1025');
    expect(err).toContain('size = 1025');
    expect(err).toContain('ip = "pool" takes an address from a Ganeti network');
    expect(err).toContain('mode = "weird"');
    expect(err).toContain('bridged, routed, openvswitch');
    expect(err).toContain('disk_template = "floppy"');
    expect(err).toContain('disk_template "file" needs at least one disks block');
    expect(await g.instancesWith(P + '-')).not.toContain(`${P}-mem`);
  });

  it('validates every provider setting with an error on the setting, never a crash', async () => {
    const data = 'data "ganeti_cluster" "c" {}\n';
    const fp = await g.workdir('bad-fp', data, '  ca_fingerprint = "md5:zz"\n');
    await g.ok(fp, 'init', '-input=false');
    const a = await g.tf(fp, 'plan', '-input=false', '-no-color');
    expect(a.code).toBe(1);
    expect(a.stderr).not.toContain('Plugin did not respond');
    expect(a.stderr).toContain('Invalid ca_fingerprint');
    expect(a.stderr).toContain('ca_fingerprint = "md5:zz"');
    const ca = await g.workdir('bad-ca', data, `  ca_cert = "${P}-missing/rapi.pem"\n`);
    await g.ok(ca, 'init', '-input=false');
    const b = await g.tf(ca, 'plan', '-input=false', '-no-color');
    expect(b.code).toBe(1);
    expect(flat(b.stderr)).toContain(`Cannot read ca_cert file ${P}-missing/rapi.pem`);
    expect(b.stderr).not.toContain('ENOENT');
  });

  it('reports TLS failures in provider terms, not CLI flags', async () => {
    const dir = await g.workdir(
      'tls',
      'data "ganeti_cluster" "c" {}\n',
      '  ca_fingerprint = "sha256:' + '0'.repeat(64) + '"\n',
    );
    await g.ok(dir, 'init', '-input=false');
    const res = await g.tf(dir, 'plan', '-input=false', '-no-color');
    expect(res.code).toBe(1);
    expect(res.stderr).not.toContain('--ganeti');
    expect(flat(res.stderr)).toContain(`ca_fingerprint = "sha256:${g.fingerprint}"`);
  });

  it('checks cluster facts at plan time with the error on the attribute, creating nothing', async () => {
    const dir = await g.workdir(
      'facts',
      `${instance('net', `${P}-net`, `  nics {\n    network = "${P}-nosuchnet"\n  }\n`)}
resource "ganeti_instance" "tpl" {
  name          = "${P}-tpl"
  os_type       = "noop"
  disk_template = "plain"
  disks {
    size = 1024
  }
}
resource "ganeti_instance" "os" {
  name          = "${P}-os"
  os_type       = "${P}-nosuchos"
  disk_template = "diskless"
}
${instance('big', `${P}-big`, `  memory = 67108864\n  nics {\n    link = "${LINK}"\n  }\n`)}
`,
    );
    await g.ok(dir, 'init', '-input=false');
    const res = await g.tf(dir, 'plan', '-input=false', '-no-color');
    expect(res.code).toBe(1);
    const err = flat(res.stderr);
    expect(err).toContain(`Ganeti has no network named "${P}-nosuchnet"`);
    expect(err).toContain(`network = "${P}-nosuchnet"`);
    expect(err).toContain('disk_template "plain" is not enabled on the cluster (enabled: diskless, file)');
    expect(err).toContain('disk_template = "plain"');
    expect(err).toMatch(new RegExp(`Ganeti has no OS "${P}-nosuchos" \\(installed: [^)]*noop`));
    expect(err).toContain('memory = 67108864');
    expect(err).toMatch(/Instance \S+-big does not fit on the Ganeti cluster/);
    const planned = ['net', 'tpl', 'os', 'big'].map((n) => `${P}-${n}`);
    expect((await g.instancesWith(P)).filter((n) => planned.includes(n))).toEqual([]);
  });

  it('reports a user without write permission at plan time, creating nothing', async () => {
    const ro = missingEnv('GANETI_RO_USERNAME', 'GANETI_RO_PASSWORD');
    if (ro) throw new Error(`the read-only RAPI user is needed: ${ro}`);
    const dir = await g.workdir('readonly', instance('x', `${P}-ro`));
    await g.ok(dir, 'init', '-input=false');
    const env = {
      ...g.env,
      GANETI_USERNAME: process.env.GANETI_RO_USERNAME,
      GANETI_PASSWORD: process.env.GANETI_RO_PASSWORD,
    };
    const res = await startTerraform(dir, ['plan', '-input=false', '-no-color'], env).done;
    expect(res.code).toBe(1);
    expect(flat(res.stderr)).toContain(`Ganeti would refuse to create instance ${P}-ro`);
    expect(flat(res.stderr)).toContain(`user ${process.env.GANETI_RO_USERNAME} lacks write permission`);
    expect(await g.instancesWith(`${P}-ro`)).toEqual([]);
  });

  it('applies every NIC list change plan accepts: removing the middle one of three', async () => {
    const name = `${P}-nics`;
    const nic = (ip?: string) => `  nics {\n    network = "${NET}"\n    ip      = "${ip ?? 'pool'}"\n  }\n`;
    const link = `  nics {\n    link = "${LINK}"\n  }\n`;
    const dir = await g.workdir('nics', instance('x', name, nic() + link + nic()));
    await g.ok(dir, 'init', '-input=false');
    await g.ok(dir, 'apply', '-auto-approve', '-input=false');
    const before = await g.rapi.instance(name);
    const macs = before?.['nic.macs'] ?? [];
    expect(macs).toHaveLength(3);
    await g.rewrite(dir, instance('x', name, nic() + nic()));
    await g.ok(dir, 'apply', '-auto-approve', '-input=false');
    const after = await g.rapi.instance(name);
    expect(after?.uuid).toBe(before?.uuid);
    expect(after?.['nic.networks.names']).toEqual([NET, NET]);
    expect(after?.['nic.macs']).toEqual([macs[0], macs[2]]);
    expect(await planCode(dir)).toBe(0);
    await g.ok(dir, 'destroy', '-auto-approve', '-input=false');
  });

  it('shows drift in beparams and os_params changed outside terraform, and repairs it', async () => {
    const name = `${P}-maps`;
    const dir = await g.workdir(
      'maps',
      instance(
        'x',
        name,
        `  os_params = { sleep = "0" }\n  beparams  = { always_failover = "false" }\n  nics {\n    link = "${LINK}"\n  }\n`,
      ),
    );
    await g.ok(dir, 'init', '-input=false');
    await g.ok(dir, 'apply', '-auto-approve', '-input=false');
    expect(await planCode(dir)).toBe(0);
    await waitForJob(
      g.rapi,
      await g.rapi.modifyInstance(name, { osparams: { sleep: '1' }, beparams: { always_failover: true } }),
    );
    const drift = await g.tf(dir, 'plan', '-detailed-exitcode', '-input=false');
    expect(drift.code, drift.stdout).toBe(2);
    expect(drift.stdout).toMatch(/"always_failover" = "true" -> "false"/);
    expect(drift.stdout).toMatch(/"sleep"\s+= "1" -> "0"/);
    await g.ok(dir, 'apply', '-auto-approve', '-input=false');
    const info = await g.rapi.instance(name);
    expect(await g.rapi.instanceOsParams(name)).toEqual({ sleep: '0' });
    expect(info?.custom_beparams.always_failover).toBe(false);
    expect(await planCode(dir)).toBe(0);
    await g.ok(dir, 'destroy', '-auto-approve', '-input=false');
  });

  it('generates configuration for an instance on a network that plans as a pure import', async () => {
    const name = `${P}-gen`;
    await outside({ instance_name: name, nics: [{ network: NET, ip: 'pool' }], osparams: { sleep: '0' } });
    const dir = await g.workdir('gen', `import {\n  to = ganeti_instance.x\n  id = "${name}"\n}\n`);
    await g.ok(dir, 'init', '-input=false');
    await g.ok(dir, 'plan', '-input=false', '-generate-config-out=generated.tf');
    const generated = await readFile(join(dir, 'generated.tf'), 'utf8');
    expect(generated).toContain('sleep = "0"');
    const plan = await g.ok(dir, 'plan', '-input=false');
    expect(plan.stdout).toContain('1 to import, 0 to add, 0 to change, 0 to destroy');
    await g.ok(dir, 'apply', '-auto-approve', '-input=false');
    expect(await planCode(dir)).toBe(0);
  });

  it('documents in the schema what the provider does and which variables it reads', async () => {
    const dir = await g.workdir('schema', '');
    await g.ok(dir, 'init', '-input=false');
    const schema = JSON.parse((await g.ok(dir, 'providers', 'schema', '-json')).stdout) as {
      provider_schemas: Record<
        string,
        { provider: { block: Block }; resource_schemas: Record<string, { block: Block }> }
      >;
    };
    type Block = {
      attributes: Record<string, { description?: string }>;
      block_types?: Record<string, { block: { description?: string } }>;
    };
    const p = Object.values(schema.provider_schemas)[0];
    const inst = p?.resource_schemas.ganeti_instance?.block;
    expect(inst?.attributes.name?.description).toContain('renames the instance in place');
    expect(inst?.block_types?.disks?.block.description).toMatch(/disk/i);
    expect(inst?.block_types?.nics?.block.description).toMatch(/network interface/i);
    for (const [attr, env] of [
      ['ca_cert', 'GANETI_CA_CERT'],
      ['ca_fingerprint', 'GANETI_CA_FINGERPRINT'],
      ['insecure', 'GANETI_INSECURE'],
    ] as const)
      expect(p?.provider.block.attributes[attr]?.description).toContain(env);
  });
});

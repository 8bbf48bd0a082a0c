// Real terraform 1.11 drives the provider (from a filesystem mirror) against the real Ganeti cluster.
// The beforeAll hook bundles the provider itself (same esbuild options as `npm run build`).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RapiClient, waitForJob } from '../../../src/ganeti/index.ts';
import { installProviderMirror, PROVIDER_SOURCE } from '../../../src/tf-provider/install.ts';
import { skipGaneti as skip } from '../../helpers/ganeti-env.ts';
import {
  serverFingerprint,
  startTerraform,
  type TfResult,
  terraformEnv,
} from '../../helpers/terraform-run.ts';
import { buildProvider } from '../../helpers/tf-provider-build.ts';

const P = `tfp-${randomBytes(3).toString('hex')}`;

describe.skipIf(skip)('terraform with terraform-provider-ganeti against Ganeti', () => {
  let root: string;
  let env: NodeJS.ProcessEnv;
  let fingerprint: string;
  let rapi: RapiClient;

  const header = () => `terraform {
  required_providers {
    ganeti = { source = "${PROVIDER_SOURCE}", version = "0.1.0" }
  }
}
provider "ganeti" {
  ca_fingerprint = "sha256:${fingerprint}"
}
`;
  async function workdir(name: string, hcl: string): Promise<string> {
    const dir = join(root, name);
    await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    await import('node:fs/promises').then((fs) => fs.mkdir(dir, { recursive: true }));
    await writeFile(join(dir, 'main.tf'), header() + hcl);
    return dir;
  }
  const tf = (dir: string, ...args: string[]): Promise<TfResult> => startTerraform(dir, args, env).done;
  const ok = async (dir: string, ...args: string[]) => {
    const res = await tf(dir, ...args);
    expect(res.code, `terraform ${args.join(' ')}\n${res.stdout}\n${res.stderr}`).toBe(0);
    return res;
  };
  const ours = async (prefix = P) =>
    (await rapi.instances())
      .map((i) => i.name)
      .filter((n) => n.startsWith(prefix))
      .sort();

  beforeAll(async () => {
    await buildProvider();
    root = await mkdtemp(join(tmpdir(), 'tfp-'));
    const { cliConfigPath } = await installProviderMirror(root, '0.1.0');
    env = terraformEnv(cliConfigPath);
    const endpoint = process.env.GANETI_ENDPOINT ?? '';
    fingerprint = await serverFingerprint(endpoint);
    rapi = new RapiClient({
      endpoint,
      username: process.env.GANETI_USERNAME ?? '',
      password: process.env.GANETI_PASSWORD ?? '',
      tls: { mode: 'fingerprint', sha256: fingerprint },
    });
  });

  afterAll(async () => {
    for (const name of await ours().catch(() => [])) {
      await waitForJob(rapi, await rapi.deleteInstance(name)).catch(() => undefined);
    }
    if (root) await rm(root, { recursive: true, force: true });
  });

  const main = (memA: number, extra = '') => `
data "ganeti_cluster" "this" {}
resource "ganeti_instance" "a" {
  name          = "${P}-a"
  os_type       = "noop"
  disk_template = "diskless"
  memory        = ${memA}
  tags          = ["test:${P}"]
  nics {
    network = "exanet"
    ip      = "pool"
  }
}
resource "ganeti_instance" "b" {
  name          = "${P}-b"
  os_type       = "noop"
  disk_template = "diskless"
  primary_node  = ganeti_instance.a.primary_node
  tags          = ["peer:\${ganeti_instance.a.nics[0].ip_address}"]
  nics {
    network = "exanet"
    ip      = "pool"
  }
}
resource "ganeti_instance" "c" {
  name          = "${P}-c"
  os_type       = "noop"
  disk_template = "diskless"
  depends_on    = [ganeti_instance.a]
  nics {
    link = "gnt0"
  }
}
data "ganeti_instance" "a" { name = ganeti_instance.a.name }
output "a_ip" { value = ganeti_instance.a.nics[0].ip_address }
output "a_ip_ds" { value = data.ganeti_instance.a.ip_addresses[0] }
output "nodes" { value = data.ganeti_cluster.this.nodes }
${extra}`;

  it('creates, plans clean, updates in place, re-creates, imports and destroys', async () => {
    const dir = await workdir('main', main(128));
    await ok(dir, 'init', '-input=false');
    await ok(dir, 'apply', '-auto-approve', '-input=false', '-parallelism=10');
    expect(await ours()).toEqual([`${P}-a`, `${P}-b`, `${P}-c`]);
    const a = await rapi.instance(`${P}-a`);
    const b = await rapi.instance(`${P}-b`);
    const aIp = a?.['nic.ips'][0];
    expect(aIp).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(b?.tags).toEqual([`peer:${aIp}`]);
    expect(b?.['nic.ips'][0]).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    const out = JSON.parse((await ok(dir, 'output', '-json')).stdout) as Record<string, { value: unknown }>;
    expect(out.a_ip?.value).toBe(aIp);
    expect(out.a_ip_ds?.value).toBe(aIp);
    expect(out.nodes?.value).toEqual((await rapi.nodes()).map((node) => node.name).sort());

    await ok(dir, 'plan', '-detailed-exitcode', '-input=false');

    await writeFile(join(dir, 'main.tf'), header() + main(256));
    const plan = await tf(dir, 'plan', '-detailed-exitcode', '-input=false');
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain('1 to change, 0 to destroy');
    await ok(dir, 'apply', '-auto-approve', '-input=false');
    const a2 = await rapi.instance(`${P}-a`);
    expect(a2?.uuid).toBe(a?.uuid);
    expect(a2?.beparams.maxmem).toBe(256);
    await ok(dir, 'plan', '-detailed-exitcode', '-input=false');

    await waitForJob(rapi, await rapi.deleteInstance(`${P}-c`));
    const drift = await tf(dir, 'plan', '-detailed-exitcode', '-input=false');
    expect(drift.code).toBe(2);
    expect(drift.stdout, drift.stdout).toContain('ganeti_instance.c will be created');
    await ok(dir, 'apply', '-auto-approve', '-input=false');
    expect(await ours()).toEqual([`${P}-a`, `${P}-b`, `${P}-c`]);

    for (const n of ['d', 'e']) {
      const job = await rapi.createInstance({
        instance_name: `${P}-${n}`,
        os_type: 'noop',
        disk_template: 'diskless',
        disks: [],
        nics: [{ link: 'gnt0' }],
        beparams: { maxmem: 128, minmem: 128, vcpus: 1 },
      });
      await waitForJob(rapi, job);
    }
    const imported = (n: string) => `
resource "ganeti_instance" "${n}" {
  name          = "${P}-${n}"
  os_type       = "noop"
  disk_template = "diskless"
  memory        = 128
  vcpus         = 1
  nics {
    link = "gnt0"
  }
}
`;
    const importBlock = `import {\n  to = ganeti_instance.e\n  id = "${P}-e"\n}\n`;
    await writeFile(join(dir, 'main.tf'), header() + main(256, imported('d') + imported('e') + importBlock));
    await ok(dir, 'import', '-input=false', 'ganeti_instance.d', `${P}-d`);
    const withImport = await tf(dir, 'plan', '-detailed-exitcode', '-input=false');
    expect(withImport.stdout).toContain('1 to import, 0 to add, 0 to change, 0 to destroy');
    await ok(dir, 'apply', '-auto-approve', '-input=false');
    await ok(dir, 'plan', '-detailed-exitcode', '-input=false');

    await ok(dir, 'destroy', '-auto-approve', '-input=false');
    expect(await ours()).toEqual([]);
  });

  it('reports an unknown OS with Ganeti’s message and records nothing', async () => {
    const dir = await workdir(
      'bad-os',
      `resource "ganeti_instance" "x" {
  name          = "${P}-bados"
  os_type       = "nosuchos"
  disk_template = "diskless"
  nics {
    link = "gnt0"
  }
}
`,
    );
    await ok(dir, 'init', '-input=false');
    const res = await tf(dir, 'apply', '-auto-approve', '-input=false');
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(`Ganeti could not create instance ${P}-bados`);
    expect(res.stderr).toContain('nosuchos not found');
    expect((await tf(dir, 'state', 'list')).stdout.trim()).toBe('');
    expect(await ours(`${P}-bados`)).toEqual([]);
  });

  it('converges after SIGINT during a slow create, leaving no orphan', async () => {
    const name = `${P}-slow`;
    const dir = await workdir(
      'sigint',
      `resource "ganeti_instance" "slow" {
  name          = "${name}"
  os_type       = "noop"
  os_params     = { sleep = "6" }
  disk_template = "file"
  disks {
    size = 1024
  }
  nics {
    link = "gnt0"
  }
}
`,
    );
    await ok(dir, 'init', '-input=false');
    const run = startTerraform(dir, ['apply', '-auto-approve', '-input=false'], env);
    const deadline = Date.now() + 60_000;
    while (!(await rapi.instance(name)) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 200));
    run.child.kill('SIGINT');
    const first = await run.done;
    expect(first.code).not.toBe(0);
    expect(`${first.stdout}${first.stderr}`).toContain(`Interrupted while creating instance ${name}`);
    expect((await tf(dir, 'state', 'list')).stdout).toContain('ganeti_instance.slow');

    await ok(dir, 'apply', '-auto-approve', '-input=false');
    await ok(dir, 'plan', '-detailed-exitcode', '-input=false');
    expect(await ours(name)).toEqual([name]);
    await ok(dir, 'destroy', '-auto-approve', '-input=false');
    expect(await ours(name)).toEqual([]);
  });
});

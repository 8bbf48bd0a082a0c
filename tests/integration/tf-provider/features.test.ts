// What mature providers offer, with the real terraform 1.11 against the real Ganeti cluster: networks and
// their group connections as resources, discovery for bulk import, timeouts, reboot_on_update, explicit
// settings beating GANETI_* variables, and RAPI requests in the debug log without secrets.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deleteNetwork,
  disconnectNetwork,
  getNetwork,
  modifyNetwork,
  waitForJob,
} from '../../../src/ganeti/index.ts';
import { skipGaneti as skip } from '../../helpers/ganeti-env.ts';
import { startTfGaneti, type TfGaneti } from '../../helpers/tf-ganeti.ts';

const P = `exa17-${randomBytes(3).toString('hex')}`;
const LINK = process.env.GANETI_NIC_LINK ?? 'gnt0';
const flat = (text: string) => text.replace(/\s+/g, ' ');

describe.skipIf(skip)('terraform-provider-ganeti: networks, discovery, timeouts, settings, logs', () => {
  let g: TfGaneti;
  const planCode = async (dir: string) =>
    (await g.tf(dir, 'plan', '-detailed-exitcode', '-input=false')).code;

  beforeAll(async () => {
    g = await startTfGaneti();
  });

  afterAll(async () => {
    if (!g) return;
    await g.removeWith(P);
    const net = await getNetwork(g.rapi, `${P}-net`).catch(() => null);
    if (net) {
      for (const [group] of net.group_list ?? [])
        await waitForJob(g.rapi, await disconnectNetwork(g.rapi, net.name, group)).catch(() => undefined);
      await waitForJob(g.rapi, await deleteNetwork(g.rapi, net.name)).catch(() => undefined);
    }
    await g.close();
  });

  it('manages a network and its group connection: create, update in place, drift, import, destroy', async () => {
    const name = `${P}-net`;
    const hcl = (reserved: string, gateway: string) => `
resource "ganeti_network" "n" {
  name         = "${name}"
  network      = "203.0.113.0/24"
  gateway      = "${gateway}"
  reserved_ips = [${reserved}]
  tags         = ["owner:${P}"]
}
resource "ganeti_network_connection" "c" {
  network = ganeti_network.n.name
  group   = "default"
  mode    = "bridged"
  link    = "${LINK}"
}
`;
    const dir = await g.workdir('net', hcl('"203.0.113.10"', '203.0.113.1'));
    await g.ok(dir, 'init', '-input=false');
    await g.ok(dir, 'apply', '-auto-approve', '-input=false');
    const created = await getNetwork(g.rapi, name);
    expect(created?.network).toBe('203.0.113.0/24');
    expect(created?.group_list.map((r) => r.slice(0, 3))).toEqual([['default', 'bridged', LINK]]);
    expect(created?.tags).toEqual([`owner:${P}`]);
    expect(await planCode(dir)).toBe(0);

    await g.rewrite(dir, hcl('"203.0.113.10", "203.0.113.11"', '203.0.113.254'));
    const upd = await g.ok(dir, 'apply', '-auto-approve', '-input=false');
    expect(upd.stdout).toContain('0 added, 1 changed, 0 destroyed');
    const updated = await getNetwork(g.rapi, name);
    expect(updated?.uuid).toBe(created?.uuid);
    expect(updated?.gateway).toBe('203.0.113.254');
    expect(await planCode(dir)).toBe(0);

    await waitForJob(g.rapi, await modifyNetwork(g.rapi, name, { remove_reserved_ips: ['203.0.113.11'] }));
    await waitForJob(g.rapi, await disconnectNetwork(g.rapi, name, 'default'));
    const drift = await g.tf(dir, 'plan', '-detailed-exitcode', '-input=false');
    expect(drift.code, drift.stdout).toBe(2);
    expect(drift.stdout).toContain('ganeti_network_connection.c will be created');
    expect(drift.stdout).toMatch(/\+ "203\.0\.113\.11"/);
    await g.ok(dir, 'apply', '-auto-approve', '-input=false');
    expect(await planCode(dir)).toBe(0);

    await g.ok(dir, 'state', 'rm', 'ganeti_network.n', 'ganeti_network_connection.c');
    await g.rewrite(
      dir,
      `${hcl('"203.0.113.10", "203.0.113.11"', '203.0.113.254')}
import {
  to = ganeti_network.n
  id = "${name}"
}
import {
  to = ganeti_network_connection.c
  id = "${name}/default"
}
`,
    );
    const imp = await g.ok(dir, 'plan', '-input=false');
    expect(imp.stdout).toContain('2 to import, 0 to add, 0 to change, 0 to destroy');
    await g.ok(dir, 'apply', '-auto-approve', '-input=false');
    await g.ok(dir, 'destroy', '-auto-approve', '-input=false');
    expect(await getNetwork(g.rapi, name)).toBeNull();
  });

  it('discovers instances by tag and name prefix and adopts them with import for_each', async () => {
    const tag = `adopt:${P}`;
    for (const n of ['a', 'b']) {
      await waitForJob(
        g.rapi,
        await g.rapi.createInstance({
          instance_name: `${P}-adopt-${n}`,
          os_type: 'noop',
          disk_template: 'diskless',
          disks: [],
          nics: [{ link: LINK }],
          beparams: { maxmem: 128, minmem: 128, vcpus: 1 },
          tags: [tag],
        }),
      );
    }
    const dir = await g.workdir(
      'adopt',
      `
data "ganeti_instances" "found" {
  tag         = "${tag}"
  name_prefix = "${P}-adopt-"
}
import {
  for_each = toset(data.ganeti_instances.found.names)
  to       = ganeti_instance.x[each.key]
  id       = each.key
}
resource "ganeti_instance" "x" {
  for_each      = toset(data.ganeti_instances.found.names)
  name          = each.key
  os_type       = "noop"
  disk_template = "diskless"
  memory        = 128
  vcpus         = 1
  tags          = ["${tag}"]
  nics {
    link = "${LINK}"
  }
}
output "names" { value = data.ganeti_instances.found.names }
`,
    );
    await g.ok(dir, 'init', '-input=false');
    const plan = await g.ok(dir, 'plan', '-input=false');
    expect(plan.stdout).toContain('2 to import, 0 to add, 0 to change, 0 to destroy');
    await g.ok(dir, 'apply', '-auto-approve', '-input=false');
    const out = JSON.parse((await g.ok(dir, 'output', '-json')).stdout) as Record<string, { value: unknown }>;
    expect(out.names?.value).toEqual([`${P}-adopt-a`, `${P}-adopt-b`]);
    expect(await planCode(dir)).toBe(0);
  });

  it('bounds a create by timeouts.create and rejects a timeout that is not a duration', async () => {
    const name = `${P}-slow`;
    const body = (t: string) => `
resource "ganeti_instance" "x" {
  name          = "${name}"
  os_type       = "noop"
  os_params     = { sleep = "8" }
  disk_template = "file"
  disks {
    size = 1024
  }
  nics {
    link = "${LINK}"
  }
  timeouts {
    create = "${t}"
  }
}
`;
    const dir = await g.workdir('timeouts', body('soon'));
    await g.ok(dir, 'init', '-input=false');
    const bad = await g.tf(dir, 'validate', '-no-color');
    expect(bad.code).toBe(1);
    expect(flat(bad.stderr)).toContain('timeouts.create must be a duration such as "30s"');
    expect(bad.stderr).toContain('create = "soon"');

    await g.rewrite(dir, body('2s'));
    const res = await g.tf(dir, 'apply', '-auto-approve', '-input=false');
    expect(res.code).toBe(1);
    const err = flat(res.stderr);
    expect(err).toContain(`Timed out creating instance ${name}`);
    expect(err).toContain(`terraform import ganeti_instance.<name> ${name}`);
    const jobId = Number(/Ganeti job (\d+)/.exec(err)?.[1]);
    await waitForJob(g.rapi, jobId).catch(() => undefined);
  });

  it('warns that a memory change waits for a reboot, and reboots with reboot_on_update', async () => {
    const name = `${P}-mem`;
    const hcl = (memory: number, reboot: boolean) => `
resource "ganeti_instance" "x" {
  name             = "${name}"
  os_type          = "noop"
  disk_template    = "diskless"
  memory           = ${memory}
  reboot_on_update = ${reboot}
  nics {
    link = "${LINK}"
  }
}
`;
    const dir = await g.workdir('reboot', hcl(128, false));
    await g.ok(dir, 'init', '-input=false');
    await g.ok(dir, 'apply', '-auto-approve', '-input=false');
    await g.rewrite(dir, hcl(256, false));
    const warned = await g.ok(dir, 'plan', '-input=false');
    expect(flat(warned.stdout + warned.stderr)).toContain('Change takes effect after a reboot');
    await g.rewrite(dir, hcl(256, true));
    const quiet = await g.ok(dir, 'apply', '-auto-approve', '-input=false');
    expect(flat(quiet.stdout + quiet.stderr)).not.toContain('Change takes effect after a reboot');
    const info = await g.rapi.instance(name);
    expect(info?.beparams.maxmem).toBe(256);
    expect(info?.oper_ram).toBe(256);
    expect(await planCode(dir)).toBe(0);
    await g.ok(dir, 'destroy', '-auto-approve', '-input=false');
  });

  it('lets explicit provider settings beat GANETI_* variables', async () => {
    const dir = await g.workdir('precedence', 'data "ganeti_cluster" "c" {}\n', '  insecure = false\n');
    await g.ok(dir, 'init', '-input=false');
    const env = { ...g.env, GANETI_INSECURE: 'true', GANETI_CA_FINGERPRINT: '' };
    const { startTerraform } = await import('../../helpers/terraform-run.ts');
    const res = await startTerraform(dir, ['plan', '-input=false', '-no-color'], env).done;
    expect(res.code, res.stdout).toBe(1);
    expect(flat(res.stderr)).toContain('certificate not trusted by the system CAs');
    const pinned = await g.workdir('precedence-fp', 'data "ganeti_cluster" "c" {}\n');
    await g.ok(pinned, 'init', '-input=false');
    const wrongEnv = { ...g.env, GANETI_CA_FINGERPRINT: `sha256:${'0'.repeat(64)}` };
    const ok = await startTerraform(pinned, ['plan', '-input=false', '-no-color'], wrongEnv).done;
    expect(ok.code, ok.stderr).toBe(0);
  });

  it('logs RAPI requests at TF_LOG=DEBUG without bodies or the password', async () => {
    const dir = await g.workdir('log', 'data "ganeti_cluster" "c" {}\n');
    await g.ok(dir, 'init', '-input=false');
    const { startTerraform } = await import('../../helpers/terraform-run.ts');
    const res = await startTerraform(dir, ['plan', '-input=false', '-no-color'], {
      ...g.env,
      TF_LOG: 'DEBUG',
    }).done;
    expect(res.code).toBe(0);
    expect(res.stderr).toMatch(/RAPI GET \/2\/info -> ok \(\d+ ms\)/);
    expect(res.stderr).toMatch(/RAPI GET \/2\/nodes -> ok/);
    expect(res.stderr).not.toContain(process.env.GANETI_PASSWORD ?? 'never-empty');
  });
});

// The libvirt target's cloud-init user-data booted under the real libvirtd: the libvirt templates
// cannot be applied here (the dmacvicar provider cannot be downloaded), but their user-data can. The
// real terraform evaluates local.user_data of a libvirt deployment made by `exasol init` (a
// provider-free configuration: variables and locals only); it goes into a NoCloud seed (ISO labelled
// cidata) next to a copy of tests/guest-image.sh's image, the domain boots with type='qemu' (TCG),
// and we log in as `exasol` with the deployment's own key and use sudo.
// Gate: EXASOL_TEST_GUESTS=1 and EXASOL_TEST_LIBVIRT_URI (qemu:///system of tests/libvirtd.sh).
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { init } from '../../../src/actions/init.ts';
import { repoRoot } from '../../helpers/build-tmp.ts';
import { sshGuest } from '../../helpers/guest-ssh.ts';
import { stubIo } from '../../helpers/io-stub.ts';
import { missingEnv, skipUnlessService } from '../../helpers/service-gate.ts';
import { evalInDeployment } from '../../helpers/tf-console.ts';

const image = spawnSync('bash', [join(repoRoot, 'tests/guest-image.sh'), 'path'], { encoding: 'utf8' });
const skip = skipUnlessService(
  'guests',
  missingEnv('EXASOL_TEST_GUESTS', 'EXASOL_TEST_LIBVIRT_URI') ??
    (image.status === 0 ? null : 'guest image not built (tests/guest-image.sh build)'),
);
const URI = process.env.EXASOL_TEST_LIBVIRT_URI ?? 'qemu:///system';
const id = `exa16-ud-${randomBytes(3).toString('hex')}`;
// An isolated libvirt network made for this test: no forwarding, no DHCP, no DNS (TEST-NET-3).
const NET = { name: id, bridge: `e16${id.slice(-6)}`, host: '203.0.113.1', guest: '203.0.113.11' };
const virsh = (...args: string[]) => execFileSync('virsh', ['-q', '-c', URI, ...args], { encoding: 'utf8' });

let work: string;
let dep: string;

describe.skipIf(skip)('libvirt: the shared cloud-init user-data boots under the real libvirtd', () => {
  beforeAll(async () => {
    // qemu may run as libvirt-qemu: it must reach the disk and the seed, so not below a 0700 folder
    work = mkdtempSync(join(tmpdir(), 'exa16-libvirt-'));
    chmodSync(work, 0o755);
    dep = join(work, 'dep');
    await init(
      {
        deploymentDir: dep,
        provider: 'libvirt',
        values: {
          'terraform-binary': '/usr/local/bin/terraform',
          'libvirt-uri': 'test:///default',
          'libvirt-pool': 'default-pool',
          'libvirt-memory': 1,
        },
        env: process.env,
      },
      stubIo(),
    );
  }, 120_000);

  afterAll(() => {
    spawnSync('virsh', ['-c', URI, 'destroy', id], { stdio: 'ignore' });
    spawnSync('virsh', ['-c', URI, 'net-destroy', NET.name], { stdio: 'ignore' });
    spawnSync('virsh', ['-c', URI, 'net-undefine', NET.name], { stdio: 'ignore' });
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it(
    'terraform renders user exasol with the deployment key; the guest applies it and lets exasol in with sudo',
    async () => {
      const userData = String(await evalInDeployment(dep, 'local.user_data[0]'));
      const publicKey = readFileSync(join(dep, 'ssh/id_ed25519.pub'), 'utf8').trim();
      expect(userData.split('\n')[0]).toBe('#cloud-config');
      expect(parse(userData)).toMatchObject({
        hostname: 'n11',
        users: [{ name: 'exasol', sudo: 'ALL=(ALL) NOPASSWD:ALL', ssh_authorized_keys: [publicKey] }],
      });

      const seed = join(work, 'seed');
      mkdirSync(seed);
      writeFileSync(join(seed, 'user-data'), userData);
      writeFileSync(join(seed, 'meta-data'), `instance-id: ${id}\nlocal-hostname: n11\n`);
      writeFileSync(
        join(seed, 'network-config'),
        `version: 1\nconfig:\n  - type: physical\n    name: eth0\n    subnets:\n      - type: static\n        address: ${NET.guest}/24\n`,
      );
      execFileSync('genisoimage', [
        '-quiet',
        '-output',
        join(work, 'seed.iso'),
        '-volid',
        'cidata',
        '-joliet',
        '-rock',
        seed,
      ]);
      const dir = image.stdout.trim();
      execFileSync('cp', ['--sparse=always', join(dir, 'disk.img'), join(work, 'disk.img')]);

      const netXml = join(work, 'net.xml');
      writeFileSync(
        netXml,
        `<network><name>${NET.name}</name><bridge name='${NET.bridge}'/><dns enable='no'/><ip address='${NET.host}' prefix='24'/></network>`,
      );
      virsh('net-define', netXml);
      virsh('net-start', NET.name);
      const domXml = join(work, 'domain.xml');
      writeFileSync(
        domXml,
        `<domain type='qemu'><name>${id}</name><memory unit='MiB'>1024</memory><vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type><kernel>${dir}/vmlinuz</kernel><initrd>${dir}/initrd.img</initrd>
    <cmdline>root=/dev/vda ro console=ttyS0 net.ifnames=0 panic=-1</cmdline></os>
  <on_reboot>destroy</on_reboot>
  <devices>
    <disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='${work}/disk.img'/><target dev='vda' bus='virtio'/></disk>
    <disk type='file' device='cdrom'><driver name='qemu' type='raw'/><source file='${work}/seed.iso'/><target dev='hdc' bus='ide'/><readonly/></disk>
    <interface type='network'><source network='${NET.name}'/><model type='virtio'/></interface>
    <serial type='pty'/><console type='pty'/>
  </devices></domain>`,
      );
      const t = Date.now();
      virsh('create', domXml);

      const key = join(dep, 'ssh/id_ed25519');
      const ssh = (cmd: string) => sshGuest(key, `exasol@${NET.guest}`, cmd);
      let r = ssh('true');
      const deadline = Date.now() + 10 * 60_000; // TCG on a loaded 2-core machine: generous, bounded
      while (r.status !== 0 && Date.now() < deadline) {
        await new Promise((f) => setTimeout(f, 5000));
        r = ssh('true');
      }
      expect(r.status, `no SSH login as exasol within 10 min: ${r.stderr}`).toBe(0);
      process.stderr.write(
        `[guests] libvirt guest: first SSH answer after ${Math.round((Date.now() - t) / 1000)} s\n`,
      );
      const out = ssh(
        'id -un; hostname; sudo -n id -u; timeout 300 cloud-init status --wait >/dev/null; cloud-init status',
      );
      expect(out.stdout.trim().split('\n')).toEqual(['exasol', 'n11', '0', 'status: done']);
      const root = sshGuest(key, `root@${NET.guest}`, 'true');
      expect(root.stderr).toMatch(/Permission denied/);
    },
    15 * 60_000,
  );
});

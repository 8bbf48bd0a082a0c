// The shipped Ganeti OS definition ganeti-os/exasol-image, run the way Ganeti runs it (the OS API 20
// environment), on a small ext4 image made here: the scripts themselves, no Ganeti needed.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../../helpers/build-tmp.ts';
import { skipUnlessService } from '../../helpers/service-gate.ts';

const OS = join(repoRoot, 'ganeti-os', 'exasol-image');
const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq1xq0Vf4kqZ3Yw1n7m4k1t5Qv1Pp2fXo5c2Jm2H7uK exasol-abc';
const missingTools = ['mkfs.ext4', 'debugfs', 'resize2fs'].filter(
  (t) => spawnSync('sh', ['-c', `command -v ${t}`]).status !== 0,
);
// Not silent: one line names what is missing (and CI fails on it).
const hasTools = !skipUnlessService(
  'e2fsprogs',
  missingTools.length ? `${missingTools.join(', ')} not found (apt-get install e2fsprogs)` : null,
);
let root: string;
let image: string;

beforeAll(() => {
  if (!hasTools) return;
  root = mkdtempSync(join(tmpdir(), 'exasol-os-'));
  const tree = join(root, 'tree');
  mkdirSync(join(tree, 'etc'), { recursive: true });
  writeFileSync(join(tree, 'etc', 'hostname'), 'localhost\n');
  image = join(root, 'image.img');
  execFileSync('mkfs.ext4', ['-q', '-F', '-d', tree, image, '16M']);
});
afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

/** Runs one script of the definition with Ganeti's environment; returns its exit code and stderr. */
function run(script: string, env: Record<string, string>, input?: Buffer) {
  const r = spawnSync(join(OS, script), [], {
    env: { PATH: process.env.PATH ?? '', OSP_IMAGE: image, ...env },
    input,
    encoding: 'buffer',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stderr: r.stderr.toString(), stdout: r.stdout };
}

/** A fresh disk 0 of `mib` MiB (Ganeti's file template: a sparse file of the disk's size). */
function disk(mib: number): string {
  const path = join(mkdtempSync(join(root, 'disk-')), 'disk0');
  writeFileSync(path, '');
  truncateSync(path, mib * 1024 * 1024);
  return path;
}

const cat = (dev: string, path: string) =>
  execFileSync('debugfs', ['-R', `cat ${path}`, dev], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });

describe.skipIf(!hasTools)('exasol-image OS definition', () => {
  it('declares OS API 20 and exactly the parameters the scripts read', () => {
    expect(readFileSync(join(OS, 'ganeti_api_version'), 'utf8').trim()).toBe('20');
    const params = readFileSync(join(OS, 'parameters.list'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split(' ')[0]);
    expect(params).toEqual(['ssh_key', 'user_data', 'image']);
  });

  it('create writes the image, grows it to the disk and seeds host name, static pool address and user-data', () => {
    const dev = disk(48);
    const userData = '#cloud-config\nusers:\n  - name: exasol\n';
    const r = run('create', {
      INSTANCE_NAME: 'exa-n11.ganeti.test',
      DISK_0_PATH: dev,
      NIC_0_IP: '198.51.100.21',
      NIC_0_MAC: 'aa:00:00:11:22:33',
      NIC_0_NETWORK_SUBNET: '198.51.100.0/24',
      NIC_0_NETWORK_GATEWAY: '198.51.100.1',
      OSP_SSH_KEY: KEY,
      OSP_USER_DATA: Buffer.from(userData).toString('base64'),
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(cat(dev, '/etc/hostname')).toBe('exa-n11\n');
    expect(cat(dev, '/var/lib/cloud/seed/nocloud/user-data')).toBe(userData);
    expect(parse(cat(dev, '/var/lib/cloud/seed/nocloud/meta-data'))).toMatchObject({
      'local-hostname': 'exa-n11',
    });
    expect(parse(cat(dev, '/var/lib/cloud/seed/nocloud/network-config'))).toEqual({
      version: 1,
      config: [
        {
          type: 'physical',
          name: 'eth0',
          mac_address: 'aa:00:00:11:22:33',
          subnets: [{ type: 'static', address: '198.51.100.21/24', gateway: '198.51.100.1' }],
        },
      ],
    });
    const blocks = execFileSync('dumpe2fs', ['-h', dev], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const count = Number(/Block count:\s+(\d+)/.exec(blocks)?.[1]);
    const size = Number(/Block size:\s+(\d+)/.exec(blocks)?.[1]);
    expect(count * size).toBe(statSync(dev).size);
  });

  it('without user_data, create seeds user exasol with the key and passwordless sudo', () => {
    const dev = disk(32);
    expect(run('create', { INSTANCE_NAME: 'exa-n12', DISK_0_PATH: dev, OSP_SSH_KEY: KEY }).status).toBe(0);
    const doc = parse(cat(dev, '/var/lib/cloud/seed/nocloud/user-data')) as { users: object[] };
    expect(doc.users).toEqual([
      expect.objectContaining({ name: 'exasol', sudo: 'ALL=(ALL) NOPASSWD:ALL', ssh_authorized_keys: [KEY] }),
    ]);
  });

  it('verify rejects a malformed key, user-data that is not cloud-config, and a missing image', () => {
    expect(run('verify', { OSP_SSH_KEY: KEY }).status).toBe(0);
    for (const bad of ['not-a-key', `${KEY}\nssh-rsa AAAA second`, 'ssh-ed25519 AAAA$(reboot)']) {
      const r = run('verify', { OSP_SSH_KEY: bad });
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/^exasol-image: ssh_key is not one OpenSSH public key line/);
    }
    const notCloud = run('verify', { OSP_USER_DATA: Buffer.from('echo hi\n').toString('base64') });
    expect(notCloud.stderr).toContain(
      'user_data must decode to cloud-init user-data starting with #cloud-config',
    );
    const missing = run('verify', { OSP_IMAGE: join(root, 'nope.img') });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/image .*nope\.img is missing on node/);
  });

  it('create refuses a disk smaller than the image and a diskless instance, naming them', () => {
    const small = run('create', { INSTANCE_NAME: 'x', DISK_0_PATH: disk(8), OSP_SSH_KEY: KEY });
    expect(small.status).toBe(1);
    expect(small.stderr).toMatch(/disk 0 \(\d+ bytes\) is smaller than the image/);
    expect(run('create', { INSTANCE_NAME: 'x', OSP_SSH_KEY: KEY }).stderr).toContain(
      'the instance needs a disk',
    );
  });

  it('export and import round-trip a disk; rename writes the new host name', () => {
    const dev = disk(32);
    expect(run('create', { INSTANCE_NAME: 'old-n11', DISK_0_PATH: dev, OSP_SSH_KEY: KEY }).status).toBe(0);
    const dump = run('export', { EXPORT_DEVICE: dev, EXPORT_INDEX: '0' });
    expect(dump.status).toBe(0);
    const copy = disk(32);
    expect(run('import', { IMPORT_DEVICE: copy, IMPORT_INDEX: '0' }, dump.stdout).status).toBe(0);
    expect(cat(copy, '/etc/hostname')).toBe('old-n11\n');
    const r = run('rename', { INSTANCE_NAME: 'new-n11', OLD_INSTANCE_NAME: 'old-n11', DISK_0_PATH: copy });
    expect(r.status).toBe(0);
    expect(cat(copy, '/etc/hostname')).toBe('new-n11\n');
    expect(run('export', {}).stderr).toContain('EXPORT_DEVICE not set');
  });
});

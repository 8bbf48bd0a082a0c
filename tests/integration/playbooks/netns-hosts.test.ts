// Runs setup/start/stop for real over SSH against two namespace hosts, with the CLI's own inventory,
// ssh_config, ansible.cfg, key and extra-vars file. Disks and the c4 install are switched off (no VMs).
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readlink, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExtraVars, readPasswords, writeExtraVars } from '../../../src/ansible/extra-vars.ts';
import { writeAnsibleFiles } from '../../../src/ansible/inventory.ts';
import type { CatalogVersion } from '../../../src/catalog/versions.ts';
import { generateSshKeyPair } from '../../../src/secrets/ssh-key.ts';
import { findAnsiblePlaybook, runPlaybook } from '../../../src/tools/ansible.ts';
import { type ArtifactServer, startArtifactServer } from '../../helpers/netns/artifact-server.ts';
import {
  createLab,
  inHost,
  type NetnsLab,
  netnsMissingReason,
  readHostFile,
} from '../../helpers/netns-hosts.ts';
import { skipUnlessService } from '../../helpers/service-gate.ts';

const reason =
  netnsMissingReason() ?? ((await findAnsiblePlaybook()) ? null : 'ansible-playbook not on PATH');
const skip = skipUnlessService('netns-hosts', reason);
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

describe.skipIf(skip)('playbooks against two namespace hosts over SSH', () => {
  let work: string;
  let dir: string;
  let lab: NetnsLab | undefined;
  let server: ArtifactServer | undefined;
  const db = randomBytes(256 * 1024);
  const c4 = Buffer.from('#!/bin/sh\necho fake c4 "$@"\n');
  const passwords = {
    db_password: 'Db-Secret-4711',
    adminui_password: 'Ui-Secret-4712',
    host_password: 'Host-Secret-4713',
  };
  let version: CatalogVersion;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'exa-netns-'));
    dir = join(work, 'deployment');
    await mkdir(join(dir, 'ssh'), { recursive: true, mode: 0o700 });
    const keys = generateSshKeyPair('exasol-netns-test');
    await writeFile(join(dir, 'ssh/id_ed25519'), keys.privateKey, { mode: 0o600 });
    await writeFile(join(dir, 'secrets.json'), JSON.stringify({ ...passwords, provider: {} }), {
      mode: 0o600,
    });
    await writeFile(join(work, 'c4'), c4, { mode: 0o755 });
    lab = await createLab({ count: 2, authorizedKey: keys.publicKey, workDir: work });
    server = await startArtifactServer(lab.gateway, { '/exasol-test.tar.gz': db });
    const [n11, n12] = lab.hosts;
    if (!n11 || !n12) throw new Error('lab has no hosts');
    await lab.addDisks(n11, ['vdb', 'vdc', 'vdd'], ['vdb']);
    await lab.addDisks(n12, ['vdb', 'vdc']);
    version = {
      version: 'exasol-test',
      architecture: 'x86_64',
      working_copy: '@exasol-test',
      db_url: `${server.baseUrl}/exasol-test.tar.gz`,
      db_sha256: sha(db),
      c4_version: 'test',
      c4_url: `file://${join(work, 'c4')}`,
      c4_sha256: sha(c4),
    };
    await writeAnsibleFiles({
      deploymentDir: dir,
      provider: 'libvirt',
      nodes: lab.hosts.map((h) => ({ name: h.name, publicIp: h.address, privateIp: h.address })),
      sshUser: 'root',
      sshKeyPath: join(dir, 'ssh/id_ed25519'),
      dataVolumesPerNode: 2,
    });
  });

  afterAll(async () => {
    await lab?.cleanup();
    await server?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  const testVars = {
    exasol_disks: true,
    exasol_c4_install: false,
    exasol_apt_update: false,
    exasol_packages: ['openssh-server'],
    exasol_connect_timeout: 60,
  };

  it('setup.yml names the hosts, links them by SSH, and places verified artefacts and a 0600 config on n11', async () => {
    const hostsBefore = await readFile('/etc/hosts', 'utf8');
    const varsFile = await writeExtraVars(dir, buildExtraVars(await readPasswords(dir), version, testVars));
    const t0 = Date.now();
    const result = await runPlaybook({
      deploymentDir: dir,
      playbook: 'setup',
      extraVarsPath: varsFile,
      logFile: join(work, 'setup.log'),
    });
    process.stderr.write(`[netns-hosts] setup.yml on 2 hosts: ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
    expect(result.exitCode).toBe(0);
    for (const secret of Object.values(passwords)) expect(result.stdout).not.toContain(secret);

    const [n11, n12] = lab?.hosts ?? [];
    if (!n11 || !n12) throw new Error('lab has no hosts');
    expect((await inHost(n11, ['hostname'])).trim()).toBe('n11');
    expect((await inHost(n12, ['hostname'])).trim()).toBe('n12');
    expect(await readHostFile(n12, '/etc/hostname')).toBe('n12\n');
    for (const h of [n11, n12]) {
      const hosts = await readHostFile(h, '/etc/hosts');
      expect(hosts).toContain(`${n11.address} n11`);
      expect(hosts).toContain(`${n12.address} n12`);
      expect(await readHostFile(h, '/etc/shadow')).toMatch(/^root:\$6\$/m);
    }
    expect(await readFile('/etc/hosts', 'utf8')).toBe(hostsBefore);

    // data disks: unused virtio disks in bus order; n11's vdb carries a mounted file system and is skipped
    expect(await readlink(join(n11.root, 'dev/exasol_data_01'))).toBe('/dev/vdc');
    expect(await readlink(join(n11.root, 'dev/exasol_data_02'))).toBe('/dev/vdd');
    expect(await readlink(join(n12.root, 'dev/exasol_data_01'))).toBe('/dev/vdb');
    expect(await readlink(join(n12.root, 'dev/exasol_data_02'))).toBe('/dev/vdc');
    expect(await readHostFile(n11, '/etc/systemd/system/exasol-data-links.service')).toContain(
      'Before=c4.service',
    );

    // the cluster key: private half only on n11, public half authorised on both; n11 reaches n12 by name
    expect((await stat(join(n11.root, 'root/.ssh/id_rsa'))).mode & 0o777).toBe(0o600);
    await expect(stat(join(n12.root, 'root/.ssh/id_rsa'))).rejects.toThrow();
    const pub = (await readHostFile(n11, '/root/.ssh/id_rsa.pub')).trim();
    expect(await readHostFile(n12, '/root/.ssh/authorized_keys')).toContain(pub);
    expect((await inHost(n11, ['ssh', '-o', 'BatchMode=yes', 'n12', 'hostname'])).trim()).toBe('n12');

    const config = join(n11.root, 'root/exasol-release/config');
    expect((await stat(config)).mode & 0o777).toBe(0o600);
    const text = await readFile(config, 'utf8');
    expect(text).toContain(`CCC_HOST_ADDRS="${n11.address} ${n12.address}"`);
    expect(text).toContain('CCC_HOST_DATADISK="/dev/exasol_data_01,/dev/exasol_data_02"');
    expect(text).toContain('CCC_PLAY_WORKING_COPY=@exasol-test');
    expect(text).toContain(`CCC_PLAY_DB_PASSWORD=${passwords.db_password}`);
    expect(sha(await readFile(join(n11.root, 'root/exasol-release/exasol-test.tar.gz')))).toBe(sha(db));
    expect(sha(await readFile(join(n11.root, 'root/exasol-release/c4')))).toBe(sha(c4));
    await expect(stat(join(n12.root, 'root/exasol-release/config'))).rejects.toThrow();
  });

  it('a tarball whose sha256 differs from the catalog fails the play, names the file and removes it', async () => {
    const wrong = { ...version, db_sha256: '0'.repeat(64) };
    const varsFile = await writeExtraVars(dir, buildExtraVars(await readPasswords(dir), wrong, testVars));
    const run = runPlaybook({ deploymentDir: dir, playbook: 'setup', extraVarsPath: varsFile });
    await expect(run).rejects.toThrow(/checksum mismatch for exasol-test\.tar\.gz/);
    const n11 = lab?.hosts[0];
    if (!n11) throw new Error('lab has no hosts');
    await expect(stat(join(n11.root, 'root/exasol-release/exasol-test.tar.gz'))).rejects.toThrow();
  });

  it('refuses a password the c4 config cannot carry before touching a host, without printing it', async () => {
    const bad = { ...passwords, db_password: 'two words"and$more' };
    const varsFile = await writeExtraVars(dir, buildExtraVars(bad, version, testVars));
    const lines: string[] = [];
    const run = runPlaybook({
      deploymentDir: dir,
      playbook: 'setup',
      extraVarsPath: varsFile,
      onLine: (l) => lines.push(l),
    });
    await expect(run).rejects.toThrow(/exasol_db_password contains a character the c4 config cannot carry/);
    expect(lines.join('\n')).not.toContain('two words');
    expect(lines.join('\n')).not.toMatch(/TASK \[Wait up to/);
  });

  it('stop.yml and start.yml run cleanly on nodes where Exasol is not installed yet', async () => {
    const varsFile = await writeExtraVars(dir, buildExtraVars(await readPasswords(dir), version, testVars));
    for (const playbook of ['stop', 'start'] as const) {
      const t0 = Date.now();
      const result = await runPlaybook({ deploymentDir: dir, playbook, extraVarsPath: varsFile });
      process.stderr.write(
        `[netns-hosts] ${playbook}.yml on 2 hosts: ${((Date.now() - t0) / 1000).toFixed(1)} s\n`,
      );
      expect(result.stdout).toMatch(/n11\s+: ok=\d+\s+changed=0\s+unreachable=0\s+failed=0/);
    }
  });
});

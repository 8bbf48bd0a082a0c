// Runs setup/start/stop for real over SSH against two namespace hosts, with the CLI's own inventory,
// ssh_config, ansible.cfg, key and extra-vars file. Data disks are loop devices and c4 is a stand-in
// script (no Exasol is installed), see playbooks/README.md.
import { readFile, readlink, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAnsiblePlaybook, runPlaybook } from '../../../src/tools/ansible.ts';
import { createPlaybookFixture, type PlaybookFixture, sha256 } from '../../helpers/netns/playbook-fixture.ts';
import { inHost, netnsMissingReason, readHostFile } from '../../helpers/netns-hosts.ts';
import { missingEnv, skipUnlessService } from '../../helpers/service-gate.ts';

const reason =
  netnsMissingReason() ??
  missingEnv('EXASOL_TEST_ANSIBLE') ??
  ((await findAnsiblePlaybook()) ? null : 'ansible-playbook not on PATH');
const skip = skipUnlessService('netns-hosts', reason);
const seconds = (t0: number) => ((Date.now() - t0) / 1000).toFixed(1);
// The failure text of a run, with the yaml callback's line wrapping and doubled quotes undone.
const failureOf = (run: Promise<unknown>) =>
  run.then(
    () => 'no failure',
    (e: Error) => e.message.replace(/\s+/g, ' ').replace(/''/g, "'"),
  );

describe.skipIf(skip)('playbooks against two namespace hosts over SSH', () => {
  let f: PlaybookFixture;
  beforeAll(async () => {
    f = await createPlaybookFixture();
  });
  afterAll(async () => {
    await f?.cleanup();
  });

  it('setup.yml names the hosts, links disks and SSH, and places verified artefacts and a 0600 config on n11', async () => {
    const { n11, n12, dir, passwords } = f;
    const hostsBefore = await readFile('/etc/hosts', 'utf8');
    const t0 = Date.now();
    const result = await runPlaybook({
      deploymentDir: dir,
      playbook: 'setup',
      extraVarsPath: await f.writeVars(),
    });
    process.stderr.write(`[netns-hosts] setup.yml on 2 hosts: ${seconds(t0)} s\n`);
    expect(result.exitCode).toBe(0);
    for (const secret of Object.values(passwords)) expect(result.stdout).not.toContain(secret);

    expect((await inHost(n11, ['hostname'])).trim()).toBe('n11');
    expect((await inHost(n12, ['hostname'])).trim()).toBe('n12');
    expect(await readHostFile(n12, '/etc/hostname')).toBe('n12\n');
    for (const h of [n11, n12]) {
      const hosts = await readHostFile(h, '/etc/hosts');
      expect(hosts).toContain(`${n11.address} n11`);
      expect(hosts).toContain(`${n12.address} n12`);
      // the image user's password was set inside the host (hashed there), not on this machine
      const rootEntry = (shadow: string) => shadow.split('\n').find((l) => l.startsWith('root:'));
      const entry = rootEntry(await readHostFile(h, '/etc/shadow'));
      expect(entry).toMatch(/^root:\$(6|y)\$/);
      expect(entry).not.toBe(rootEntry(await readFile('/etc/shadow', 'utf8')));
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
    expect(sha256(await readFile(join(n11.root, 'root/exasol-release/exasol-test.tar.gz')))).toBe(
      sha256(f.db),
    );
    expect(sha256(await readFile(join(n11.root, 'root/exasol-release/c4')))).toBe(sha256(f.c4));
    await expect(stat(join(n12.root, 'root/exasol-release/config'))).rejects.toThrow();
    // c4 (a stand-in here) was asked to check, install and wait, in that order, from the release dir
    expect(await readHostFile(n11, '/root/exasol-release/c4-calls.log')).toBe(
      'host diag -i config\nhost play -i config\nwait --stage d\n',
    );
  });

  it('a database that does not reach stage d in time fails the play saying what it waited for', async () => {
    await writeFile(join(f.n11.root, 'root/exasol-release/c4-hang'), '');
    const extraVarsPath = await f.writeVars({ extra: { exasol_c4_wait_timeout: 3 } });
    const run = runPlaybook({ deploymentDir: f.dir, playbook: 'setup', extraVarsPath });
    const message = await failureOf(run);
    expect(message).toMatch(
      /Exasol install on n11 failed in 'Wait up to 3 s for the database to reach stage d \(c4 wait --stage d\)'/,
    );
    // cut off by the task timeout, not by c4 giving up after its own 60 s
    expect(message).toMatch(/failed to execute in the expected time frame \(3\)/);
    await rm(join(f.n11.root, 'root/exasol-release/c4-hang'));
  });

  it('a tarball whose sha256 differs from the catalog fails the play, names the file and removes it', async () => {
    const extraVarsPath = await f.writeVars({ version: { db_sha256: '0'.repeat(64) } });
    const run = runPlaybook({ deploymentDir: f.dir, playbook: 'setup', extraVarsPath });
    await expect(run).rejects.toThrow(/checksum mismatch for exasol-test\.tar\.gz/);
    await expect(stat(join(f.n11.root, 'root/exasol-release/exasol-test.tar.gz'))).rejects.toThrow();
  });

  it('stops with a message naming the host and the disks it found when a node has too few', async () => {
    const extraVarsPath = await f.writeVars({ extra: { exasol_data_volumes_per_node: 3 } });
    const run = runPlaybook({ deploymentDir: f.dir, playbook: 'setup', extraVarsPath });
    const message = await failureOf(run);
    // the mounted vdb of n11 does not count
    expect(message).toMatch(
      /n11 \(libvirt\): found 2 unused data disk\(s\) \['\/dev\/vdc', '\/dev\/vdd'\], need 3/,
    );
    expect(message).toMatch(
      /n12 \(libvirt\): found 2 unused data disk\(s\) \['\/dev\/vdb', '\/dev\/vdc'\], need 3/,
    );
  });

  it('refuses a password the c4 config cannot carry before touching a host, without printing it', async () => {
    const extraVarsPath = await f.writeVars({ passwords: { db_password: 'two words"and$more' } });
    const lines: string[] = [];
    const run = runPlaybook({
      deploymentDir: f.dir,
      playbook: 'setup',
      extraVarsPath,
      onLine: (l) => lines.push(l),
    });
    await expect(run).rejects.toThrow(/exasol_db_password contains a character the c4 config cannot carry/);
    expect(lines.join('\n')).not.toContain('two words');
    expect(lines.join('\n')).not.toMatch(/TASK \[Wait up to/);
  });

  it('stop.yml and start.yml run cleanly on nodes where Exasol is not installed yet', async () => {
    const extraVarsPath = await f.writeVars();
    for (const playbook of ['stop', 'start'] as const) {
      const t0 = Date.now();
      const result = await runPlaybook({ deploymentDir: f.dir, playbook, extraVarsPath });
      process.stderr.write(`[netns-hosts] ${playbook}.yml on 2 hosts: ${seconds(t0)} s\n`);
      expect(result.stdout).toMatch(/n11\s+: ok=\d+\s+changed=0\s+unreachable=0\s+failed=0/);
      expect(result.stdout).toContain(
        `n12: no Exasol units found (systemd not running); nothing to ${playbook}`,
      );
    }
  });
});

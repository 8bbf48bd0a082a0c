// writeAnsibleFiles: what the inventory, ssh_config and ansible.cfg say, and that they are private.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type AnsibleFilesInput, writeAnsibleFiles } from '../../../src/ansible/inventory.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'exa-inv-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const input = (over: Partial<AnsibleFilesInput> = {}): AnsibleFilesInput => ({
  deploymentDir: dir,
  provider: 'aws',
  diskFamily: 'aws',
  nodes: [
    { name: 'n11', publicIp: '203.0.113.11', privateIp: '10.0.0.11', dataVolumeIds: ['vol-0a1', 'vol-0a2'] },
    { name: 'n12', publicIp: '203.0.113.12', privateIp: '10.0.0.12' },
  ],
  sshUser: 'exasol',
  sshKeyPath: join(dir, 'ssh/id_ed25519'),
  dataVolumesPerNode: 2,
  ...over,
});

describe('writeAnsibleFiles', () => {
  it('writes an inventory with the node group, addresses, order and cluster facts', async () => {
    const files = await writeAnsibleFiles(input());
    const inv = parse(await readFile(files.inventoryPath, 'utf8'));
    expect(inv.all.vars).toMatchObject({
      ansible_user: 'exasol',
      ansible_python_interpreter: '/usr/bin/python3',
      exasol_provider: 'aws',
      exasol_disk_family: 'aws',
      exasol_first_node: 'n11',
      exasol_data_volumes_per_node: 2,
    });
    expect(Object.keys(inv.all.children.exasol_nodes.hosts)).toEqual(['n11', 'n12']);
    expect(inv.all.children.exasol_nodes.hosts.n11).toEqual({
      ansible_host: 'n11',
      node_index: 0,
      public_ip: '203.0.113.11',
      private_ip: '10.0.0.11',
      data_volume_ids: ['vol-0a1', 'vol-0a2'],
    });
    expect(inv.all.children.exasol_nodes.hosts.n12.data_volume_ids).toBeUndefined();
  });

  it('writes all three files 0600 and an ansible.cfg that routes SSH through the ssh_config', async () => {
    const files = await writeAnsibleFiles(input());
    for (const p of Object.values(files)) expect((await stat(p)).mode & 0o777).toBe(0o600);
    const cfg = await readFile(files.ansibleCfgPath, 'utf8');
    expect(cfg).toContain(`ssh_args = -F "${files.sshConfigPath}" `);
    expect(cfg).toContain(`inventory = ${files.inventoryPath}`);
    expect(cfg).toMatch(/^pipelining = True$/m);
    expect(cfg).toMatch(/^interpreter_python = \/usr\/bin\/python3$/m);
    expect(cfg).toMatch(/^forks = 5$/m);
  });

  it('gives each deployment its own SSH master connections (same node names, different clusters)', async () => {
    const other = await mkdtemp(join(tmpdir(), 'exa-inv-'));
    try {
      const a = await readFile((await writeAnsibleFiles(input())).ansibleCfgPath, 'utf8');
      const b = await readFile(
        (await writeAnsibleFiles(input({ deploymentDir: other }))).ansibleCfgPath,
        'utf8',
      );
      const controlPath = (cfg: string) => cfg.match(/^control_path = (.*)$/m)?.[1];
      expect(controlPath(a)).toMatch(/^%\(directory\)s\/exa-[0-9a-f]{10}-%%C$/);
      expect(controlPath(b)).toMatch(/^%\(directory\)s\/exa-[0-9a-f]{10}-%%C$/);
      expect(controlPath(a)).not.toBe(controlPath(b));
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  it('pins host keys inside the deployment instead of disabling host key checking', async () => {
    const files = await writeAnsibleFiles(input({ sshJump: 'jump@198.51.100.7' }));
    const cfg = await readFile(files.sshConfigPath, 'utf8');
    expect(cfg).toContain('Host n11\n  HostName 203.0.113.11\n  User exasol');
    expect(cfg).toContain(`UserKnownHostsFile "${join(dir, 'ssh/known_hosts')}"`);
    expect(cfg).toContain('StrictHostKeyChecking accept-new');
    expect(cfg).not.toMatch(/StrictHostKeyChecking no|\/dev\/null/);
    expect(cfg.match(/ProxyJump jump@198\.51\.100\.7/g)).toHaveLength(2);
  });

  // ssh is a requirement of the CLI (and installed by .ci/run): no skip when it is missing.
  it('produces an ssh_config that ssh itself resolves per node', async () => {
    const files = await writeAnsibleFiles(input({ sshPort: 2222 }));
    const resolved = execFileSync('ssh', ['-G', '-F', files.sshConfigPath, 'n12'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    expect(resolved).toMatch(/^hostname 203\.0\.113\.12$/m);
    expect(resolved).toMatch(/^port 2222$/m);
    expect(resolved).toMatch(/^user exasol$/m);
    expect(resolved).toContain(`identityfile ${join(dir, 'ssh/id_ed25519')}`);
  });

  // ssh is a requirement of the CLI: no skip. What ansible reads back from the same files is checked
  // with ansible-core in tests/integration/playbooks/syntax.test.ts (EXASOL_TEST_ANSIBLE).
  it('quotes a directory with a space and a % so ssh reads the same paths back', async () => {
    const odd = join(dir, 'my deploy 100%');
    const files = await writeAnsibleFiles(
      input({ deploymentDir: odd, sshKeyPath: join(odd, 'ssh/id_ed25519') }),
    );
    const resolved = execFileSync('ssh', ['-G', '-F', files.sshConfigPath, 'n11'], { encoding: 'utf8' });
    // ssh -G shows IdentityFile before its %-token expansion (done when the key is loaded).
    expect(resolved).toContain(`identityfile ${join(odd, 'ssh/id_ed25519').replace('%', '%%')}\n`);
    expect(resolved).toContain(`userknownhostsfile ${join(odd, 'ssh/known_hosts')}\n`);
  });

  it.each([
    ['a newline (a forged ProxyCommand line)', 'x\n  ProxyCommand touch /tmp/exa18-pwned'],
    ['a double quote', 'a"b'],
    ['a comma (ansible -i would read a host list)', 'a,b'],
    ['a semicolon (an ansible.cfg comment)', 'a ;b'],
  ])('refuses to write configs for a directory with %s, writing nothing', async (_what, name) => {
    const bad = join(dir, name);
    await expect(writeAnsibleFiles(input({ deploymentDir: bad }))).rejects.toThrow(
      /cannot be written into ssh_config or ansible.cfg: it contains/,
    );
    expect(existsSync(join(bad, 'ssh_config'))).toBe(false);
    expect(existsSync(join(bad, 'ssh'))).toBe(false);
  });

  it.each([
    [
      'an option as node name',
      { nodes: [{ name: '-oProxyCommand=touch /tmp/x', publicIp: '203.0.113.1', privateIp: '10.0.0.1' }] },
    ],
    [
      'a newline in an address',
      { nodes: [{ name: 'n11', publicIp: '203.0.113.1\n  ProxyCommand x', privateIp: '10.0.0.1' }] },
    ],
    ['a user with a space', { sshUser: 'root x' }],
    ['a jump host with a newline', { sshJump: 'j@h\nProxyCommand x' }],
  ])('refuses terraform outputs with %s', async (_what, over) => {
    await expect(writeAnsibleFiles(input(over))).rejects.toThrow(/refusing to write ssh_config/);
    expect(existsSync(join(dir, 'ssh_config'))).toBe(false);
  });

  it('forgets accepted host keys only when asked (a redeploy behind the same addresses)', async () => {
    await writeAnsibleFiles(input());
    const kh = join(dir, 'ssh/known_hosts');
    await writeFile(kh, 'n11 ssh-ed25519 AAAA\n');
    await writeAnsibleFiles(input());
    expect(existsSync(kh)).toBe(true);
    await writeAnsibleFiles(input({ resetKnownHosts: true }));
    expect(existsSync(kh)).toBe(false);
  });

  it('refuses an empty node list', async () => {
    await expect(writeAnsibleFiles(input({ nodes: [] }))).rejects.toThrow(/no nodes/);
  });
});

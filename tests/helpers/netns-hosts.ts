// Test hosts made of namespaces: each has its own network (veth to a private bridge), mount and UTS
// namespace, an overlay over / (writes land in a tmpfs), a private /dev, and its own sshd.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freeSubnet, inHost, killAll, sh, waitForPort } from './netns/util.ts';

export { inHost, readHostFile } from './netns/util.ts';

const HELPER_DIR = join(import.meta.dirname, 'netns');

/** One running test host. */
export interface NetnsHost {
  name: string;
  address: string;
  /** PID of the host's sshd; /proc/<pid>/root is the host's file system. */
  pid: number;
  root: string;
}

/** The hosts plus the address this machine has on their network. */
export interface NetnsLab {
  gateway: string;
  hosts: NetnsHost[];
  /** Gives a host loop-backed block devices /dev/<name>; `mounted` ones carry a mounted ext4. */
  addDisks(host: NetnsHost, names: string[], mounted?: string[]): Promise<void>;
  cleanup(): Promise<void>;
}

/** Why the lab cannot be built here, or null. */
export function netnsMissingReason(): string | null {
  if (process.env.EXASOL_TEST_NETNS !== '1')
    return 'EXASOL_TEST_NETNS unset (set EXASOL_TEST_NETNS=1 to build namespace hosts)';
  if (process.getuid?.() !== 0) return 'needs root (network and mount namespaces)';
  const bins = [
    '/usr/sbin/ip',
    '/usr/sbin/sshd',
    '/usr/bin/unshare',
    '/usr/bin/nsenter',
    '/usr/sbin/losetup',
  ];
  for (const bin of bins) {
    if (!existsSync(bin))
      return `${bin} missing (apt-get install iproute2 openssh-server util-linux mount e2fsprogs)`;
  }
  return null;
}

/** Builds `count` hosts named n11, n12, … that accept `authorizedKey` for root. */
export async function createLab(opts: {
  count: number;
  authorizedKey: string;
  workDir: string;
}): Promise<NetnsLab> {
  const id = randomBytes(3).toString('hex');
  const sw = `exat-${id}-sw`;
  const nsNames: string[] = [sw];
  const pids: number[] = [];
  const loops: string[] = [];
  const net = await freeSubnet();
  const lab: NetnsLab = {
    gateway: `${net}.1`,
    hosts: [],
    async addDisks(host, names, mounted = []) {
      for (const name of names) {
        const img = join(opts.workDir, `${host.name}-${name}.img`);
        await sh('truncate', ['-s', '16M', img]);
        const dev = (await sh('losetup', ['-f', '--show', img])).trim();
        loops.push(dev);
        const [major, minor] = (await sh('lsblk', ['-dno', 'MAJ:MIN', dev])).trim().split(':');
        await inHost(host, ['mknod', `/dev/${name}`, 'b', major ?? '', minor ?? '']);
        if (mounted.includes(name)) {
          await sh('mkfs.ext4', ['-q', dev]);
          await inHost(host, ['mkdir', '-p', `/mnt/${name}`]);
          await inHost(host, ['mount', `/dev/${name}`, `/mnt/${name}`]);
        }
      }
    },
    async cleanup() {
      for (const ns of nsNames.slice(1)) {
        const list = await sh('ip', ['netns', 'pids', ns]).catch(() => '');
        killAll(list.split('\n').filter(Boolean).map(Number));
      }
      killAll(pids);
      for (const ns of nsNames) await sh('ip', ['netns', 'del', ns]).catch(() => '');
      for (const dev of loops) await sh('losetup', ['-d', dev]).catch(() => '');
    },
  };
  try {
    await sh('ip', ['netns', 'add', sw]);
    await sh('ip', ['-n', sw, 'link', 'add', 'br0', 'type', 'bridge']);
    await sh('ip', ['-n', sw, 'link', 'set', 'br0', 'up']);
    await sh('ip', ['link', 'add', `exat${id}`, 'type', 'veth', 'peer', 'name', 'up0', 'netns', sw]);
    await sh('ip', ['addr', 'add', `${lab.gateway}/24`, 'dev', `exat${id}`]);
    await sh('ip', ['link', 'set', `exat${id}`, 'up']);
    await sh('ip', ['-n', sw, 'link', 'set', 'up0', 'master', 'br0', 'up']);
    await writeFile(join(opts.workDir, 'authorized_keys'), `${opts.authorizedKey}\n`, { mode: 0o600 });
    for (let i = 0; i < opts.count; i++) {
      const name = `n${11 + i}`;
      const ns = `exat-${id}-${name}`;
      const address = `${net}.${11 + i}`;
      nsNames.push(ns);
      await sh('ip', ['netns', 'add', ns]);
      await sh('ip', [
        '-n',
        sw,
        'link',
        'add',
        `p${name}`,
        'type',
        'veth',
        'peer',
        'name',
        'eth0',
        'netns',
        ns,
      ]);
      await sh('ip', ['-n', sw, 'link', 'set', `p${name}`, 'master', 'br0', 'up']);
      await sh('ip', ['-n', ns, 'addr', 'add', `${address}/24`, 'dev', 'eth0']);
      await sh('ip', ['-n', ns, 'link', 'set', 'eth0', 'up']);
      await sh('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
      const dir = join(opts.workDir, name);
      await mkdir(dir, { recursive: true });
      const child = spawn(
        'ip',
        [
          'netns',
          'exec',
          ns,
          'unshare',
          '--mount',
          '--uts',
          '--propagation',
          'private',
          '/bin/sh',
          join(HELPER_DIR, 'host.sh'),
          dir,
          address,
          join(opts.workDir, 'authorized_keys'),
          `${name}-boot`,
        ],
        { stdio: ['ignore', 'ignore', 'pipe'], detached: false },
      );
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
      });
      if (child.pid === undefined) throw new Error(`could not start host ${name}`);
      pids.push(child.pid);
      await waitForPort(address, 22, 15_000).catch((e: Error) => {
        throw new Error(`${e.message}\n${stderr}`);
      });
      lab.hosts.push({ name, address, pid: child.pid, root: `/proc/${child.pid}/root` });
    }
    return lab;
  } catch (err) {
    await lab.cleanup();
    throw err;
  }
}

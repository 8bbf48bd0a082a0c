// Writes the Ansible inputs of a deployment: inventory.yml, ssh_config and ansible.cfg (all 0600).
import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { deploymentPaths } from '../deployment/layout.ts';
import { NODE_NAME } from '../deployment/rules.ts';
import { ExasolError } from '../errors.ts';
import { hasControlChar, printable } from '../options/parsers.ts';
import type { DiskFamily, ProviderId } from '../providers/types.ts';
import { ensurePrivateDir, writeFileAtomic } from '../util/fs-atomic.ts';

/** File (inside the deployment directory) holding the host keys SSH accepted on first contact. */
export const KNOWN_HOSTS_FILE = 'ssh/known_hosts';

/** One cluster node as terraform reported it. */
export interface AnsibleNode {
  name: string;
  publicIp: string;
  privateIp: string;
  /** The target's ids of the node's data volumes, in attachment order (AWS: matched to NVMe by-id names). */
  dataVolumeIds?: string[];
}

/** Everything needed to reach and describe the cluster's nodes. */
export interface AnsibleFilesInput {
  deploymentDir: string;
  provider: ProviderId;
  /** Which disks-<family>.yml discovers the data disks. */
  diskFamily: DiskFamily;
  nodes: AnsibleNode[];
  sshUser: string;
  sshKeyPath: string;
  /** `user@host[:port]` of a jump host, written as ProxyJump. */
  sshJump?: string;
  /** SSH port of the nodes (default 22). */
  sshPort?: number;
  dataVolumesPerNode: number;
  /** Forget previously accepted host keys (new machines behind old addresses after a redeploy). */
  resetKnownHosts?: boolean;
}

/** Absolute paths of the written files. */
export interface AnsibleFiles {
  inventoryPath: string;
  sshConfigPath: string;
  ansibleCfgPath: string;
}

/** Characters no quoting in ssh_config, ansible.cfg (ini, `,`-separated lists, `;` comments) or
 * `ansible -i` survives. */
const UNQUOTABLE = /["\\,;]/;

/** `path` checked for the generated configs; the one-line error names the directory to move. */
export function configPath(path: string): string {
  const bad = UNQUOTABLE.exec(path)?.[0] ?? [...path].find((c) => hasControlChar(c));
  if (bad !== undefined)
    throw new ExasolError(
      'E_UNSAFE_PATH',
      `${printable(path)} cannot be written into ssh_config or ansible.cfg: it contains ${printable(bad)}`,
      {
        hint: 'move the deployment to a directory whose path has no control characters, quotes, backslashes, commas or semicolons',
      },
    );
  return path;
}

/** A path as one double-quoted ssh_config value (`%` is ssh's token character). */
function sshQuoted(path: string): string {
  return `"${configPath(path).replaceAll('%', '%%')}"`;
}

/** Fails unless every node, the user and the jump host are what ssh_config can hold as one word. */
function checkSshInput(input: AnsibleFilesInput): void {
  const bad = (what: string) =>
    new ExasolError('E_BAD_NODE', `refusing to write ssh_config: ${what}`, {
      hint: 'terraform reported values exasol never creates; check the outputs with terraform output',
    });
  for (const n of input.nodes) {
    if (!NODE_NAME.test(n.name)) throw bad(`node name ${printable(n.name)} is not a host name`);
    if (isIP(n.publicIp) === 0) throw bad(`${n.name} has the address ${printable(n.publicIp)}`);
  }
  if (!/^[a-z_][a-z0-9_-]{0,31}$/.test(input.sshUser)) throw bad(`login ${printable(input.sshUser)}`);
  if (input.sshJump !== undefined && !/^[A-Za-z0-9._@:[\]-]+$/.test(input.sshJump))
    throw bad(`jump host ${printable(input.sshJump)}`);
}

/** Writes inventory.yml, ssh_config and ansible.cfg into the deployment directory. */
export async function writeAnsibleFiles(input: AnsibleFilesInput): Promise<AnsibleFiles> {
  if (input.nodes.length === 0) throw new Error('writeAnsibleFiles: no nodes');
  const dir = configPath(resolve(input.deploymentDir));
  checkSshInput(input);
  const paths = deploymentPaths(dir);
  const knownHosts = join(dir, KNOWN_HOSTS_FILE);
  await ensurePrivateDir(join(dir, 'ssh'));
  if (input.resetKnownHosts) await rm(knownHosts, { force: true });
  await writeFileAtomic(paths.inventory, renderInventory(input));
  await writeFileAtomic(
    paths.sshConfig,
    renderSshConfig({ ...input, sshKeyPath: resolve(input.sshKeyPath) }, knownHosts),
  );
  await writeFileAtomic(
    paths.ansibleCfg,
    renderAnsibleCfg(paths.inventory, paths.sshConfig, input.nodes.length),
  );
  return { inventoryPath: paths.inventory, sshConfigPath: paths.sshConfig, ansibleCfgPath: paths.ansibleCfg };
}

/** inventory.yml: group `exasol_nodes`, hosts named like their ssh_config aliases, cluster facts as vars. */
export function renderInventory(input: AnsibleFilesInput): string {
  const hosts = Object.fromEntries(
    input.nodes.map((n, i) => [
      n.name,
      {
        ansible_host: n.name,
        node_index: i,
        public_ip: n.publicIp,
        private_ip: n.privateIp,
        ...(n.dataVolumeIds?.length ? { data_volume_ids: n.dataVolumeIds } : {}),
      },
    ]),
  );
  const doc = {
    all: {
      vars: {
        ansible_user: input.sshUser,
        ansible_python_interpreter: '/usr/bin/python3',
        exasol_provider: input.provider,
        exasol_disk_family: input.diskFamily,
        exasol_data_volumes_per_node: input.dataVolumesPerNode,
        exasol_first_node: input.nodes[0]?.name,
      },
      children: { exasol_nodes: { hosts } },
    },
  };
  return `# Generated by exasol-deployer; rewritten after every terraform apply.\n${stringify(doc)}`;
}

/** ssh_config: one `Host nXX` per node; host keys accepted on first use and pinned in the deployment. */
export function renderSshConfig(input: AnsibleFilesInput, knownHostsPath: string): string {
  const blocks = input.nodes.map((n) =>
    [
      `Host ${n.name}`,
      `  HostName ${n.publicIp}`,
      `  User ${input.sshUser}`,
      `  Port ${input.sshPort ?? 22}`,
      `  IdentityFile ${sshQuoted(input.sshKeyPath)}`,
      '  IdentitiesOnly yes',
      `  UserKnownHostsFile ${sshQuoted(knownHostsPath)}`,
      '  StrictHostKeyChecking accept-new',
      '  BatchMode yes',
      '  ConnectTimeout 15',
      '  ServerAliveInterval 15',
      '  ServerAliveCountMax 4',
      ...(input.sshJump ? [`  ProxyJump ${input.sshJump}`] : []),
    ].join('\n'),
  );
  const self = deploymentPaths(resolve(input.deploymentDir)).sshConfig;
  return `# Generated by exasol-deployer. Use: ssh -F '${configPath(self)}' ${input.nodes[0]?.name ?? 'n11'}\n${blocks.join('\n\n')}\n`;
}

/** ansible.cfg: used through ANSIBLE_CONFIG; SSH goes through the deployment's ssh_config. */
export function renderAnsibleCfg(inventoryPath: string, sshConfigPath: string, nodeCount: number): string {
  const controlId = createHash('sha256').update(sshConfigPath).digest('hex').slice(0, 10);
  return [
    '# Generated by exasol-deployer; the CLI points ANSIBLE_CONFIG here.',
    '[defaults]',
    `inventory = ${configPath(inventoryPath)}`,
    `forks = ${Math.min(Math.max(nodeCount, 5), 50)}`,
    'interpreter_python = /usr/bin/python3',
    'host_key_checking = True',
    'retry_files_enabled = False',
    'gathering = explicit',
    'timeout = 30',
    'callback_result_format = yaml',
    'display_skipped_hosts = False',
    '',
    '[ssh_connection]',
    `ssh_args = -F "${configPath(sshConfigPath)}" -o ControlMaster=auto -o ControlPersist=60s`,
    // Ansible's default ControlPath hashes only host alias, port and user, so two deployments (both
    // with an `n11`) would share one SSH master connection and run tasks on each other's nodes.
    `control_path = %(directory)s/exa-${controlId}-%%C`,
    'pipelining = True',
    'retries = 3',
    '',
  ].join('\n');
}

// The one reader of the outputs contract (templates/README.md, templates/common/outputs-common.tf):
// terraform's outputs become node records plus what Ansible needs to reach and describe the nodes.
import type { NodeRecord } from '../deployment/state.ts';
import { ExasolError } from '../errors.ts';
import type { TerraformOutput } from '../tools/terraform.ts';

/** Type of each contract output, as templates/README.md's table states it. */
export const OUTPUTS_CONTRACT = {
  node_names: 'list(string)',
  node_public_ips: 'list(string)',
  node_private_ips: 'list(string)',
  instance_ids: 'list(string)',
  ssh_user: 'string',
  ssh_jump: 'string',
  data_volume_ids: 'list(list(string))',
} as const;

/** A name of the outputs contract. */
export type ContractOutput = keyof typeof OUTPUTS_CONTRACT;

/** The nodes, login and per-node disks a deployment's outputs describe. */
export interface ClusterOutputs {
  nodes: NodeRecord[];
  sshUser: string;
  /** `[user@]host[:port]` the nodes are reached through; absent when they are reached directly. */
  sshJump?: string;
  /** Per node (by name), the target's ids of its data volumes in slot order; absent where none are named. */
  dataVolumeIds: Record<string, string[]>;
}

type Outputs = Record<string, TerraformOutput>;

function broken(name: string, what: string): ExasolError {
  return new ExasolError('E_TF_OUTPUTS', `terraform output '${name}' ${what}`, {
    hint: 'the templates must define the outputs contract of templates/README.md',
  });
}

function list(outputs: Outputs, name: ContractOutput | 'node_states', optional = false): (string | null)[] {
  const v = outputs[name]?.value;
  if (v === undefined && optional) return [];
  if (!Array.isArray(v)) throw broken(name, 'is missing or not a list');
  return v.map((x) => (typeof x === 'string' && x !== '' ? x : null));
}

function text(outputs: Outputs, name: ContractOutput, optional: boolean): string {
  const v = outputs[name]?.value;
  if (v === undefined && optional) return '';
  if (typeof v !== 'string' || (!optional && v === '')) throw broken(name, 'is missing or empty');
  return v;
}

function listOfLists(outputs: Outputs, name: ContractOutput, count: number): string[][] {
  const v = outputs[name]?.value;
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.length !== count || !v.every((l) => Array.isArray(l)))
    throw broken(name, `is not a list of ${count} lists (one per node)`);
  const ids = v.map((l: unknown[]) => l.filter((x): x is string => typeof x === 'string' && x !== ''));
  const bad = ids.flat().find((id) => !/^[\w.:/-]+$/.test(id));
  if (bad !== undefined) throw broken(name, `holds an id that is not one: ${JSON.stringify(bad)}`);
  return ids;
}

/** Validates the outputs contract; `nodeState` is recorded for every node unless `node_states` says otherwise. */
export function parseOutputs(outputs: Outputs, nodeState: string): ClusterOutputs {
  const names = list(outputs, 'node_names');
  const pub = list(outputs, 'node_public_ips');
  const priv = list(outputs, 'node_private_ips');
  const ids = list(outputs, 'instance_ids');
  // Not in the contract: a target (or a test stand-in) may report each node's power state.
  const states = list(outputs, 'node_states', true);
  const sshUser = text(outputs, 'ssh_user', false);
  // ssh_jump and data_volume_ids joined the contract later: directories made before lack them.
  const sshJump = text(outputs, 'ssh_jump', true);
  // Both end up in ssh_config and the inventory: only what a jump host and a volume id can be.
  if (sshJump && !/^(?:[\w.-]+@)?[\w.-]+(?::\d{1,5})?$/.test(sshJump))
    throw broken('ssh_jump', `is not [user@]host[:port]: ${JSON.stringify(sshJump)}`);
  if ([pub, priv, ids].some((l) => l.length !== names.length))
    throw new ExasolError(
      'E_TF_OUTPUTS',
      `terraform outputs disagree on the node count (names ${names.length}, public IPs ${pub.length}, private IPs ${priv.length}, ids ${ids.length})`,
    );
  const volumes = listOfLists(outputs, 'data_volume_ids', names.length);
  const nodes = names.map((name, i) => ({
    name: name ?? `n${11 + i}`,
    publicIp: pub[i] ?? null,
    privateIp: priv[i] ?? null,
    state: states[i] ?? nodeState,
    ...(ids[i] ? { instanceId: ids[i] as string } : {}),
  }));
  const dataVolumeIds = Object.fromEntries(
    nodes.flatMap((n, i) => (volumes[i]?.length ? [[n.name, volumes[i]]] : [])),
  );
  return { nodes, sshUser, ...(sshJump ? { sshJump } : {}), dataVolumeIds };
}

/** Nodes without a reachable address (Ansible and SSH cannot use them). */
export function nodesWithoutAddress(nodes: readonly NodeRecord[]): string[] {
  return nodes.filter((n) => !n.publicIp).map((n) => n.name);
}

// Reads the outputs contract (templates/README.md) from terraform and turns it into node records.
import type { NodeRecord } from '../deployment/state.ts';
import { ExasolError } from '../errors.ts';
import type { TerraformOutput } from '../tools/terraform.ts';

/** The nodes and login user a deployment's outputs describe. */
export interface ClusterOutputs {
  nodes: NodeRecord[];
  sshUser: string;
}

function list(outputs: Record<string, TerraformOutput>, name: string, optional = false): (string | null)[] {
  const v = outputs[name]?.value;
  if (v === undefined && optional) return [];
  if (!Array.isArray(v))
    throw new ExasolError('E_TF_OUTPUTS', `terraform output '${name}' is missing or not a list`, {
      hint: 'the templates must define the outputs contract of templates/README.md',
    });
  return v.map((x) => (typeof x === 'string' && x !== '' ? x : null));
}

/** Validates the outputs contract; `nodeState` is recorded for every node unless `node_states` says otherwise. */
export function parseOutputs(outputs: Record<string, TerraformOutput>, nodeState: string): ClusterOutputs {
  const names = list(outputs, 'node_names');
  const pub = list(outputs, 'node_public_ips');
  const priv = list(outputs, 'node_private_ips');
  const ids = list(outputs, 'instance_ids');
  const states = list(outputs, 'node_states', true);
  const sshUser = outputs.ssh_user?.value;
  if (typeof sshUser !== 'string' || !sshUser)
    throw new ExasolError('E_TF_OUTPUTS', "terraform output 'ssh_user' is missing or empty");
  if ([pub, priv, ids].some((l) => l.length !== names.length))
    throw new ExasolError(
      'E_TF_OUTPUTS',
      `terraform outputs disagree on the node count (names ${names.length}, public IPs ${pub.length}, private IPs ${priv.length}, ids ${ids.length})`,
    );
  const nodes = names.map((name, i) => ({
    name: name ?? `n${11 + i}`,
    publicIp: pub[i] ?? null,
    privateIp: priv[i] ?? null,
    state: states[i] ?? nodeState,
    ...(ids[i] ? { instanceId: ids[i] as string } : {}),
  }));
  return { nodes, sshUser };
}

/** Nodes without a reachable address (Ansible and SSH cannot use them). */
export function nodesWithoutAddress(nodes: readonly NodeRecord[]): string[] {
  return nodes.filter((n) => !n.publicIp).map((n) => n.name);
}

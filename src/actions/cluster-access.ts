// The steps shared by deploy/start/stop after terraform: record outputs, write Ansible files, wait
// for SSH, run a playbook. Ansible file formats belong to src/ansible (playbooks branch).
import { rm } from 'node:fs/promises';
import { buildExtraVars, readPasswords, writeExtraVars } from '../ansible/extra-vars.ts';
import { writeAnsibleFiles } from '../ansible/inventory.ts';
import type { PlaybookName } from '../ansible/playbook-args.ts';
import { loadCatalog, resolveVersion } from '../catalog/versions.ts';
import { ExasolError } from '../errors.ts';
import type { Architecture } from '../options/common-flags.ts';
import { runPlaybook } from '../tools/ansible.ts';
import { waitForSsh } from '../tools/ssh.ts';
import type { Terraform } from '../tools/terraform.ts';
import { readTfvars } from './deployment.ts';
import type { OperationContext } from './operation.ts';
import { nodesWithoutAddress, parseOutputs } from './outputs.ts';
import { ansibleDetail } from './steps.ts';

/** Reads terraform's outputs, records the nodes and rewrites inventory, ssh_config and ansible.cfg. */
export async function recordNodes(ctx: OperationContext, tf: Terraform, nodeState: string): Promise<void> {
  const { nodes, sshUser, sshJump, dataVolumeIds } = parseOutputs(await tf.outputs(), nodeState);
  await ctx.save({ nodes, sshUser });
  if (nodes.length === 0)
    throw new ExasolError('E_NO_NODES', 'terraform finished but its outputs list no nodes', {
      hint: 'check node_count in terraform.tfvars.json and the outputs of the templates',
    });
  const missing = nodesWithoutAddress(nodes);
  if (missing.length)
    throw new ExasolError('E_NO_ADDRESS', `terraform reported no address for ${missing.join(', ')}`, {
      hint: 'check the network settings of the deployment (e.g. the Ganeti network pool)',
    });
  const tfvars = await readTfvars(ctx.dep);
  await writeAnsibleFiles({
    deploymentDir: ctx.dep.dir,
    provider: ctx.dep.state.provider,
    diskFamily: ctx.dep.provider.diskFamily,
    nodes: nodes.map((n) => ({
      name: n.name,
      publicIp: n.publicIp ?? '',
      privateIp: n.privateIp ?? '',
      ...(dataVolumeIds[n.name] ? { dataVolumeIds: dataVolumeIds[n.name] } : {}),
    })),
    sshUser,
    ...(sshJump ? { sshJump } : {}),
    sshKeyPath: ctx.dep.paths.sshKey,
    dataVolumesPerNode: Number(tfvars.data_volumes_per_node ?? 1),
  });
}

/** Waits until every recorded node answers over SSH (bounded parallelism, deadline from the env or 10 min). */
export async function waitForNodes(ctx: OperationContext, update: (d: string) => void): Promise<void> {
  const names = ctx.dep.state.nodes.map((n) => n.name);
  await waitForSsh({ dir: ctx.dep.dir, signal: ctx.interrupt.abortSignal, logFile: ctx.logFile }, names, {
    deadlineMs: Number(ctx.dep.env.EXASOL_SSH_WAIT_MS ?? 600_000),
    retryMs: Number(ctx.dep.env.EXASOL_SSH_RETRY_MS ?? 5000),
    onWaiting: (left) => update(`waiting for ${left.join(', ')}`),
  });
}

/** Writes the 0600 extra-vars file and runs a shipped playbook with it. */
export async function playbook(
  ctx: OperationContext,
  name: PlaybookName,
  update: (d: string) => void,
): Promise<void> {
  const version = resolveVersion(
    loadCatalog(),
    ctx.dep.state.dbVersion,
    ctx.dep.state.architecture as Architecture,
  );
  const extraVarsPath = await writeExtraVars(
    ctx.dep.dir,
    buildExtraVars(await readPasswords(ctx.dep.dir), version),
  );
  try {
    await runPlaybook({
      deploymentDir: ctx.dep.dir,
      playbook: name,
      extraVarsPath,
      logFile: ctx.logFile,
      signal: ctx.interrupt.abortSignal,
      onLine: (l) => {
        const d = ansibleDetail(l);
        if (d) update(d);
      },
    });
  } finally {
    await rm(extraVarsPath, { force: true });
  }
}

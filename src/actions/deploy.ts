// `exasol deploy`: terraform init/plan/apply, nodes recorded, Ansible files, SSH wait, setup playbook.
import { UsageError } from '../errors.ts';
import type { IoHost } from '../io/io-host.ts';
import type { ProviderModule } from '../providers/types.ts';
import { playbook, recordNodes, waitForNodes } from './cluster-access.ts';
import { loadDeployment, readRunning, readTfvars } from './deployment.ts';
import { runOperation } from './operation.ts';
import { adoptOrphans, planAndApply, stepTerraform, terraformInit, withPlan } from './terraform-steps.ts';

/** Input of the deploy action. */
export interface DeployRequest {
  deploymentDir: string;
  /** Stop after the infrastructure (status infrastructure_ready). */
  infraOnly: boolean;
  /** Only show what terraform would change; no status change. */
  planOnly: boolean;
  provider?: ProviderModule;
  /** Wait this long for another operation's lock (default: fail at once with exit 3). */
  lockTimeoutMs?: number;
}

/** Result for the summary and --json. */
export interface DeployResult {
  deploymentId: string;
  status: string;
  nodes: { name: string; publicIp: string | null }[];
  /** terraform's plan text (deploy --plan only). */
  plan?: string;
}

/** Deploys (or converges) the cluster; see DeployRequest for the two partial modes. */
export async function deploy(req: DeployRequest, io: IoHost): Promise<DeployResult> {
  if (!req.infraOnly && !req.planOnly) {
    // Refused before the lock and terraform: nothing changes, the status stays as it was.
    const dep = await loadDeployment(req.deploymentDir, req.provider);
    const blocker = dep.provider.loginBlocker?.(await readTfvars(dep));
    if (blocker)
      throw new UsageError(
        blocker.message,
        blocker.kind === 'no-key' ? { flag: 'deploy without --infra-only' } : {},
      );
  }
  return runOperation(
    {
      dir: req.deploymentDir,
      op: 'deploy',
      io,
      steps: req.planOnly ? 2 : req.infraOnly ? 4 : 6,
      ...(req.planOnly ? { name: 'deploy-plan', readOnlyStatus: true } : {}),
      ...(req.provider ? { provider: req.provider } : {}),
      ...(req.lockTimeoutMs ? { lockTimeoutMs: req.lockTimeoutMs } : {}),
    },
    async (ctx) => {
      const t = await stepTerraform(ctx);
      const summary = (status: string) => ({
        deploymentId: ctx.dep.state.deploymentId,
        status,
        nodes: ctx.dep.state.nodes.map((n) => ({ name: n.name, publicIp: n.publicIp })),
      });
      await terraformInit(ctx, t);
      if (!req.planOnly) await adoptOrphans(ctx, t);
      if (req.planOnly) {
        const plan = await withPlan(ctx, t, 'normal', async (_file, text) => text);
        return { result: { ...summary(ctx.dep.state.status), plan } };
      }
      await planAndApply(ctx, t);
      const nodeState = (await readRunning(ctx.dep)) ? 'running' : 'stopped';
      await t.step('record nodes, write inventory and ssh_config', () => recordNodes(ctx, t.tf, nodeState));
      if (req.infraOnly) return { result: summary('infrastructure_ready'), status: 'infrastructure_ready' };
      await ctx.steps.run('wait for SSH on all nodes', (u) => waitForNodes(ctx, u));
      await ctx.steps.run('ansible-playbook setup.yml', (u) => playbook(ctx, 'setup', u));
      return { result: summary('database_ready'), status: 'database_ready' };
    },
  );
}

// `exasol stop` / `exasol start`: power through terraform's `running` variable for every provider;
// the database is stopped/started by a playbook around it when the cluster was database_ready.
import type { IoHost } from '../io/io-host.ts';
import type { ProviderModule } from '../providers/types.ts';
import { playbook, recordNodes, waitForNodes } from './cluster-access.ts';
import { readSecrets, targetContext, writeRunning } from './deployment.ts';
import { type OperationContext, runOperation } from './operation.ts';
import { planAndApply, stepTerraform, terraformInit } from './terraform-steps.ts';

/** Input of start and stop. */
export interface PowerRequest {
  deploymentDir: string;
  provider?: ProviderModule;
  /** Wait this long for another operation's lock (default: fail at once with exit 3). */
  lockTimeoutMs?: number;
}

/** Outcome for the summary and --json. */
export interface PowerResult {
  deploymentId: string;
  status: string;
  database: 'stopped' | 'started' | 'untouched';
}

type Ready = 'database_ready' | 'infrastructure_ready';

/** The status to return to on start: recorded by stop (stop_failed keeps the first attempt's value). */
function readyBefore(ctx: OperationContext): Ready {
  if (ctx.from === 'database_ready' || ctx.from === 'infrastructure_ready') return ctx.from;
  return ctx.dep.state.poweredOffFrom ?? 'infrastructure_ready';
}

/** Lets the provider finish a power change terraform alone cannot make (libvirt: stopping domains). */
async function providerPower(ctx: OperationContext, running: boolean): Promise<void> {
  const hook = ctx.dep.provider.setPower;
  if (hook) await hook(await targetContext(ctx.dep, await readSecrets(ctx.dep)), running);
}

/** The part of the operation request start and stop share. */
function operationBase(req: PowerRequest, io: IoHost) {
  return {
    dir: req.deploymentDir,
    io,
    ...(req.provider ? { provider: req.provider } : {}),
    ...(req.lockTimeoutMs ? { lockTimeoutMs: req.lockTimeoutMs } : {}),
  };
}

/** Stops the database (if it was installed) and powers every node off. */
export async function stop(req: PowerRequest, io: IoHost): Promise<PowerResult> {
  const op = operationBase(req, io);
  return runOperation({ ...op, op: 'stop', steps: 4 }, async (ctx) => {
    const from = readyBefore(ctx);
    await ctx.save({ poweredOffFrom: from });
    const withDb = from === 'database_ready';
    if (withDb) await ctx.steps.run('ansible-playbook stop.yml (database)', (u) => playbook(ctx, 'stop', u));
    else ctx.steps.setTotal(3);
    const t = await stepTerraform(ctx);
    await terraformInit(ctx, t);
    await writeRunning(ctx.dep, false);
    await planAndApply(ctx, t);
    await providerPower(ctx, false);
    return {
      result: {
        deploymentId: ctx.dep.state.deploymentId,
        status: 'stopped',
        database: withDb ? 'stopped' : 'untouched',
      },
      status: 'stopped',
      change: { nodes: ctx.dep.state.nodes.map((n) => ({ ...n, state: 'stopped' })) },
    };
  });
}

/** Powers every node on and, if the cluster was database_ready before stop, starts the database. */
export async function start(req: PowerRequest, io: IoHost): Promise<PowerResult> {
  const op = operationBase(req, io);
  return runOperation({ ...op, op: 'start', steps: 6 }, async (ctx) => {
    const back = readyBefore(ctx);
    const withDb = back === 'database_ready';
    if (!withDb) ctx.steps.setTotal(4);
    const t = await stepTerraform(ctx);
    await terraformInit(ctx, t);
    await writeRunning(ctx.dep, true);
    await planAndApply(ctx, t);
    await providerPower(ctx, true);
    await t.step('record nodes, write inventory and ssh_config', () => recordNodes(ctx, t.tf, 'running'));
    if (withDb) {
      await ctx.steps.run('wait for SSH on all nodes', (u) => waitForNodes(ctx, u));
      await ctx.steps.run('ansible-playbook start.yml (database)', (u) => playbook(ctx, 'start', u));
    }
    return {
      result: {
        deploymentId: ctx.dep.state.deploymentId,
        status: back,
        database: withDb ? 'started' : 'untouched',
      },
      status: back,
      change: { poweredOffFrom: undefined },
    };
  });
}

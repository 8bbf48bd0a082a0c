// `exasol destroy`: terraform destroy, then ask the target itself what is left; keeps directory and logs.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { KNOWN_HOSTS_FILE } from '../ansible/inventory.ts';
import { ExasolError } from '../errors.ts';
import type { IoHost } from '../io/io-host.ts';
import type { LeftoverReport, ProviderModule } from '../providers/types.ts';
import { pathExists } from '../util/path-exists.ts';
import {
  type Deployment,
  isTerraformInitialised,
  readSecrets,
  targetContext,
  writeRunning,
} from './deployment.ts';
import { runOperation } from './operation.ts';
import { adoptOrphans, stepTerraform, terraformInit } from './terraform-steps.ts';

/** Input of the destroy action (confirmation is the command's job). */
export interface DestroyRequest {
  deploymentDir: string;
  provider?: ProviderModule;
  /** Wait this long for another operation's lock (default: fail at once with exit 3). */
  lockTimeoutMs?: number;
}

/** What destroy did and how it verified it. */
export interface DestroyResult {
  deploymentId: string;
  status: 'destroyed';
  verification: LeftoverReport;
}

/** Destroys the deployment's resources; leftovers on the target make it `destroy_failed`. */
export async function destroy(req: DestroyRequest, io: IoHost): Promise<DestroyResult> {
  return runOperation(
    {
      dir: req.deploymentDir,
      op: 'destroy',
      io,
      steps: 3,
      ...(req.provider ? { provider: req.provider } : {}),
      ...(req.lockTimeoutMs ? { lockTimeoutMs: req.lockTimeoutMs } : {}),
    },
    async (ctx) => {
      const initialised = await isTerraformInitialised(ctx.dep);
      if (!initialised && (await neverDeployed(ctx.dep, ctx.from))) {
        // Nothing was ever created: terraform (which would need its providers, perhaps from the
        // network) has nothing to destroy. The target is still asked below.
        await ctx.steps.run('terraform (skipped: never deployed, no terraform state)', async () => {});
        await ctx.steps.run('terraform destroy (skipped: nothing was created)', async () => {});
      } else {
        const t = await stepTerraform(ctx);
        if (initialised) await ctx.steps.run('terraform init (already done)', async () => {});
        else await terraformInit(ctx, t);
        // A killed run or a lost state: the target's own instances of the deployment go into state first.
        await adoptOrphans(ctx, t);
        const keep = ctx.dep.provider.keepOnDestroy ?? [];
        if (keep.length) {
          const inState = await t.tf.stateList();
          const shared = inState.filter((a) => keep.some((k) => a === k || a.startsWith(`${k}[`)));
          if (shared.length) {
            io.log('info', `keeping shared resources for later deployments: ${shared.join(', ')}`);
            await t.tf.stateRm(shared);
          }
        }
        await t
          .step('terraform destroy', () => t.tf.destroy())
          .catch(async (err: unknown) => {
            // Whatever terraform managed before failing, say where to look for what is left.
            const hook = ctx.dep.provider.findLeftovers;
            const report = hook
              ? await hook(await targetContext(ctx.dep, await readSecrets(ctx.dep))).catch(() => null)
              : null;
            if (report && !report.checked)
              io.log('warn', `what may be left can be listed with: ${report.method}`);
            else if (report?.leftovers.length)
              io.log('warn', `still on the target (${report.method}): ${report.leftovers.join(', ')}`);
            throw err;
          });
      }
      const verification = await ctx.steps.run('verify against the target', async () => {
        const hook = ctx.dep.provider.findLeftovers;
        if (!hook)
          return { checked: false, method: `${ctx.dep.provider.id} has no leftover check`, leftovers: [] };
        return hook(await targetContext(ctx.dep, await readSecrets(ctx.dep)));
      });
      if (verification.leftovers.length > 0) {
        throw new ExasolError(
          'E_LEFTOVERS',
          `terraform destroy finished but the target still has ${verification.leftovers.length} resource(s) of ${ctx.dep.state.deploymentId}: ${verification.leftovers.join(', ')}`,
          { hint: `checked with ${verification.method}; run exasol destroy again or remove them by hand` },
        );
      }
      if (!verification.checked)
        io.log('warn', `not verified against the target; check with: ${verification.method}`);
      for (const f of [
        ctx.dep.paths.inventory,
        ctx.dep.paths.sshConfig,
        ctx.dep.paths.ansibleCfg,
        join(ctx.dep.dir, KNOWN_HOSTS_FILE),
      ])
        await rm(f, { force: true });
      await writeRunning(ctx.dep, true);
      return {
        result: { deploymentId: ctx.dep.state.deploymentId, status: 'destroyed' as const, verification },
        status: 'destroyed',
        change: { nodes: [], poweredOffFrom: undefined },
      };
    },
  );
}

/** True when the deployment was only initialised: status `initialized`, local state, no state file. */
async function neverDeployed(dep: Deployment, from: string): Promise<boolean> {
  if (from !== 'initialized' || (dep.state.backend && dep.state.backend.kind !== 'local')) return false;
  return !(await pathExists(join(dep.dir, 'terraform.tfstate')));
}

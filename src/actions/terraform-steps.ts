// Terraform steps shared by deploy, start and stop: init, plan + apply of a saved 0600 plan, power.
import { chmod, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { FILES } from '../deployment/layout.ts';
import { ExasolError } from '../errors.ts';
import type { Terraform } from '../tools/terraform.ts';
import { cliVersion } from '../util/package-root.ts';
import { readSecrets, readTfvars, targetContext, terraformFor } from './deployment.ts';
import type { OperationContext } from './operation.ts';
import { terraformDetail } from './steps.ts';

/** Name of the saved plan inside the deployment directory (0600, deleted after use). */
export const PLAN_FILE = FILES.plan;

/** A terraform whose output lines feed the detail of whichever step is running. */
export interface StepTerraform {
  tf: Terraform;
  /** Runs a step whose progress detail follows terraform's output. */
  step<T>(label: string, fn: () => Promise<T>): Promise<T>;
}

/** Builds the deployment's terraform wired to the operation's log, signals and progress. */
export async function stepTerraform(ctx: OperationContext): Promise<StepTerraform> {
  let detail: (d: string) => void = () => {};
  const tf = terraformFor(
    ctx.dep,
    await readSecrets(ctx.dep),
    {
      logFile: ctx.logFile,
      interrupt: ctx.interrupt,
      retryDelayMs: Number(ctx.dep.env.EXASOL_RETRY_DELAY_MS ?? 5000),
      ...(ctx.lockTimeoutMs ? { lockTimeoutMs: ctx.lockTimeoutMs } : {}),
      onLine: (l) => {
        const d = terraformDetail(l);
        if (d) detail(d);
      },
    },
    (m) => ctx.io.log('warn', m),
  );
  return {
    tf,
    step: (label, fn) =>
      ctx.steps.run(label, (u) => {
        detail = u;
        return fn();
      }),
  };
}

/** `terraform init`, with -upgrade when another CLI version ran the last init. */
export async function terraformInit(ctx: OperationContext, t: StepTerraform): Promise<void> {
  const last = ctx.dep.state.terraformInitCliVersion;
  await t.step('terraform init', () =>
    t.tf.init(last !== undefined && last !== cliVersion()).catch(async (err: unknown) => {
      throw (await registryUnreachable(ctx, err)) ?? err;
    }),
  );
  await ctx.save({ terraformInitCliVersion: cliVersion() });
}

/** Saves a plan to a 0600 file, runs `inspect` on it (apply, or show), always deletes it. */
export async function withPlan<T>(
  ctx: OperationContext,
  t: StepTerraform,
  mode: 'normal' | 'refresh-only',
  inspect: (planFile: string, text: string) => Promise<T>,
): Promise<T> {
  const planFile = join(ctx.dep.dir, PLAN_FILE);
  try {
    const text = await t.step('terraform plan', async () => {
      const out = await t.tf.plan(planFile, mode);
      await chmod(planFile, 0o600);
      return out;
    });
    return await inspect(planFile, text);
  } finally {
    await rm(planFile, { force: true });
  }
}

/** plan + apply. */
export async function planAndApply(ctx: OperationContext, t: StepTerraform): Promise<void> {
  await withPlan(ctx, t, 'normal', (file) => t.step('terraform apply', () => t.tf.applyPlan(file)));
}

/** Imports the target's resources of this deployment that terraform's state lacks (left by a killed
 * run or a lost state), so plan converges on them instead of creating twins or leaving orphans. Those
 * of a type terraform cannot import hold no data and are removed from the target instead. */
export async function adoptOrphans(ctx: OperationContext, t: StepTerraform): Promise<string[]> {
  const hook = ctx.dep.provider.adoptable;
  if (!hook) return [];
  const target = await targetContext(ctx.dep, await readSecrets(ctx.dep));
  const found = await hook(target);
  if (found.length === 0) return [];
  const inState = new Set(await t.tf.stateList());
  const missing = found.filter((r) => !inState.has(r.address));
  if (missing.length === 0) return [];
  const discard = missing.filter((r) => r.importable === false);
  if (discard.length && ctx.dep.provider.discardOrphans) {
    ctx.io.log(
      'warn',
      `not in terraform's state and of a type terraform cannot import (it holds no data): removing ${discard.map((r) => r.id).join(', ')}; terraform creates ${discard.length === 1 ? 'it' : 'them'} again`,
    );
    await ctx.dep.provider.discardOrphans(target, discard);
  }
  for (const r of missing.filter((x) => x.importable !== false)) {
    ctx.io.log(
      'warn',
      `${r.id} exists on the target but not in terraform's state; importing it as ${r.address}`,
    );
    await t.tf.importResource(r.address, r.id);
  }
  return missing.map((r) => r.id);
}

/**
 * terraform could not download its providers from the registry: one line saying what is needed, a
 * fix (a filesystem mirror through TF_CLI_CONFIG_FILE, docs/offline.md), and for the libvirt test
 * driver that it only checks inputs and cannot run VMs anyway. Null for any other failure.
 */
async function registryUnreachable(ctx: OperationContext, err: unknown): Promise<ExasolError | null> {
  const text = err instanceof Error ? err.message : String(err);
  const host = text.match(/(registry\.terraform\.io|registry\.opentofu\.org)/)?.[1];
  if (
    !host ||
    !/could not connect|Failed to query available provider packages|no such host|i\/o timeout/i.test(text)
  )
    return null;
  const tfvars = await readTfvars(ctx.dep).catch(() => ({}) as Record<string, unknown>);
  const testDriver = typeof tfvars.libvirt_uri === 'string' && tfvars.libvirt_uri.startsWith('test:');
  return new ExasolError(
    'E_PROVIDER_DOWNLOAD',
    `terraform init cannot download the ${ctx.dep.provider.id} Terraform provider: ${host} is not reachable from here` +
      (testDriver
        ? "; note that libvirt's test driver (test:///default) only checks inputs and cannot run VMs"
        : ''),
    {
      cause: err,
      hint: 'allow access to the registry, or use a filesystem mirror of the provider: export TF_CLI_CONFIG_FILE=FILE (see docs/offline.md), check it with exasol init, then run exasol deploy again',
    },
  );
}

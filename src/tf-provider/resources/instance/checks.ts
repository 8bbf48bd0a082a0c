// Plan-time checks of ganeti_instance against the cluster: enabled disk templates, networks, OS, and the
// placement of each planned create (a dry-run create through RAPI, which also applies the instance policy
// and the user's write permission). The total of all creates is the exasol pre-flight's job: one
// resource's plan cannot see its siblings.
import { GanetiJobError, type RapiClient, waitForJob } from '../../../ganeti/index.ts';
import { containsUnknown, type ObjectValue } from '../../codec.ts';
import { type Diagnostic, errorDiag } from '../../diagnostics.ts';
import { ganetiDiag } from '../../ganeti-errors.ts';
import { createBody, items, s } from './model.ts';
import type { Ctx } from './ops.ts';

interface Facts {
  templates: string[];
  networks: string[];
  oses: string[];
}

// Clients whose provider block set dry_run_creates = false: placement is then left to apply.
const noDryRun = new WeakSet<RapiClient>();

/** Turns the plan-time dry-run create off for a client (provider setting dry_run_creates = false). */
export function skipDryRun(client: RapiClient): void {
  noDryRun.add(client);
}

// One lookup per provider process and client: a plan of many instances asks the cluster once.
const facts = new WeakMap<RapiClient, Promise<Facts>>();

function factsOf(client: RapiClient): Promise<Facts> {
  let f = facts.get(client);
  if (!f) {
    f = Promise.all([client.info(), client.networks(), client.osList()]).then(([info, nets, oses]) => ({
      templates: info.enabled_disk_templates,
      networks: nets.map((n) => n.name),
      oses: oses.map((o) => o.name),
    }));
    f.catch(() => facts.delete(client));
    facts.set(client, f);
  }
  return f;
}

function factDiags(f: Facts, planned: ObjectValue, prior: ObjectValue | null): Diagnostic[] {
  const diags: Diagnostic[] = [];
  const template = s(planned.disk_template);
  if (prior === null && template && !f.templates.includes(template)) {
    diags.push(
      errorDiag(
        'Disk template not enabled',
        `disk_template "${template}" is not enabled on the cluster (enabled: ${f.templates.join(', ')}).`,
        ['disk_template'],
      ),
    );
  }
  const os = s(planned.os_type);
  if (prior === null && os && !f.oses.includes(os)) {
    diags.push(
      errorDiag('Unknown OS', `Ganeti has no OS "${os}" (installed: ${f.oses.join(', ') || 'none'}).`, [
        'os_type',
      ]),
    );
  }
  const priorNics = prior ? items(prior.nics) : [];
  items(planned.nics).forEach((nic, i) => {
    const net = s(nic.network);
    if (!net || net === s(priorNics[i]?.network) || f.networks.includes(net)) return;
    diags.push(
      errorDiag(
        'Unknown network',
        `Ganeti has no network named "${net}" (networks: ${f.networks.join(', ') || 'none'}).`,
        ['nics', i, 'network'],
      ),
    );
  });
  return diags;
}

/** Dry-run create: Ganeti's own verdict on placement, policy and permissions, without creating anything. */
async function dryRun(ctx: Ctx, planned: ObjectValue, config: ObjectValue): Promise<Diagnostic[]> {
  const body = createBody(planned);
  const name = body.instance_name;
  // Values known only after apply (another resource's outputs) cannot be dry-run yet; an existing name
  // may be this resource's own predecessor being replaced, which only apply can tell apart from a clash.
  if (containsUnknown(config)) return [];
  if (await ctx.client.instance(name)) return [];
  try {
    await waitForJob(ctx.client, await ctx.client.createInstance(body, { dryRun: true }), {
      signal: ctx.stop,
    });
    return [];
  } catch (err) {
    if (err instanceof GanetiJobError && err.errorCode === 'insufficient_resources') {
      const on = (config.memory ?? null) !== null ? ['memory'] : undefined;
      return [ganetiDiag(`Instance ${name} does not fit on the Ganeti cluster`, err, on)];
    }
    return [ganetiDiag(`Ganeti would refuse to create instance ${name}`, err)];
  }
}

/** Cluster checks of a plan; creates are also dry-run. Errors reading the cluster become one diagnostic. */
export async function clusterChecks(
  ctx: Ctx,
  planned: ObjectValue,
  config: ObjectValue,
  prior: ObjectValue | null,
): Promise<Diagnostic[]> {
  try {
    const diags = factDiags(await factsOf(ctx.client), planned, prior);
    if (diags.length || prior !== null || noDryRun.has(ctx.client)) return diags;
    return await dryRun(ctx, planned, config);
  } catch (err) {
    return [ganetiDiag('Cannot check the plan against the Ganeti cluster', err)];
  }
}

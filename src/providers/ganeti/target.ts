// Ganeti target hooks: destroy verification and status --refresh ask RAPI itself for the instances
// tagged `exasol-deployment:<id>` (the tag templates/ganeti/main.tf.hbs puts on every instance).
import { setTimeout as sleep } from 'node:timers/promises';
import { ExasolError } from '../../errors.ts';
import { RapiClient } from '../../ganeti/client.ts';
import type { RapiConnection } from '../../ganeti/types.ts';
import type { AdoptableResource, LeftoverReport, TargetContext } from '../types.ts';
import { connectionFromTfvars } from './connection.ts';

/** The tag every instance of a deployment carries. */
export function deploymentTag(deploymentId: string): string {
  return `exasol-deployment:${deploymentId}`;
}

/** RAPI connection from the deployment's tfvars and secrets (GANETI_PASSWORD env as a fallback). */
export function connectionFrom(ctx: TargetContext): RapiConnection {
  const secrets = { ...ctx.secrets };
  if (!secrets.GANETI_PASSWORD && ctx.env.GANETI_PASSWORD) secrets.GANETI_PASSWORD = ctx.env.GANETI_PASSWORD;
  return connectionFromTfvars(ctx.tfvars, secrets);
}

/** Instances still tagged with the deployment id, by name. */
export async function ganetiFindLeftovers(ctx: TargetContext): Promise<LeftoverReport> {
  const client = new RapiClient(connectionFrom(ctx));
  const tag = deploymentTag(ctx.deploymentId);
  const left = await client.instancesByTag(tag);
  return {
    checked: true,
    method: `RAPI ${client.endpoint}: instances tagged ${tag}`,
    leftovers: left.map((i) => i.name).sort(),
  };
}

/** Node state from Ganeti's instance status: running, stopped, or error (with Ganeti's own word). */
export function nodeStateOf(status: string): string {
  if (status === 'running') return 'running';
  if (status === 'ADMIN_down' || status === 'USER_down' || status === 'ADMIN_offline') return 'stopped';
  return `error (${status})`;
}

/** State of each tagged instance, by name. */
export async function ganetiNodeStates(ctx: TargetContext): Promise<Record<string, string>> {
  const client = new RapiClient(connectionFrom(ctx));
  const list = await client.instancesByTag(deploymentTag(ctx.deploymentId));
  return Object.fromEntries(list.map((i) => [i.name, nodeStateOf(i.status)]));
}

/** Instances of the deployment (the node names templates/ganeti/main.tf.hbs gives) within
 * node_count, as `ganeti_instance.node[i]` and the instance name terraform imports them by. */
export async function ganetiAdoptable(ctx: TargetContext): Promise<AdoptableResource[]> {
  const client = new RapiClient(connectionFrom(ctx));
  await settledJobs(client, `(${ctx.deploymentId}-n`);
  const count = typeof ctx.tfvars.node_count === 'number' ? ctx.tfvars.node_count : 0;
  const domain =
    typeof ctx.tfvars.ganeti_domain === 'string' && ctx.tfvars.ganeti_domain
      ? `.${ctx.tfvars.ganeti_domain}`
      : '';
  const out: AdoptableResource[] = [];
  for (const inst of await client.instances()) {
    const m = /^(.*)-n(\d+)$/.exec(
      domain && inst.name.endsWith(domain) ? inst.name.slice(0, -domain.length) : inst.name,
    );
    const index = m ? Number(m[2]) - 11 : -1;
    const named = m?.[1] === ctx.deploymentId;
    // Named like the deployment's nodes (its random id is in the name); tagged-only strays are what
    // destroy's leftover check reports.
    if (!named || index < 0 || index >= count) continue;
    out.push({ address: `ganeti_instance.node[${index}]`, id: inst.name });
  }
  return out;
}

const UNFINISHED = new Set(['queued', 'waiting', 'running', 'canceling']);

/** Waits until no job about `marker` (e.g. a create of one of our instances left by a killed run) is
 * still unfinished, so adoption sees the instance the job makes. Bounded: the job queue says why. */
async function settledJobs(client: RapiClient, marker: string, timeoutMs = 600_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const open = (await client.jobs()).filter(
      (j) => UNFINISHED.has(j.status) && j.summary.some((x) => x.includes(marker)),
    );
    if (open.length === 0) return;
    if (Date.now() > end)
      throw new ExasolError(
        'E_GANETI_JOBS_PENDING',
        `Ganeti jobs ${open.map((j) => j.id).join(', ')} on this deployment's instances are still ${open[0]?.status}`,
        { hint: 'wait for them (gnt-job list), then run the command again' },
      );
    await sleep(2000);
  }
}

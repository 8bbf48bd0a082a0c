// Ganeti target hooks: destroy verification and status --refresh ask RAPI itself for the instances
// tagged `exasol-deployment:<id>` (the tag templates/ganeti/main.tf.hbs puts on every instance).
import { RapiClient } from '../../ganeti/client.ts';
import type { RapiConnection, RapiTls } from '../../ganeti/types.ts';
import type { LeftoverReport, TargetContext } from '../types.ts';

/** The tag every instance of a deployment carries. */
export function deploymentTag(deploymentId: string): string {
  return `exasol-deployment:${deploymentId}`;
}

/** RAPI connection from the deployment's tfvars (endpoint, user, TLS) and secrets (password). */
export function connectionFrom(ctx: TargetContext): RapiConnection {
  const v = ctx.tfvars;
  const tls: RapiTls = v.ganeti_insecure
    ? { mode: 'insecure' }
    : v.ganeti_ca_fingerprint
      ? { mode: 'fingerprint', sha256: String(v.ganeti_ca_fingerprint) }
      : v.ganeti_ca_cert
        ? { mode: 'ca', caPem: String(v.ganeti_ca_cert) }
        : { mode: 'system' };
  return {
    endpoint: String(v.ganeti_endpoint ?? ''),
    username: String(v.ganeti_username ?? ''),
    password: ctx.secrets.GANETI_PASSWORD ?? ctx.env.GANETI_PASSWORD ?? '',
    tls,
    timeoutMs: 30_000,
  };
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

/** Ganeti status (`running`, `ADMIN_down`, `ERROR_down`, …) of each tagged instance, by name. */
export async function ganetiNodeStates(ctx: TargetContext): Promise<Record<string, string>> {
  const client = new RapiClient(connectionFrom(ctx));
  const list = await client.instancesByTag(deploymentTag(ctx.deploymentId));
  return Object.fromEntries(list.map((i) => [i.name, i.status]));
}

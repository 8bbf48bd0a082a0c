// Asks libvirt itself about a deployment after init: leftover domains/volumes and node power states.
import { findVirsh, parseTable, virshSections } from '../../tools/virsh.ts';
import type { LeftoverReport, TargetContext } from '../types.ts';

function uriOf(ctx: TargetContext): string {
  return String(ctx.tfvars.libvirt_uri);
}

/** Domain name → state for the domains whose names start with the deployment id. */
async function domainsOf(ctx: TargetContext): Promise<{ domains: Map<string, string>; volumes: string[] }> {
  const pool = String(ctx.tfvars.libvirt_pool);
  const { connected, sections, result } = await virshSections(
    uriOf(ctx),
    [
      ['domains', ['list', '--all']],
      ['volumes', ['vol-list', pool]],
    ],
    { env: ctx.env },
  );
  if (!connected) throw new Error(`virsh -c ${uriOf(ctx)} failed: ${result.stderr.trim()}`);
  const mine = (name: string) => name.startsWith(`${ctx.deploymentId}-`);
  const domains = new Map<string, string>();
  for (const [, name, state] of parseTable(sections.domains ?? ''))
    if (name && mine(name)) domains.set(name, state ?? 'unknown');
  const volumes = parseTable(sections.volumes ?? '')
    .map((r) => r[0] ?? '')
    .filter(mine);
  return { domains, volumes };
}

/** Domains and volumes of the deployment still present (the shared base volume is never counted). */
export async function findLibvirtLeftovers(ctx: TargetContext): Promise<LeftoverReport> {
  const method = `virsh -c ${uriOf(ctx)} list --all; vol-list ${String(ctx.tfvars.libvirt_pool)} (names starting with ${ctx.deploymentId}-)`;
  if (!(await findVirsh(ctx.env))) return { checked: false, method, leftovers: [] };
  const { domains, volumes } = await domainsOf(ctx);
  return {
    checked: true,
    method,
    leftovers: [...[...domains.keys()].map((d) => `domain ${d}`), ...volumes.map((v) => `volume ${v}`)],
  };
}

/** Node name (n11, …) → libvirt state (running, shut off, paused, …). */
export async function libvirtNodeStates(ctx: TargetContext): Promise<Record<string, string>> {
  const { domains } = await domainsOf(ctx);
  const out: Record<string, string> = {};
  for (const [name, state] of domains) out[name.slice(ctx.deploymentId.length + 1)] = state;
  return out;
}

// Asks libvirt itself about a deployment after init: leftover domains/volumes and node power states.
import { setTimeout as sleep } from 'node:timers/promises';
import { ExasolError } from '../../errors.ts';
import { findVirsh, parseTable, virsh, virshSections } from '../../tools/virsh.ts';
import type { LeftoverReport, TargetContext } from '../types.ts';

function uriOf(ctx: TargetContext): string {
  return String(ctx.tfvars.libvirt_uri);
}

/** One line for a virsh run that could not reach the URI (its last stderr line), with the fix. */
export function virshFailed(uri: string, what: string, stderr: string): ExasolError {
  const last = stderr.trim().split('\n').pop() ?? '';
  return new ExasolError('E_TOOL_FAILED', `virsh -c ${uri} ${what} failed${last ? `: ${last}` : ''}`, {
    hint: `check that virsh -c ${uri} list --all works from here, then run the command again`,
  });
}

/** Domain name → state for the domains whose names start with the deployment id, and the volumes in
 * its pool whose names do. */
export async function domainsOf(
  ctx: TargetContext,
): Promise<{ domains: Map<string, string>; volumes: string[] }> {
  const pool = String(ctx.tfvars.libvirt_pool);
  const { connected, sections, result } = await virshSections(
    uriOf(ctx),
    [
      ['domains', ['list', '--all']],
      ['volumes', ['vol-list', pool]],
    ],
    { env: ctx.env },
  );
  if (!connected) throw virshFailed(uriOf(ctx), 'list', result.stderr);
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

/**
 * Starts or stops the deployment's domains with virsh and returns node → state. Needed for stop:
 * terraform-provider-libvirt 0.8.3 starts a stopped domain when `running` is true but never stops a
 * running one when it turns false. Stop is an ACPI shutdown, then a forced power-off after `graceMs`.
 */
export async function setLibvirtPower(
  ctx: TargetContext,
  running: boolean,
  graceMs = 120_000,
  pollMs = 2_000,
): Promise<Record<string, string>> {
  const isUp = (s: string) => s === 'running' || s === 'paused';
  const { domains } = await domainsOf(ctx);
  const todo = [...domains].filter(([, s]) => isUp(s) !== running).map(([d]) => d);
  if (todo.length)
    await virsh(
      uriOf(ctx),
      todo.map((d) => [running ? 'start' : 'shutdown', d]),
      { env: ctx.env },
    );
  if (!running && todo.length) {
    const deadline = Date.now() + graceMs;
    let up = todo;
    while (up.length && Date.now() < deadline) {
      await sleep(pollMs);
      const now = (await domainsOf(ctx)).domains;
      up = up.filter((d) => isUp(now.get(d) ?? ''));
    }
    if (up.length)
      await virsh(
        uriOf(ctx),
        up.map((d) => ['destroy', d]),
        { env: ctx.env },
      );
  }
  return libvirtNodeStates(ctx);
}

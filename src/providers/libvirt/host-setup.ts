// Creating or starting a missing pool/network: the exact virsh commands for fix texts, and running them
// for --libvirt-create-missing (init's set-up step before the pre-flight). Terraform never creates
// either; destroy never removes them.
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckResult } from '../../preflight/types.ts';
import { findVirsh, type VirshCommand, virshCommandLine, virshSections } from '../../tools/virsh.ts';
import type { PreflightContext, ResolvedProvider } from '../types.ts';
import { type LibvirtProbe, parseNetwork, parsePool, probeLibvirt } from './probe.ts';

/** Directory a created dir pool uses. */
export function poolPath(pool: string): string {
  return pool === 'default' ? '/var/lib/libvirt/images' : `/var/lib/libvirt/pools/${pool}`;
}

/** NAT network XML with DHCP; `default` keeps libvirt's usual 192.168.122.0/24, others get 192.168.100-199. */
export function networkXml(network: string): string {
  const octet =
    network === 'default' ? 122 : 100 + (createHash('sha256').update(network).digest().readUInt16BE(0) % 100);
  const net = `192.168.${octet}`;
  return [
    `<network>`,
    `  <name>${network}</name>`,
    `  <forward mode='nat'/>`,
    `  <ip address='${net}.1' netmask='255.255.255.0'>`,
    `    <dhcp><range start='${net}.10' end='${net}.254'/></dhcp>`,
    `  </ip>`,
    `</network>`,
  ].join('\n');
}

/** virsh commands that make the pool exist and run (none when it already does). */
export function poolCommands(pool: string, state: LibvirtProbe['pool']): VirshCommand[] {
  if (state?.active) return [];
  const define: VirshCommand[] = state
    ? []
    : [
        ['pool-define-as', pool, 'dir', '--target', poolPath(pool)],
        ['pool-build', pool],
      ];
  return [...define, ['pool-start', pool], ['pool-autostart', pool]];
}

/** virsh commands that make the network exist and run; `xmlFile` holds networkXml(). */
export function networkCommands(
  network: string,
  state: LibvirtProbe['network'],
  xmlFile: string,
): VirshCommand[] {
  if (state?.active) return [];
  const define: VirshCommand[] = state ? [] : [['net-define', xmlFile]];
  return [...define, ['net-start', network], ['net-autostart', network]];
}

/** The fix text for a missing/inactive pool: shell lines to copy. */
export function poolFix(uri: string, pool: string, state: LibvirtProbe['pool']): string {
  const lines = poolCommands(pool, state).map((c) => virshCommandLine(uri, c));
  return `${lines.join('\n    ')}\n    (or re-run init with --libvirt-create-missing)`;
}

/** The fix text for a missing/inactive network: shell lines to copy (with the XML as a here-document). */
export function networkFix(uri: string, network: string, state: LibvirtProbe['network']): string {
  const file = `/tmp/${network}-network.xml`;
  const lines = networkCommands(network, state, file).map((c) => virshCommandLine(uri, c));
  const xml = state ? [] : [`cat > ${file} <<'EOF'`, networkXml(network), 'EOF'];
  return `${[...xml, ...lines].join('\n    ')}\n    (or re-run init with --libvirt-create-missing)`;
}

/** Result of creating what was missing. */
export interface HostChanges {
  /** Human lines of what changed on the host. */
  changes: string[];
  pool: LibvirtProbe['pool'];
  network: LibvirtProbe['network'];
  error: string;
}

/** Creates/starts the pool and network in one connection and reads their state back in it. */
export async function createMissing(
  target: { uri: string; pool: string; network: string },
  probe: LibvirtProbe,
  env: NodeJS.ProcessEnv,
): Promise<HostChanges> {
  const dir = await mkdtemp(join(tmpdir(), 'exasol-net-'));
  try {
    const xmlFile = join(dir, 'network.xml');
    await writeFile(xmlFile, networkXml(target.network), { mode: 0o600 });
    const cmds = [
      ...poolCommands(target.pool, probe.pool),
      ...networkCommands(target.network, probe.network, xmlFile),
    ];
    const named = cmds.map((c, i) => [`step${i}`, c] as const);
    const { sections, result } = await virshSections(
      target.uri,
      [...named, ['pool', ['pool-info', target.pool, '--bytes']], ['network', ['net-info', target.network]]],
      { env },
    );
    const changes = cmds
      .filter((_, i) => (sections[`step${i}`] ?? '') !== '')
      .map((c) => `virsh ${c.join(' ')}`.replace(xmlFile, '<network xml>'));
    return {
      changes,
      pool: parsePool(sections.pool ?? ''),
      network: parseNetwork(sections.network ?? ''),
      error: result.stderr.trim(),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The set-up step init runs before the pre-flight when --libvirt-create-missing was given: creates or
 * starts the storage pool and network that are missing and reports what changed as one check line.
 * Nothing when the flag is absent, virsh is missing, the URI does not answer (the pre-flight reports
 * those) or both already run.
 */
export async function setUpLibvirtTarget(
  resolved: Readonly<ResolvedProvider>,
  ctx: PreflightContext,
): Promise<CheckResult[]> {
  if (resolved.summary.createMissing !== 'true' || !(await findVirsh(ctx.env))) return [];
  const t = resolved.tfvars;
  const target = {
    uri: String(t.libvirt_uri),
    pool: String(t.libvirt_pool),
    network: String(t.libvirt_network),
  };
  const probe = await probeLibvirt({ ...target, domainType: String(t.libvirt_domain_type) }, ctx.env);
  if (!probe.connected || (probe.pool?.active && probe.network?.active)) return [];
  ctx.progress?.(`creating the missing libvirt pool/network on ${target.uri}`);
  const made = await createMissing(target, probe, ctx.env);
  return [
    {
      id: 'libvirt.host-changes',
      title: 'created missing libvirt objects (host change; exasol destroy does not undo it)',
      status: made.changes.length ? 'warn' : 'fail',
      detail: made.changes.join('; ') || made.error,
    },
  ];
}

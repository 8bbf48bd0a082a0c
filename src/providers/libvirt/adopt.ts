// Adoption on libvirt: the deployment's domains and volumes, found by the names templates/libvirt/
// main.tf gives them, as terraform addresses and the import ids dmacvicar/libvirt 0.8.3 accepts
// (libvirt_domain: UUID; libvirt_volume: volume key). libvirt_cloudinit_disk has no importer in 0.8.3:
// an orphaned cloud-init ISO holds nothing but what terraform renders again, so it is deleted and
// re-created; its domain then gets the new ISO by an in-place update (`cloudinit` is not ForceNew).
// The shared base image volume is not named after the deployment and is never adopted.
import { virsh, virshSections } from '../../tools/virsh.ts';
import type { AdoptableResource, TargetContext } from '../types.ts';
import { domainsOf, virshFailed } from './target.ts';

/** What a name of the deployment stands for in terraform. */
export interface NamedResource {
  address: string;
  kind: 'domain' | 'volume';
  importable: boolean;
}

/** Name → terraform address of everything the libvirt templates create for a deployment. */
export function libvirtResourceNames(
  deploymentId: string,
  nodeCount: number,
  dataVolumesPerNode: number,
): Map<string, NamedResource> {
  const out = new Map<string, NamedResource>();
  for (let i = 0; i < nodeCount; i++) {
    const node = `${deploymentId}-n${11 + i}`;
    out.set(node, { address: `libvirt_domain.node[${i}]`, kind: 'domain', importable: true });
    out.set(`${node}-root.qcow2`, { address: `libvirt_volume.root[${i}]`, kind: 'volume', importable: true });
    out.set(`${node}-cloudinit.iso`, {
      address: `libvirt_cloudinit_disk.init[${i}]`,
      kind: 'volume',
      importable: false,
    });
    for (let s = 0; s < dataVolumesPerNode; s++)
      out.set(`${node}-data-${s + 1}.qcow2`, {
        address: `libvirt_volume.data[${i * dataVolumesPerNode + s}]`,
        kind: 'volume',
        importable: true,
      });
  }
  return out;
}

function count(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : fallback;
}

/** The deployment's domains and volumes on the libvirt URI, with their import ids. */
export async function libvirtAdoptable(ctx: TargetContext): Promise<AdoptableResource[]> {
  const uri = String(ctx.tfvars.libvirt_uri);
  const pool = String(ctx.tfvars.libvirt_pool);
  const names = libvirtResourceNames(
    ctx.deploymentId,
    count(ctx.tfvars.node_count, 0),
    count(ctx.tfvars.data_volumes_per_node, 1),
  );
  // The same listing destroy's verification reads (names starting with the deployment id).
  const { domains, volumes } = await domainsOf(ctx);
  const present = [...domains.keys(), ...volumes].filter((n) => names.has(n));
  if (present.length === 0) return [];
  // One more connection for the ids: a section per object, in the order asked.
  const ids = await virshSections(
    uri,
    present.map((n, i) => {
      const r = names.get(n);
      return [String(i), r?.kind === 'domain' ? ['domuuid', n] : ['vol-key', n, '--pool', pool]] as const;
    }),
    { env: ctx.env },
  );
  if (!ids.connected) throw virshFailed(uri, 'domuuid/vol-key', ids.result.stderr);
  const out: AdoptableResource[] = [];
  present.forEach((n, i) => {
    const r = names.get(n);
    const id = (ids.sections[String(i)] ?? '').split('\n')[0]?.trim() ?? '';
    // Gone between the two looks (a running destroy): nothing to adopt.
    if (!r || !id) return;
    out.push({ address: r.address, id, ...(r.importable ? {} : { importable: false }) });
  });
  return out;
}

/** Deletes orphaned volumes terraform cannot import (cloud-init ISOs), by volume key. */
export async function discardLibvirtOrphans(
  ctx: TargetContext,
  orphans: readonly AdoptableResource[],
): Promise<void> {
  if (orphans.length === 0) return;
  const uri = String(ctx.tfvars.libvirt_uri);
  const r = await virsh(
    uri,
    orphans.map((o) => ['vol-delete', o.id]),
    { env: ctx.env },
  );
  if (r.exitCode !== 0) throw virshFailed(uri, 'vol-delete', r.stderr);
}

// libvirt pre-flight: one virsh connection for the target's state, then one result line per check.
// It returns the tfvars it found (shared base volume present, EFI loader path) for init to record.
import type { CheckResult } from '../../preflight/types.ts';
import { findVirsh } from '../../tools/virsh.ts';
import { fail, pass, skip } from '../shared.ts';
import type { PreflightContext, PreflightResult, ResolvedProvider } from '../types.ts';
import {
  accessCheck,
  type Demand,
  domainTypeCheck,
  networkCheck,
  poolCheck,
  poolSpaceCheck,
  uriCheck,
} from './checks.ts';
import { capacityChecks, devKvmExists, firmwareCheck, imageBytes, isoToolCheck } from './host-checks.ts';
import { probeLibvirt } from './probe.ts';

const GiB = 1024 ** 3;

/** Pre-flight checks against the libvirt URI; creates nothing (--libvirt-create-missing is the set-up
 * step before it, setUpLibvirtTarget in host-setup.ts). */
export async function libvirtPreflight(
  resolved: Readonly<ResolvedProvider>,
  ctx: PreflightContext,
): Promise<PreflightResult> {
  const t = resolved.tfvars;
  const uri = String(t.libvirt_uri);
  const c = ctx.common;
  const base = String(t.libvirt_base_volume);
  const image = String(t.os_image);
  const target = { uri, pool: String(t.libvirt_pool), network: String(t.libvirt_network) };
  const domainType = String(t.libvirt_domain_type);
  const iso = await isoToolCheck(ctx.env);
  if (!(await findVirsh(ctx.env))) {
    return {
      checks: [
        fail(
          'libvirt.uri',
          `libvirt URI ${uri} reachable`,
          'virsh not found on PATH',
          'apt-get install libvirt-clients (Fedora: dnf install libvirt-client)',
        ),
        iso,
      ],
    };
  }
  const probe = await probeLibvirt({ ...target, domainType }, ctx.env);
  ctx.debug(`libvirt probe: ${JSON.stringify({ ...probe, error: probe.error.slice(0, 200) })}`);
  const checks: CheckResult[] = [uriCheck(probe, uri), accessCheck(probe, uri)];
  if (!probe.connected) {
    for (const [id, title] of [
      ['libvirt.domain-type', `domain type ${domainType} available`],
      ['libvirt.pool', `storage pool ${target.pool} exists and is active`],
      ['libvirt.network', `network ${target.network} exists and is active`],
    ] as const)
      checks.push(skip(id, title, 'URI not reachable'));
    return { checks: [...checks, iso] };
  }
  const baseExists = probe.volumes.includes(base);
  const demand: Demand = {
    ...target,
    nodes: c.clusterSize,
    memoryGiB: Number(t.node_memory_gib),
    vcpus: Number(t.node_vcpus),
    volumeBytes:
      c.clusterSize * (c.rootVolumeSize + c.dataVolumesPerNode * c.dataVolumeSize) * GiB +
      (baseExists ? 0 : imageBytes(image)),
  };
  checks.push(
    domainTypeCheck(probe, domainType, uri === 'qemu:///system' ? devKvmExists() : null),
    poolCheck(probe, demand),
    poolSpaceCheck(probe, demand),
    networkCheck(probe, demand),
    pass(
      'libvirt.base-image',
      `base image volume ${base}`,
      baseExists
        ? 'already in the pool, reused'
        : 'not in the pool yet: the first deploy downloads it once; later deployments reuse it',
    ),
    iso,
    ...capacityChecks(probe, demand),
  );
  const found: Record<string, unknown> = { libvirt_base_volume_exists: baseExists };
  if (String(t.libvirt_firmware) === 'efi') {
    const firmware = firmwareCheck(probe.domainType?.efiLoaders ?? null);
    checks.push(firmware.check);
    if (firmware.loader) found.libvirt_efi_loader = firmware.loader;
  }
  return { checks, tfvars: found };
}

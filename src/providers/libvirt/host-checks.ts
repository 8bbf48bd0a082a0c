// Pre-flight checks of host resources and local tools: memory, vCPUs, ISO tool, EFI loader, /dev/kvm.
import { statSync } from 'node:fs';
import type { CheckResult } from '../../preflight/types.ts';
import { which } from '../../tools/engine.ts';
import { fail, pass, skip } from '../shared.ts';
import type { Demand } from './checks.ts';
import type { LibvirtProbe } from './probe.ts';

const GiB = 1024 ** 3;

/** EFI needs an OVMF loader the hypervisor knows; its path goes into the tfvars. */
export function firmwareCheck(loaders: string[] | null, t: Record<string, unknown>): CheckResult {
  const title = 'EFI firmware (OVMF) available';
  if (loaders === null) return skip('libvirt.firmware', title, 'test driver');
  const loader =
    loaders.find((l) => /OVMF_CODE(_4M)?\.fd$|ovmf-x86_64-code\.bin$|AAVMF_CODE\.fd$/.test(l)) ?? loaders[0];
  if (!loader)
    return fail(
      'libvirt.firmware',
      title,
      'libvirt lists no EFI loader',
      'apt-get install ovmf (Fedora: dnf install edk2-ovmf), or use --libvirt-firmware bios',
    );
  t.libvirt_efi_loader = loader;
  return pass('libvirt.firmware', title, loader);
}

/** terraform-provider-libvirt 0.8.3 runs `mkisofs` by that name on the machine running terraform. */
export async function isoToolCheck(env: NodeJS.ProcessEnv): Promise<CheckResult> {
  const title = 'mkisofs for cloud-init disks';
  const path = env.PATH ?? '';
  const found = await which('mkisofs', path);
  if (found) return pass('libvirt.iso-tool', title, found);
  const alt = (await which('genisoimage', path)) ?? (await which('xorrisofs', path));
  if (alt)
    return fail(
      'libvirt.iso-tool',
      title,
      `mkisofs missing but ${alt} exists`,
      `sudo ln -s ${alt} /usr/local/bin/mkisofs`,
    );
  return fail(
    'libvirt.iso-tool',
    title,
    'none of mkisofs, genisoimage, xorrisofs on PATH',
    'apt-get install genisoimage (Fedora: dnf install genisoimage, or xorriso and link xorrisofs to mkisofs)',
  );
}

/** Whether /dev/kvm exists on this machine. */
export function devKvmExists(): boolean {
  try {
    return statSync('/dev/kvm').isCharacterDevice();
  } catch {
    return false;
  }
}

/** Size of a local image file; 1 GiB for URLs (the Ubuntu image is about 600 MB). */
export function imageBytes(image: string): number {
  if (/^https?:/.test(image)) return GiB;
  try {
    return statSync(image).size;
  } catch {
    return GiB;
  }
}

/** Host memory and vCPUs suffice for cluster-size × size. */
export function capacityChecks(p: LibvirtProbe, d: Demand): CheckResult[] {
  const memTitle = `host memory for ${d.nodes} × ${d.memoryGiB} GiB`;
  const cpuTitle = `host vCPUs for ${d.vcpus} per VM`;
  if (!p.node)
    return [
      skip('libvirt.memory', memTitle, 'nodeinfo failed'),
      skip('libvirt.vcpus', cpuTitle, 'nodeinfo failed'),
    ];
  // The test driver reports a fixed fake host: its figures are not this machine's.
  const host = p.testDriver ? "the test driver's fake host has" : 'host has';
  const hostCpus = p.testDriver ? "the test driver's fake host CPUs" : 'host CPUs';
  const hostGiB = p.node.memoryKiB / 1024 ** 2;
  const needGiB = d.nodes * d.memoryGiB;
  const mem =
    needGiB > hostGiB
      ? fail(
          'libvirt.memory',
          memTitle,
          `needs ${needGiB} GiB, ${host} ${hostGiB.toFixed(1)} GiB`,
          'lower --libvirt-memory or --cluster-size',
        )
      : pass('libvirt.memory', memTitle, `${host} ${hostGiB.toFixed(1)} GiB`);
  const cpu =
    d.vcpus > p.node.cpus
      ? fail(
          'libvirt.vcpus',
          cpuTitle,
          `${host} ${p.node.cpus} CPUs`,
          p.testDriver
            ? `use --libvirt-vcpus ${p.node.cpus} or less (the test driver's limit, not this machine's)`
            : `use --libvirt-vcpus ${p.node.cpus} or less`,
        )
      : d.vcpus * d.nodes > p.node.cpus
        ? {
            id: 'libvirt.vcpus',
            title: cpuTitle,
            status: 'warn' as const,
            detail: `${d.vcpus * d.nodes} vCPUs on ${p.node.cpus} ${hostCpus} (overcommitted)`,
          }
        : pass('libvirt.vcpus', cpuTitle, `${host} ${p.node.cpus} CPUs`);
  return [mem, cpu];
}

// libvirt/KVM target: local VMs for testing before paying a cloud.

import { UsageError } from '../../errors.ts';
import { bool, num, str, text } from '../../options/flag-spec.ts';
import { labelOwnerRule } from '../shared.ts';
import type { ProviderModule } from '../types.ts';
import { LIBVIRT_FLAGS } from './flags.ts';
import { baseVolumeName, resolveImage } from './image.ts';

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** Validates a libvirt URI: qemu system or ssh URIs and the test driver; session URIs are refused. */
export function validateLibvirtUri(uri: string): string {
  if (/session/.test(uri)) {
    throw new UsageError(`session URIs cannot reach the system network and pools`, {
      flag: '--libvirt-uri',
      accepted: 'qemu:///system, qemu+ssh://[user@]host[:port]/system, test:///default',
    });
  }
  if (!/^(qemu(\+ssh)?:\/\/[^\s]*\/system(\?[^\s]*)?|test:\/\/\/[^\s]+)$/.test(uri)) {
    throw new UsageError(`invalid URI '${uri}'`, {
      flag: '--libvirt-uri',
      accepted: 'qemu:///system, qemu+ssh://[user@]host[:port]/system, test:///default',
    });
  }
  return uri;
}

/** `[user@]host[:port]` of a qemu+ssh URI ('' for local URIs): the SSH jump host to reach the VMs. */
export function sshJumpOf(uri: string): string {
  const m = /^qemu\+ssh:\/\/(?:([^@/]+)@)?([^/:]+)(?::(\d+))?\//.exec(uri);
  if (!m) return '';
  return `${m[1] ? `${m[1]}@` : ''}${m[2]}${m[3] ? `:${m[3]}` : ''}`;
}

/**
 * Terraform addresses the destroy of a libvirt deployment must drop from state first
 * (`terraform state rm`) so the shared base image stays in the pool for later deployments.
 */
export const LIBVIRT_KEEP_ON_DESTROY = ['libvirt_volume.base'] as const;

/** libvirt domains via dmacvicar/libvirt. */
export const libvirt: ProviderModule = {
  id: 'libvirt',
  description: 'libvirt/KVM on this or a remote host (local testing)',
  powerControl: 'terraform',
  diskFamily: 'virtio',
  flags: LIBVIRT_FLAGS,
  validateOwner: (owner) => labelOwnerRule(owner),
  validateInstanceType: (type) =>
    type === 'libvirt-custom'
      ? null
      : "libvirt sizes come from --libvirt-memory/--libvirt-vcpus; instance type must be 'libvirt-custom'",
  async resolve(values, common) {
    if (common.architecture === 'arm64')
      throw new UsageError(
        "not supported on libvirt: dmacvicar/libvirt 0.8.3 attaches the cloud-init disk as an IDE cdrom and the aarch64 'virt' machine has no IDE controller",
        { flag: '--architecture', accepted: 'x86_64' },
      );
    const uri = validateLibvirtUri(text(values, 'libvirt-uri'));
    const network = text(values, 'libvirt-network');
    const pool = text(values, 'libvirt-pool');
    for (const [flag, v] of [
      ['--libvirt-network', network],
      ['--libvirt-pool', pool],
    ] as const) {
      if (!NAME.test(v))
        throw new UsageError(`invalid name '${v}'`, { flag, accepted: 'letters, digits, _ . -' });
    }
    const memory = num(values, 'libvirt-memory');
    const vcpus = num(values, 'libvirt-vcpus');
    const domainType = text(values, 'libvirt-domain-type');
    const firmware = text(values, 'libvirt-firmware');
    const image = resolveImage(str(values, 'libvirt-image'), common.architecture);
    const jump = sshJumpOf(uri);
    return {
      tfvars: {
        libvirt_uri: uri,
        node_memory_gib: memory,
        node_vcpus: vcpus,
        libvirt_network: network,
        libvirt_pool: pool,
        libvirt_domain_type: domainType,
        libvirt_firmware: firmware,
        os_image: image,
        libvirt_base_volume: baseVolumeName(image, common.architecture),
        // Pre-flight sets these from what it finds on the target.
        libvirt_base_volume_exists: false,
        libvirt_efi_loader: '',
        // qemu+ssh jump host ([user@]host[:port]) for the ssh_config/Ansible of the orchestration.
        libvirt_ssh_jump: jump,
      },
      secrets: {},
      summary: {
        uri,
        network,
        pool,
        memoryGiB: String(memory),
        vcpus: String(vcpus),
        domainType,
        firmware,
        image,
        createMissing: String(bool(values, 'libvirt-create-missing')),
        sshJump: jump,
      },
    };
  },
  async setUpTarget(resolved, ctx) {
    const { setUpLibvirtTarget } = await import('./host-setup.ts');
    return setUpLibvirtTarget(resolved, ctx);
  },
  async preflight(resolved, ctx) {
    const { libvirtPreflight } = await import('./preflight.ts');
    return libvirtPreflight(resolved, ctx);
  },
  terraformEnv: () => ({}),
  async setPower(ctx, running) {
    const { setLibvirtPower } = await import('./target.ts');
    await setLibvirtPower(ctx, running);
  },
  keepOnDestroy: LIBVIRT_KEEP_ON_DESTROY,
  async findLeftovers(ctx) {
    const { findLibvirtLeftovers } = await import('./target.ts');
    return findLibvirtLeftovers(ctx);
  },
  async nodeStates(ctx) {
    const { libvirtNodeStates } = await import('./target.ts');
    return libvirtNodeStates(ctx);
  },
  adoptable: async (ctx) => (await import('./adopt.ts')).libvirtAdoptable(ctx),
  discardOrphans: async (ctx, orphans) => (await import('./adopt.ts')).discardLibvirtOrphans(ctx, orphans),
};

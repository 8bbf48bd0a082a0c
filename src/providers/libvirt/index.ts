// libvirt/KVM target: local VMs for testing before paying a cloud.

import { UsageError } from '../../errors.ts';
import { bool, type FlagSpec, num, str } from '../../options/flag-spec.ts';
import { intInRange, oneOf } from '../../options/parsers.ts';
import { labelOwnerRule, withDefault } from '../shared.ts';
import type { ProviderModule } from '../types.ts';

const flags: readonly FlagSpec[] = [
  { long: 'libvirt-memory', arg: '<GiB>', description: 'memory per VM', parse: intInRange(1, 1024) },
  { long: 'libvirt-vcpus', arg: '<n>', description: 'vCPUs per VM', parse: intInRange(1, 256) },
  { long: 'libvirt-network', arg: '<name>', description: 'libvirt network' },
  { long: 'libvirt-pool', arg: '<name>', description: 'libvirt storage pool' },
  {
    long: 'libvirt-uri',
    arg: '<uri>',
    description: 'libvirt connection URI (qemu:///system, qemu+ssh://user@host/system, test:///default)',
  },
  {
    long: 'libvirt-domain-type',
    arg: '<type>',
    description: 'domain type',
    parse: oneOf(['kvm', 'qemu']),
    choices: ['kvm', 'qemu'],
  },
  {
    long: 'libvirt-firmware',
    arg: '<fw>',
    description: 'VM firmware',
    parse: oneOf(['bios', 'efi']),
    choices: ['bios', 'efi'],
  },
  {
    long: 'libvirt-image',
    arg: '<path|url>',
    description: 'base cloud image (default: Ubuntu 24.04 cloud image for the architecture)',
  },
  {
    long: 'libvirt-create-missing',
    description: 'create a missing pool/network (a host change that destroy does not undo)',
  },
];

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

/** libvirt domains via dmacvicar/libvirt. */
export const libvirt: ProviderModule = {
  id: 'libvirt',
  description: 'libvirt/KVM on this or a remote host (local testing)',
  powerControl: 'terraform',
  flags,
  validateOwner: (owner) => labelOwnerRule(owner),
  validateInstanceType: (type) =>
    type === 'libvirt-custom'
      ? null
      : "libvirt sizes come from --libvirt-memory/--libvirt-vcpus; instance type must be 'libvirt-custom'",
  async resolve(values, _common, ctx) {
    const uri = validateLibvirtUri(String(withDefault(values, ctx.defaults, 'libvirt-uri')));
    const network = String(withDefault(values, ctx.defaults, 'libvirt-network'));
    const pool = String(withDefault(values, ctx.defaults, 'libvirt-pool'));
    for (const [flag, v] of [
      ['--libvirt-network', network],
      ['--libvirt-pool', pool],
    ] as const) {
      if (!NAME.test(v))
        throw new UsageError(`invalid name '${v}'`, { flag, accepted: 'letters, digits, _ . -' });
    }
    const memory =
      values['libvirt-memory'] === undefined
        ? Number(ctx.defaults.flags['libvirt-memory'])
        : num(values, 'libvirt-memory');
    const vcpus =
      values['libvirt-vcpus'] === undefined
        ? Number(ctx.defaults.flags['libvirt-vcpus'])
        : num(values, 'libvirt-vcpus');
    const domainType = String(withDefault(values, ctx.defaults, 'libvirt-domain-type'));
    const firmware = String(withDefault(values, ctx.defaults, 'libvirt-firmware'));
    const image = str(values, 'libvirt-image') ?? '';
    const sshJump = /^qemu\+ssh:\/\/(?:([^@/]+)@)?([^/:]+)(?::(\d+))?\//.exec(uri);
    return {
      tfvars: {
        libvirt_uri: uri,
        libvirt_memory_gib: memory,
        libvirt_vcpus: vcpus,
        libvirt_network: network,
        libvirt_pool: pool,
        libvirt_domain_type: domainType,
        libvirt_firmware: firmware,
        libvirt_image: image,
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
        sshJump: sshJump
          ? `${sshJump[1] ? `${sshJump[1]}@` : ''}${sshJump[2]}${sshJump[3] ? `:${sshJump[3]}` : ''}`
          : '',
      },
    };
  },
  async preflight(resolved, ctx) {
    const { libvirtPreflight } = await import('./preflight.ts');
    return libvirtPreflight(resolved, ctx);
  },
  terraformEnv: () => ({}),
};

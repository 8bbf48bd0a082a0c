// Command-line flags of the libvirt target (defaults live in defaults.yaml).
import type { FlagSpec } from '../../options/flag-spec.ts';
import { intInRange, oneOf } from '../../options/parsers.ts';

/** libvirt flags of `exasol init`. */
export const LIBVIRT_FLAGS: readonly FlagSpec[] = [
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

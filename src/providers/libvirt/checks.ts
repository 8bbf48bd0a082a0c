// The individual libvirt pre-flight checks: pure functions from what the probe found to result lines.
import type { CheckResult } from '../../preflight/types.ts';
import { fail, pass, skip } from '../shared.ts';
import { networkFix, poolFix } from './host-setup.ts';
import type { LibvirtProbe } from './probe.ts';

const GiB = 1024 ** 3;
const TEST = 'test driver';

/** What the deployment asks of the host. */
export interface Demand {
  uri: string;
  pool: string;
  network: string;
  nodes: number;
  memoryGiB: number;
  vcpus: number;
  /** Worst-case bytes of all volumes (fully allocated), including the base image when it is missing. */
  volumeBytes: number;
}

// Socket permissions, polkit refusals, or (non-root without D-Bus) no way to ask polkit at all.
const DENIED =
  /permission denied|authentication (failed|unavailable)|not authori[sz]ed|polkit|access denied|system bus connection/i;

/** True when a connection error means "reachable but not allowed". */
export function isPermissionError(error: string): boolean {
  return DENIED.test(error);
}

/** URI reachable. */
export function uriCheck(p: LibvirtProbe, uri: string): CheckResult {
  const title = `libvirt URI ${uri} reachable`;
  if (p.connected || isPermissionError(p.error)) return pass('libvirt.uri', title);
  const remote = /^qemu\+ssh:/.test(uri);
  return fail(
    'libvirt.uri',
    title,
    lastLine(p.error) || 'virsh could not connect',
    remote
      ? `check 'ssh <user@host> virsh -c qemu:///system version' works with a key (agent or ~/.ssh/id_rsa; add ?keyfile=PATH to the URI otherwise)`
      : 'start the daemon: systemctl enable --now libvirtd (Fedora: virtqemud.socket); without systemd: virtlogd -d && libvirtd -d',
  );
}

/** The user may use the URI (group membership / polkit). */
export function accessCheck(p: LibvirtProbe, uri: string): CheckResult {
  const title = `permission to use ${uri}`;
  if (p.testDriver) return skip('libvirt.access', title, TEST);
  if (p.connected) return pass('libvirt.access', title);
  if (!isPermissionError(p.error)) return skip('libvirt.access', title, 'URI not reachable');
  return fail(
    'libvirt.access',
    title,
    lastLine(p.error),
    'sudo usermod -aG libvirt $USER (then log in again or run: newgrp libvirt); see CLOUD_SETUP_LIBVIRT.md "Groups and permissions"',
  );
}

/** Domain type offered by the hypervisor (kvm also needs /dev/kvm on a local host). */
export function domainTypeCheck(p: LibvirtProbe, type: string, devKvm: boolean | null): CheckResult {
  const title = `domain type ${type} available`;
  if (p.testDriver || p.domainType === null) return skip('libvirt.domain-type', title, TEST);
  if (p.domainType.ok && (type !== 'kvm' || devKvm !== false))
    return pass('libvirt.domain-type', title, type === 'qemu' ? 'software emulation (TCG), slow' : undefined);
  const why =
    type === 'kvm' && devKvm === false
      ? '/dev/kvm does not exist: hardware virtualisation is off or the kvm module is not loaded'
      : `libvirt offers no '${type}' domains: ${lastLine(p.error)}`;
  const fix =
    type === 'kvm'
      ? 'enable VT-x/AMD-V in the firmware and load kvm_intel or kvm_amd, or re-run init with --libvirt-domain-type qemu (software emulation, much slower)'
      : 'install the QEMU system emulator: apt-get install qemu-system-x86 (Fedora: dnf install qemu-kvm)';
  return fail('libvirt.domain-type', title, why, fix);
}

/** Pool exists and is active. */
export function poolCheck(p: LibvirtProbe, d: Demand): CheckResult {
  const title = `storage pool ${d.pool} exists and is active`;
  if (p.pool?.active) return pass('libvirt.pool', title);
  return fail(
    'libvirt.pool',
    title,
    p.pool ? 'pool is inactive' : 'pool does not exist',
    poolFix(d.uri, d.pool, p.pool),
  );
}

/** Pool has room for every volume at full size. */
export function poolSpaceCheck(p: LibvirtProbe, d: Demand): CheckResult {
  const need = (d.volumeBytes / GiB).toFixed(1);
  const title = `storage pool ${d.pool} has room for ${need} GiB of volumes`;
  if (p.testDriver) return skip('libvirt.pool-space', title, TEST);
  if (!p.pool?.active) return skip('libvirt.pool-space', title, 'pool not available');
  const free = (p.pool.availableBytes / GiB).toFixed(1);
  if (p.pool.availableBytes >= d.volumeBytes) return pass('libvirt.pool-space', title, `${free} GiB free`);
  return fail(
    'libvirt.pool-space',
    title,
    `only ${free} GiB free; volumes are thin but may grow to ${need} GiB`,
    'free space in the pool directory, use another pool (--libvirt-pool), or lower --data-volume-size/--root-volume-size/--cluster-size',
  );
}

/** Network exists and is active. */
export function networkCheck(p: LibvirtProbe, d: Demand): CheckResult {
  const title = `network ${d.network} exists and is active`;
  if (p.network?.active) return pass('libvirt.network', title);
  return fail(
    'libvirt.network',
    title,
    p.network ? 'network is inactive' : 'network does not exist',
    networkFix(d.uri, d.network, p.network),
  );
}

function lastLine(text: string): string {
  return (
    text
      .trim()
      .split('\n')
      .filter(Boolean)
      .pop()
      ?.replace(/^error:\s*/, '') ?? ''
  );
}

// Test helpers for the libvirt target: resolve flags like init does and run the pre-flight.

import type { FlagValues } from '../../src/options/flag-spec.ts';
import type { CheckResult } from '../../src/preflight/types.ts';
import { setUpLibvirtTarget } from '../../src/providers/libvirt/host-setup.ts';
import { libvirt } from '../../src/providers/libvirt/index.ts';
import { libvirtPreflight } from '../../src/providers/libvirt/preflight.ts';
import type { CommonConfig, ResolvedProvider } from '../../src/providers/types.ts';
import { resolveAsInit } from './resolve-provider.ts';

/** A CommonConfig as init would build it (1 node, 50 GiB root, 1 × 100 GiB data). */
export function commonConfig(over: Partial<CommonConfig> = {}): CommonConfig {
  return {
    deploymentId: 'exa-test01',
    clusterSize: 1,
    instanceType: 'libvirt-custom',
    architecture: 'x86_64',
    dbVersion: 'exasol-2025.1.4',
    dataVolumeSize: 100,
    dataVolumesPerNode: 1,
    rootVolumeSize: 50,
    owner: 'exasol-deployer',
    allowedCidr: null,
    enableMulticastOverlay: false,
    sshPublicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAItestkey exasol-test',
    ...over,
  };
}

/** Resolves libvirt flags with the shipped defaults. */
export function resolveLibvirt(values: FlagValues, common: CommonConfig): Promise<ResolvedProvider> {
  return resolveAsInit(libvirt, values, common, { env: process.env, homeDir: '/nonexistent' });
}

/** Resolves and runs the pre-flight; returns the checks keyed by id and the resolution with what it found. */
export async function runPreflight(
  values: FlagValues,
  over: Partial<CommonConfig> = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ checks: CheckResult[]; byId: Record<string, CheckResult>; resolved: ResolvedProvider }> {
  const common = commonConfig(over);
  const resolved = await resolveLibvirt(values, common);
  const before = JSON.stringify(resolved);
  const ctx = { env, common, debug: () => {} };
  // As init does: the set-up step (--libvirt-create-missing) first, then the pre-flight.
  const setUp = await setUpLibvirtTarget(resolved, ctx);
  const found = await libvirtPreflight(resolved, ctx);
  // Pre-flight reports what it found and leaves its input alone.
  if (JSON.stringify(resolved) !== before) throw new Error('libvirtPreflight changed its input');
  const checks = [...setUp, ...found.checks];
  return {
    checks,
    byId: Object.fromEntries(checks.map((c) => [c.id, c])),
    resolved: { ...resolved, tfvars: { ...resolved.tfvars, ...found.tfvars } },
  };
}

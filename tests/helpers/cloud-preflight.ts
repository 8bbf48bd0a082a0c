// Resolves a cloud provider's flags and runs its pre-flight against a fake HOME (no cloud calls).
import type { FlagValues } from '../../src/options/flag-spec.ts';
import type { CheckResult } from '../../src/preflight/types.ts';
import { getProvider } from '../../src/providers/registry.ts';
import type { CommonConfig, ResolvedProvider } from '../../src/providers/types.ts';
import { type Cloud, tempDir } from './cloud-init.ts';
import { resolveAsInit } from './resolve-provider.ts';

/** An empty fake HOME directory. */
export function emptyHome(): string {
  return tempDir('home-');
}

const COMMON: CommonConfig = {
  deploymentId: 'exa-abc123',
  clusterSize: 1,
  instanceType: 't3a.medium',
  architecture: 'x86_64',
  dbVersion: '2025.1.8',
  dataVolumeSize: 100,
  dataVolumesPerNode: 1,
  rootVolumeSize: 50,
  owner: 'tester',
  allowedCidr: '198.51.100.0/24',
  enableMulticastOverlay: false,
  sshPublicKey: 'ssh-ed25519 AAAA test',
};

/** Pre-flight results (plus the resolved provider) for `cloud` with `values` and `env` (HOME = `home`). */
export async function preflightOf(
  cloud: Cloud,
  home: string,
  values: FlagValues = {},
  env: NodeJS.ProcessEnv = {},
): Promise<{
  checks: CheckResult[];
  resolved: ResolvedProvider;
  byId: (id: string) => CheckResult | undefined;
}> {
  const provider = getProvider(cloud);
  const fullEnv = { HOME: home, ...env };
  const resolved = await resolveAsInit(provider, values, COMMON, { env: fullEnv, homeDir: home });
  const before = JSON.stringify(resolved);
  const found = await provider.preflight(resolved, { env: fullEnv, common: COMMON, debug: () => {} });
  // Pre-flight reports what it found and leaves its input alone.
  if (JSON.stringify(resolved) !== before) throw new Error(`${cloud} pre-flight changed its input`);
  const checks = found.checks;
  return {
    checks,
    resolved: {
      ...resolved,
      tfvars: { ...resolved.tfvars, ...found.tfvars },
      secrets: { ...resolved.secrets, ...found.secrets },
    },
    byId: (id) => checks.find((c) => c.id === id),
  };
}

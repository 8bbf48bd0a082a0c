// Turns init's flag values into a validated CommonConfig (+ provider) before anything is written.
import { randomInt } from 'node:crypto';
import { type CatalogVersion, loadCatalog, resolveVersion } from '../catalog/versions.ts';
import { UsageError } from '../errors.ts';
import { applyFlagDefaults, type FilledValues } from '../options/apply-defaults.ts';
import { ARCHITECTURES, type Architecture, COMMON_INIT_FLAGS } from '../options/common-flags.ts';
import { bool, type FlagValues, num, str, text } from '../options/flag-spec.ts';
import { loadProviderDefaults } from '../providers/defaults.ts';
import type { CommonConfig, ProviderDefaults, ProviderModule } from '../providers/types.ts';
import { STATE_BACKEND_FLAGS } from '../state-backend/config.ts';

/** A short lowercase id valid as a name in every target: `exa-` + 6 base36 characters. */
export function newDeploymentId(): string {
  const chars = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return `exa-${Array.from({ length: 6 }, () => chars[randomInt(chars.length)]).join('')}`;
}

/**
 * init's values complete: common, state-backend and `provider`'s flags, each from the flag given, its
 * variable, the provider's defaults.yaml or the flag's own default (in that order).
 */
export function initFlagValues(
  provider: ProviderModule,
  given: FlagValues,
  env: NodeJS.ProcessEnv,
): FilledValues {
  return applyFlagDefaults(
    [...COMMON_INIT_FLAGS, ...STATE_BACKEND_FLAGS, ...provider.flags],
    given,
    { source: `src/providers/${provider.id}/defaults.yaml`, flags: loadProviderDefaults(provider.id).flags },
    env,
  );
}

/** The architecture of complete values (initFlagValues). */
function architectureOf(values: FlagValues): Architecture {
  const arch = ARCHITECTURES.find((a) => a === values.architecture);
  if (!arch) throw new Error('flag --architecture has no value');
  return arch;
}

/** Validates the common flags of complete values (initFlagValues) against the provider's rules. */
export function resolveCommon(
  values: FlagValues,
  provider: ProviderModule,
  defaults: ProviderDefaults,
  env: NodeJS.ProcessEnv,
  ids: { deploymentId: string; sshPublicKey: string },
): { common: CommonConfig; version: CatalogVersion } {
  const architecture = architectureOf(values);
  const version = resolveVersion(loadCatalog(env), str(values, 'db-version'), architecture);
  const owner = text(values, 'owner');
  const ownerError = provider.validateOwner(owner);
  if (ownerError) throw new UsageError(`'${owner}' ${ownerError}`, { flag: '--owner' });
  const instanceType = str(values, 'instance-type') ?? defaults.instanceTypes[architecture];
  if (!instanceType)
    throw new UsageError(`no default instance type for ${architecture} on ${provider.id}`, {
      flag: '--instance-type',
    });
  const typeError = provider.validateInstanceType(instanceType, architecture);
  if (typeError) throw new UsageError(typeError, { flag: '--instance-type' });
  const allowedCidr = str(values, 'allowed-cidr') ?? null;
  if (defaults.requiresAllowedCidr && !allowedCidr) {
    throw new UsageError(`required for ${provider.id}: the CIDR that may reach SSH, DB and Admin UI`, {
      flag: '--allowed-cidr',
      accepted: 'A.B.C.D/N, e.g. your office range',
    });
  }
  if (allowedCidr === '0.0.0.0/0' && !bool(values, 'allow-internet')) {
    throw new UsageError(
      '0.0.0.0/0 opens the cluster to the whole internet; add --allow-internet to confirm',
      { flag: '--allowed-cidr' },
    );
  }
  return {
    version,
    common: {
      deploymentId: ids.deploymentId,
      clusterSize: num(values, 'cluster-size'),
      instanceType,
      architecture,
      dbVersion: version.version,
      dataVolumeSize: num(values, 'data-volume-size'),
      dataVolumesPerNode: num(values, 'data-volumes-per-node'),
      rootVolumeSize: num(values, 'root-volume-size'),
      owner,
      allowedCidr,
      enableMulticastOverlay: bool(values, 'enable-multicast-overlay'),
      sshPublicKey: ids.sshPublicKey,
    },
  };
}

/** The common part of terraform.tfvars.json. */
export function commonTfvars(c: CommonConfig, running = true): Record<string, unknown> {
  return {
    deployment_id: c.deploymentId,
    node_count: c.clusterSize,
    instance_type: c.instanceType,
    architecture: c.architecture,
    data_volume_size: c.dataVolumeSize,
    data_volumes_per_node: c.dataVolumesPerNode,
    root_volume_size: c.rootVolumeSize,
    owner: c.owner,
    allowed_cidr: c.allowedCidr,
    enable_multicast_overlay: c.enableMulticastOverlay,
    ssh_public_key: c.sshPublicKey,
    running,
  };
}

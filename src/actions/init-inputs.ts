// Turns init's flag values into a validated CommonConfig (+ provider) before anything is written.
import { randomInt } from 'node:crypto';
import { type CatalogVersion, loadCatalog, resolveVersion } from '../catalog/versions.ts';
import { UsageError } from '../errors.ts';
import type { Architecture } from '../options/common-flags.ts';
import { bool, type FlagValues, num, str } from '../options/flag-spec.ts';
import type { CommonConfig, ProviderDefaults, ProviderModule } from '../providers/types.ts';

/** A short lowercase id valid as a name in every target: `exa-` + 6 base36 characters. */
export function newDeploymentId(): string {
  const chars = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return `exa-${Array.from({ length: 6 }, () => chars[randomInt(chars.length)]).join('')}`;
}

/** Validates the common flags against the provider's rules and resolves defaults. */
export function resolveCommon(
  values: FlagValues,
  provider: ProviderModule,
  defaults: ProviderDefaults,
  env: NodeJS.ProcessEnv,
  ids: { deploymentId: string; sshPublicKey: string },
): { common: CommonConfig; version: CatalogVersion } {
  const architecture = (str(values, 'architecture') ?? 'x86_64') as Architecture;
  const version = resolveVersion(loadCatalog(env), str(values, 'db-version'), architecture);
  const owner = str(values, 'owner') ?? 'exasol-deployer';
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
      clusterSize: values['cluster-size'] === undefined ? 1 : num(values, 'cluster-size'),
      instanceType,
      architecture,
      dbVersion: version.version,
      dataVolumeSize: values['data-volume-size'] === undefined ? 100 : num(values, 'data-volume-size'),
      dataVolumesPerNode:
        values['data-volumes-per-node'] === undefined ? 1 : num(values, 'data-volumes-per-node'),
      rootVolumeSize: values['root-volume-size'] === undefined ? 50 : num(values, 'root-volume-size'),
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

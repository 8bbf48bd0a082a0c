// Loads a provider's defaults.yaml (flag defaults, instance types) shipped next to its module
// (compiled to JSON in the built CLI, see src/util/shipped-data.ts).
import { readShippedYaml } from '../util/shipped-data.ts';
import type { ProviderDefaults, ProviderId } from './types.ts';

const cache = new Map<ProviderId, ProviderDefaults>();

/** Defaults of provider `id` from src/providers/<id>/defaults.yaml. */
export function loadProviderDefaults(id: ProviderId): ProviderDefaults {
  const hit = cache.get(id);
  if (hit) return hit;
  const raw = readShippedYaml(`src/providers/${id}/defaults.yaml`) as {
    flags?: Record<string, string | number | boolean>;
    instance_types?: ProviderDefaults['instanceTypes'];
    requires_allowed_cidr?: boolean;
  };
  const defaults: ProviderDefaults = {
    flags: raw.flags ?? {},
    instanceTypes: raw.instance_types ?? {},
    requiresAllowedCidr: raw.requires_allowed_cidr ?? false,
  };
  cache.set(id, defaults);
  return defaults;
}

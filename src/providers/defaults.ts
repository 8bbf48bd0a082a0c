// Loads a provider's defaults.yaml (flag defaults, instance types) shipped next to its module.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { packageRoot } from '../util/package-root.ts';
import type { ProviderDefaults, ProviderId } from './types.ts';

const cache = new Map<ProviderId, ProviderDefaults>();

/** Defaults of provider `id` from src/providers/<id>/defaults.yaml. */
export function loadProviderDefaults(id: ProviderId): ProviderDefaults {
  const hit = cache.get(id);
  if (hit) return hit;
  const raw = parse(readFileSync(join(packageRoot(), 'src', 'providers', id, 'defaults.yaml'), 'utf8')) as {
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

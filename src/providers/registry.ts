// SUPPORTED_PROVIDERS: the one place that lists deployment targets. Adding one = module + templates + a line here.
import { UsageError } from '../errors.ts';
import { aws } from './aws/index.ts';
import { azure } from './azure/index.ts';
import { ganeti } from './ganeti/index.ts';
import { gcp } from './gcp/index.ts';
import { libvirt } from './libvirt/index.ts';
import { PROVIDER_IDS, type ProviderId, type ProviderModule } from './types.ts';

/** Every supported deployment target, keyed by id. */
export const SUPPORTED_PROVIDERS = { aws, azure, gcp, libvirt, ganeti } satisfies Record<
  ProviderId,
  ProviderModule
>;

/** Looks a provider up by id; a miss is a usage error listing the accepted ids. */
export function getProvider(id: string, flag = '--cloud-provider'): ProviderModule {
  if (!(PROVIDER_IDS as readonly string[]).includes(id)) {
    throw new UsageError(`unknown provider '${id}'`, { flag, accepted: PROVIDER_IDS.join(', ') });
  }
  return SUPPORTED_PROVIDERS[id as ProviderId];
}

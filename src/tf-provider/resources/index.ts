// The provider's managed resource types: the only registration point.
import type { RapiClient } from '../../ganeti/index.ts';
import { instanceResource } from './instance.ts';
import type { Resource } from './types.ts';

/** Every managed resource type the provider serves. */
export const resources: readonly Resource<RapiClient>[] = [instanceResource];

// The provider's resource and data source types: the only registration point (one folder each).
import type { RapiClient } from '../ganeti/index.ts';
import { clusterDataSource } from './data-sources/cluster/index.ts';
import { instanceDataSource } from './data-sources/instance/index.ts';
import { instancesDataSource } from './data-sources/instances/index.ts';
import { instanceResource } from './resources/instance/index.ts';
import { networkResource } from './resources/network/index.ts';
import { networkConnectionResource } from './resources/network-connection/index.ts';
import type { DataSource, Resource } from './spec.ts';

/** Every managed resource type the provider serves. */
export const resources: readonly Resource<RapiClient>[] = [
  instanceResource,
  networkResource,
  networkConnectionResource,
];

/** Every data source type the provider serves. */
export const dataSources: readonly DataSource<RapiClient>[] = [
  clusterDataSource,
  instanceDataSource,
  instancesDataSource,
];

// Pre-flight checks of `exasol init --provider ganeti`: one CheckResult line per question.
import type { CheckResult } from '../preflight/types.ts';
import type { RapiClient } from './client.ts';

/** What the deployment will ask of the cluster. */
export interface GanetiPreflightRequest {
  endpoint: string;
  osType: string;
  osParams: Record<string, string>;
  /** Default: the cluster's first enabled disk template. */
  diskTemplate?: string;
  network?: string;
  nicLink?: string;
  nodeGroup?: string;
  memoryMiB: number;
  vcpus: number;
  diskSizesMiB: number[];
  clusterSize: number;
  instanceNames: string[];
}

/** Runs every check against the cluster; never throws for cluster-side problems. */
export async function ganetiPreflight(
  _client: RapiClient,
  _request: GanetiPreflightRequest,
): Promise<CheckResult[]> {
  throw new Error('not implemented yet');
}

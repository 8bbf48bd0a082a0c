// What a Ganeti deployment will ask of the cluster: the input of every pre-flight check.

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

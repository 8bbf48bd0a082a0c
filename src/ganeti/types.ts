// Wire shapes of Ganeti RAPI v2 (field names as Ganeti sends them) and the client's own options.
import type { BeParams } from './types-ops.ts';

/** How the client verifies the RAPI server's TLS certificate. */
export type RapiTls =
  | { mode: 'system' }
  | { mode: 'ca'; caPem: string }
  | { mode: 'fingerprint'; sha256: string }
  | { mode: 'insecure' };

/** Where and as whom to talk to RAPI; the password never appears in messages. */
export interface RapiConnection {
  endpoint: string;
  username: string;
  password: string;
  tls: RapiTls;
  timeoutMs?: number;
  /** Attempts for reads (and for writes that provably never reached the server); default 3. */
  retries?: number;
  /** Called after each request with facts only (never bodies, never credentials), e.g. for debug logs. */
  onRequest?: (entry: RapiRequestLog) => void;
}

/** One finished RAPI request as reported to `onRequest`. */
export interface RapiRequestLog {
  method: string;
  /** Path without the query string. */
  path: string;
  /** "ok", "HTTP 404", or the error name when no answer came. */
  outcome: string;
  /** Job id a write returned. */
  jobId?: number;
  ms: number;
}

/** One instance-policy bound set (`ipolicy.minmax[].min/max`, `ipolicy.std`). */
export interface InstanceSpec {
  'memory-size': number;
  'disk-size': number;
  'disk-count': number;
  'cpu-count': number;
  'nic-count': number;
  'spindle-use': number;
}

/** Cluster or group instance policy. */
export interface InstancePolicy {
  minmax: { min: InstanceSpec; max: InstanceSpec }[];
  std: InstanceSpec;
  'vcpu-ratio': number;
  'spindle-ratio': number;
  'disk-templates': string[];
}

/** `GET /2/info`: the fields the deployer relies on (more are present). */
export interface ClusterInfo {
  name: string;
  master: string;
  software_version: string;
  protocol_version: number;
  os_api_version: number;
  default_hypervisor: string;
  enabled_hypervisors: string[];
  enabled_disk_templates: string[];
  default_iallocator: string;
  ipolicy: InstancePolicy;
  beparams: Record<string, BeParams>;
  tags: string[];
  [key: string]: unknown;
}

/** `GET /2/nodes?bulk=1` entry (memory and disk in MiB). */
export interface NodeInfo {
  name: string;
  offline: boolean;
  drained: boolean;
  vm_capable: boolean;
  master_capable: boolean;
  master_candidate: boolean;
  role: string;
  mtotal: number | null;
  mfree: number | null;
  mnode: number | null;
  dtotal: number | null;
  dfree: number | null;
  ctotal: number | null;
  cnos: number | null;
  pinst_cnt: number;
  pinst_list: string[];
  'group.uuid': string;
  pip: string;
  sip: string;
  tags: string[];
  uuid: string;
}

/** `GET /2/groups?bulk=1` entry. */
export interface GroupInfo {
  name: string;
  uuid: string;
  alloc_policy: string;
  node_cnt: number;
  node_list: string[];
  ipolicy: InstancePolicy;
  tags: string[];
}

/** `GET /2/networks?bulk=1` entry; `group_list` rows are [group, mode, link, vlan]. */
export interface NetworkInfo {
  name: string;
  uuid: string;
  network: string;
  gateway: string | null;
  free_count: number;
  reserved_count: number;
  map: string;
  group_list: [string, string, string, string][];
  inst_list: string[];
  tags: string[];
}

/** An installable OS: `name` is what `os_type` takes (`base+variant` when the OS has variants). */
export interface OsInfo {
  name: string;
  base: string;
  variant: string | null;
}

/** `GET /2/instances/<name>` (and bulk list entries). */
export interface InstanceInfo {
  name: string;
  uuid: string;
  os: string;
  pnode: string;
  snodes: string[];
  status: string;
  admin_state: 'up' | 'down' | 'offline';
  oper_state: boolean;
  oper_ram: number | null;
  oper_vcpus: number | null;
  disk_template: string;
  'disk.sizes': number[];
  'nic.ips': (string | null)[];
  'nic.macs': string[];
  'nic.links': string[];
  'nic.networks': (string | null)[];
  beparams: BeParams;
  custom_beparams: BeParams;
  hvparams: Record<string, unknown>;
  /** The instance's own hypervisor parameters (not the cluster defaults). */
  custom_hvparams?: Record<string, unknown>;
  /** The instance's own OS parameters: only from the query resource (RapiClient.instanceOsParams). */
  custom_osparams?: Record<string, string>;
  tags: string[];
  ctime: number;
  mtime: number;
  [key: string]: unknown;
}

// Jobs and write requests live in types-ops.ts; re-exported so importers need only this file.
export type * from './types-ops.ts';

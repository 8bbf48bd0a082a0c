// Wire shapes of Ganeti jobs and of the bodies of RAPI write requests.

/** Backend parameters of an instance (memory in MiB). */
export interface BeParams {
  maxmem?: number;
  minmem?: number;
  memory?: number;
  vcpus?: number;
  auto_balance?: boolean;
  always_failover?: boolean;
  spindle_use?: number;
}

/** Job states Ganeti defines; the first four are not final. */
export type JobStatus = 'queued' | 'waiting' | 'canceling' | 'running' | 'canceled' | 'success' | 'error';

/** A job log line: [serial, [sec, usec], type, message]. */
export type JobLogEntry = [number, [number, number], string, string];

/** `GET /2/jobs/<id>`. */
export interface Job {
  id: number;
  status: JobStatus;
  summary: string[];
  opstatus: string[];
  opresult: unknown[];
  oplog: JobLogEntry[][];
  received_ts: [number, number] | null;
  start_ts: [number, number] | null;
  end_ts: [number, number] | null;
}

/** Answer of the long poll `GET /2/jobs/<id>/wait`: new status and log lines since the last call. */
export interface JobChange {
  status: JobStatus;
  logEntries: JobLogEntry[];
}

/** One NIC of a create request: a Ganeti network (ip "pool" takes a pool address) or a link. */
export interface NicSpec {
  network?: string;
  ip?: string;
  link?: string;
  mode?: 'bridged' | 'routed' | 'openvswitch';
  mac?: string;
  name?: string;
}

/** `POST /2/instances` body (without `__version__`/`mode`, which the client adds). */
export interface InstanceCreateRequest {
  instance_name: string;
  os_type: string;
  disk_template: string;
  disks: { size: number; name?: string }[];
  nics: NicSpec[];
  beparams?: BeParams;
  hypervisor?: string;
  hvparams?: Record<string, unknown>;
  osparams?: Record<string, string>;
  pnode?: string;
  iallocator?: string;
  tags?: string[];
  start?: boolean;
  /** Default false here (Ganeti's default is true): node names need not resolve in DNS. */
  name_check?: boolean;
  /** Default false here (Ganeti's default is true). */
  ip_check?: boolean;
}

/** `PUT /2/instances/<name>/modify` body (OpInstanceSetParams fields). */
export interface InstanceModifyRequest {
  beparams?: BeParams;
  hvparams?: Record<string, unknown>;
  osparams?: Record<string, string>;
  os_name?: string;
  nics?: unknown[];
  disks?: unknown[];
  /** Hot-plug NIC/disk changes into a running instance (the client sends false unless told). */
  hotplug?: boolean;
  [key: string]: unknown;
}

/** Result of `DELETE /2/jobs/<id>`. */
export interface CancelResult {
  cancelled: boolean;
  message: string;
}

// Typed calls of Ganeti RAPI v2. Writes return the job id; use waitForJob (jobs.ts) for the outcome.
import { GanetiApiError, GanetiConnectionError } from './errors.ts';
import { type RapiQuery, type RapiRequest, RapiTransport } from './http.ts';
import type {
  CancelResult,
  ClusterInfo,
  GroupInfo,
  InstanceCreateRequest,
  InstanceInfo,
  InstanceModifyRequest,
  Job,
  JobChange,
  JobLogEntry,
  JobStatus,
  NetworkInfo,
  NodeInfo,
  OsInfo,
  RapiConnection,
} from './types.ts';

const enc = encodeURIComponent;

/** Client of one Ganeti cluster's RAPI. */
export class RapiClient {
  /** Normalised endpoint (scheme://host:port), used in every message. */
  readonly endpoint: string;
  /** Name of the RAPI user, for messages (never the password). */
  readonly username: string;
  private readonly http: RapiTransport;
  private readonly onRequest: RapiConnection['onRequest'];

  constructor(conn: RapiConnection) {
    this.http = new RapiTransport(conn);
    this.endpoint = this.http.endpoint;
    this.username = conn.username;
    this.onRequest = conn.onRequest;
  }

  /** Sends a raw request; for calls this class does not cover yet. */
  request(req: RapiRequest): Promise<unknown> {
    return this.send(req);
  }

  /** Every request goes through here, so that `onRequest` sees each one (facts only, no bodies). */
  private async send(req: RapiRequest): Promise<unknown> {
    const report = this.onRequest;
    if (!report) return this.http.request(req);
    const started = Date.now();
    const done = (outcome: string, jobId?: number) =>
      report({
        method: req.method,
        path: req.path,
        outcome,
        ms: Date.now() - started,
        ...(jobId === undefined ? {} : { jobId }),
      });
    try {
      const res = await this.http.request(req);
      const id = req.method !== 'GET' && /^\d+$/.test(String(res)) ? Number(res) : undefined;
      done('ok', id);
      return res;
    } catch (err) {
      done(err instanceof GanetiApiError ? `HTTP ${err.status}` : err instanceof Error ? err.name : 'error');
      throw err;
    }
  }

  private get<T>(path: string, query?: RapiQuery): Promise<T> {
    return this.send({ method: 'GET', path, ...(query ? { query } : {}) }) as Promise<T>;
  }

  /** Sends a write and returns the job id it answered. */
  async submit(method: 'POST' | 'PUT' | 'DELETE', path: string, query?: RapiQuery, body?: unknown) {
    const res = await this.send({
      method,
      path,
      ...(query ? { query } : {}),
      ...(body ? { body } : {}),
    });
    const id = typeof res === 'string' ? Number(res) : res;
    if (typeof id !== 'number' || !Number.isInteger(id)) {
      throw new GanetiConnectionError(
        this.endpoint,
        `${method} ${path} answered ${JSON.stringify(res)}, not a job id`,
      );
    }
    return id;
  }

  /** RAPI protocol version (`GET /version`); 2 for every supported Ganeti. */
  version(): Promise<number> {
    return this.get<number>('/version');
  }

  /** Cluster information (`GET /2/info`). */
  info(): Promise<ClusterInfo> {
    return this.get<ClusterInfo>('/2/info');
  }

  /** Optional RAPI features (`GET /2/features`), e.g. "instance-create-reqv1". */
  features(): Promise<string[]> {
    return this.get<string[]>('/2/features');
  }

  /** Installable OSes (`base+variant` entries for variants). RAPI lists no OS parameters (`/2/query/os`
   * is unsupported in Ganeti 3.0), so parameters are validated by a dry-run create instead. */
  async osList(): Promise<OsInfo[]> {
    const names = await this.get<string[]>('/2/os');
    return names.map((name) => {
      const [base, variant] = name.split('+', 2) as [string, string | undefined];
      return { name, base, variant: variant ?? null };
    });
  }

  /** All nodes with details (`GET /2/nodes?bulk=1`). */
  nodes(): Promise<NodeInfo[]> {
    return this.get<NodeInfo[]>('/2/nodes', { bulk: 1 });
  }

  /** All node groups with details. */
  groups(): Promise<GroupInfo[]> {
    return this.get<GroupInfo[]>('/2/groups', { bulk: 1 });
  }

  /** All Ganeti networks with details. */
  networks(): Promise<NetworkInfo[]> {
    return this.get<NetworkInfo[]>('/2/networks', { bulk: 1 });
  }

  /** All instances with details. */
  instances(): Promise<InstanceInfo[]> {
    return this.get<InstanceInfo[]>('/2/instances', { bulk: 1 });
  }

  /** Instances carrying `tag` (e.g. the deployment id); empty when none remains. */
  async instancesByTag(tag: string): Promise<InstanceInfo[]> {
    return (await this.instances()).filter((i) => i.tags.includes(tag));
  }

  /** One instance, or null when Ganeti does not know it (404). */
  async instance(name: string): Promise<InstanceInfo | null> {
    try {
      return await this.get<InstanceInfo>(`/2/instances/${enc(name)}`);
    } catch (err) {
      if (err instanceof GanetiApiError && err.status === 404) return null;
      throw err;
    }
  }

  /**
   * The instance's own OS parameters (`custom_osparams`), which `GET /2/instances/<name>` does not return
   * (Ganeti 3.0), through the query resource; null when the instance is unknown.
   */
  async instanceOsParams(name: string): Promise<Record<string, string> | null> {
    const res = (await this.send({
      method: 'PUT',
      path: '/2/query/instance',
      body: { fields: ['custom_osparams'], qfilter: ['=', 'name', name] },
    })) as { data?: [number, unknown][][] } | null;
    const cell = res?.data?.[0]?.[0];
    if (cell?.[0] !== 0 || typeof cell[1] !== 'object' || cell[1] === null) return null;
    return Object.fromEntries(
      Object.entries(cell[1] as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
    );
  }

  /** Submits an instance creation; `name_check`/`ip_check` default to false. Returns the job id. */
  createInstance(req: InstanceCreateRequest, opts: { dryRun?: boolean } = {}): Promise<number> {
    const body = { __version__: 1, mode: 'create', name_check: false, ip_check: false, ...req };
    return this.submit('POST', '/2/instances', { 'dry-run': opts.dryRun || undefined }, body);
  }

  /**
   * Submits a parameter change of an instance. Returns the job id. `hotplug` defaults to false, so
   * NIC and disk changes to a running instance take effect at its next reboot on every Ganeti:
   * 3.0 defaults to no hotplug (and fails `hotplug: true` where the hypervisor cannot), 3.1 defaults
   * to hotplug and rejects 3.0's `hotplug_if_possible`.
   */
  modifyInstance(name: string, changes: InstanceModifyRequest): Promise<number> {
    const body = { hotplug: false, ...changes };
    return this.submit('PUT', `/2/instances/${enc(name)}/modify`, undefined, body);
  }

  /** Submits the removal of an instance (running ones are shut down first). Returns the job id. */
  deleteInstance(name: string, opts: { dryRun?: boolean } = {}): Promise<number> {
    return this.submit('DELETE', `/2/instances/${enc(name)}`, { 'dry-run': opts.dryRun || undefined });
  }

  /** Submits a start of an instance. Returns the job id. */
  startupInstance(name: string, opts: { force?: boolean } = {}): Promise<number> {
    return this.submit('PUT', `/2/instances/${enc(name)}/startup`, { force: opts.force || undefined });
  }

  /** Submits a shutdown (`timeout` seconds before a hard stop). Returns the job id. */
  shutdownInstance(name: string, opts: { timeout?: number } = {}): Promise<number> {
    const body = opts.timeout === undefined ? undefined : { timeout: opts.timeout };
    return this.submit('PUT', `/2/instances/${enc(name)}/shutdown`, undefined, body);
  }

  /** Submits a reboot (default type hard). Returns the job id. */
  rebootInstance(name: string, opts: { type?: 'soft' | 'hard' | 'full' } = {}): Promise<number> {
    return this.submit('POST', `/2/instances/${enc(name)}/reboot`, { type: opts.type });
  }

  /** Submits a rename (without name/IP checks). Returns the job id. */
  renameInstance(name: string, newName: string): Promise<number> {
    const body = { new_name: newName, name_check: false, ip_check: false };
    return this.submit('PUT', `/2/instances/${enc(name)}/rename`, undefined, body);
  }

  /** Submits a reinstall (one job: shutdown, reinstall, start unless `start` is false). Returns the job id. */
  reinstallInstance(
    name: string,
    opts: { os?: string; osparams?: Record<string, string>; start?: boolean } = {},
  ) {
    return this.submit('POST', `/2/instances/${enc(name)}/reinstall`, undefined, { start: true, ...opts });
  }

  /** Tags of an instance. */
  instanceTags(name: string): Promise<string[]> {
    return this.get<string[]>(`/2/instances/${enc(name)}/tags`);
  }

  /** Submits adding tags to an instance. Returns the job id. */
  addInstanceTags(name: string, tags: string[]): Promise<number> {
    return this.submit('PUT', `/2/instances/${enc(name)}/tags`, { tag: tags });
  }

  /** Submits removing tags from an instance. Returns the job id. */
  removeInstanceTags(name: string, tags: string[]): Promise<number> {
    return this.submit('DELETE', `/2/instances/${enc(name)}/tags`, { tag: tags });
  }

  /** Every job the cluster still knows (id, status, summary, …). */
  jobs(): Promise<Job[]> {
    return this.get<Job[]>('/2/jobs', { bulk: 1 });
  }

  /** A job, or null when the id is unknown to the cluster. */
  async job(id: number): Promise<Job | null> {
    const job = await this.get<Job | { status: null }>(`/2/jobs/${id}`);
    return job.status === null ? null : (job as Job);
  }

  /** Long poll: returns when status or log changed since `previous`, or null after ~10 s without change. */
  async waitForJobChange(
    id: number,
    previous: { status: JobStatus | null; logSerial: number | null },
    opts: { signal?: AbortSignal } = {},
  ): Promise<JobChange | null> {
    const body = {
      fields: ['status'],
      previous_job_info: previous.status === null ? null : [previous.status],
      previous_log_serial: previous.logSerial,
    };
    const res = (await this.send({
      method: 'GET',
      path: `/2/jobs/${id}/wait`,
      body,
      timeoutMs: 40_000,
      ...(opts.signal ? { signal: opts.signal } : {}),
    })) as { job_info: [JobStatus]; log_entries: JobLogEntry[] | null } | null;
    if (res === null) return null;
    return { status: res.job_info[0], logEntries: res.log_entries ?? [] };
  }

  /** Cancels a queued or waiting job; `cancelled` is false when it already ran or is unknown. */
  async cancelJob(id: number): Promise<CancelResult> {
    const res = (await this.send({ method: 'DELETE', path: `/2/jobs/${id}` })) as [boolean, string];
    return { cancelled: res[0] === true, message: String(res[1]) };
  }
}

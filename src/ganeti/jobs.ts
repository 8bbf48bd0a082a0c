// Waits for Ganeti jobs through the long poll and turns failed jobs into readable errors.
import { ExasolError, InterruptedError } from '../errors.ts';
import type { RapiClient } from './client.ts';
import { GanetiJobError } from './errors.ts';
import type { Job, JobChange, JobLogEntry, JobStatus } from './types.ts';

/** Options of waitForJob. */
export interface WaitForJobOptions {
  signal?: AbortSignal;
  /** Give up waiting (the job keeps running) after this many ms (a long poll in progress is cut short); default: forever. */
  timeoutMs?: number;
  /** Called once per new job log line, in order. */
  onLog?: (entry: JobLogEntry) => void;
}

const FINAL: ReadonlySet<JobStatus> = new Set(['success', 'error', 'canceled']);

/** True for the states a job never leaves. */
export function isFinalStatus(status: JobStatus): boolean {
  return FINAL.has(status);
}

/** Waits until the job is final; resolves with it on success, throws GanetiJobError otherwise. */
export async function waitForJob(
  client: RapiClient,
  jobId: number,
  opts: WaitForJobOptions = {},
): Promise<Job> {
  const deadline = opts.timeoutMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + opts.timeoutMs;
  let status: JobStatus | null = null;
  let logSerial: number | null = null;
  while (status === null || !isFinalStatus(status)) {
    if (opts.signal?.aborted) throw interrupted(client, jobId);
    if (Date.now() >= deadline) {
      throw new ExasolError(
        'E_GANETI_JOB_TIMEOUT',
        `Ganeti job ${jobId} at ${client.endpoint} is still ${status ?? 'queued'} after ${opts.timeoutMs} ms; ` +
          'it keeps running on the cluster',
      );
    }
    // A long poll lasts up to ~10 s: it is cut at the deadline, so a short timeout is kept.
    const remaining = deadline - Date.now();
    const untilDeadline = Number.isFinite(remaining)
      ? AbortSignal.timeout(Math.max(1, remaining))
      : undefined;
    const signals = [opts.signal, untilDeadline].filter((x): x is AbortSignal => x !== undefined);
    const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
    const change: JobChange | null = await client
      .waitForJobChange(jobId, { status, logSerial }, signal ? { signal } : {})
      .catch((err: unknown) => {
        if (opts.signal?.aborted) throw interrupted(client, jobId);
        if (untilDeadline?.aborted) return null; // the loop's deadline check reports the timeout
        throw err;
      });
    if (change === null) continue;
    status = change.status;
    for (const entry of change.logEntries) {
      logSerial = Math.max(logSerial ?? 0, entry[0]);
      opts.onLog?.(entry);
    }
  }
  const job = await client.job(jobId);
  if (job === null) {
    throw new GanetiJobError({
      endpoint: client.endpoint,
      jobId,
      status: 'error',
      summary: '?',
      message: 'job vanished',
    });
  }
  if (job.status !== 'success') throw jobError(client.endpoint, job);
  return job;
}

function interrupted(client: RapiClient, jobId: number): InterruptedError {
  return new InterruptedError(
    `stopped waiting for Ganeti job ${jobId} at ${client.endpoint}; it keeps running`,
  );
}

/** Builds the error for a job that ended in `error` or `canceled`, from its first failed opcode. */
export function jobError(endpoint: string, job: Job): GanetiJobError {
  const summary = (job.summary ?? []).join(', ') || 'job';
  const index = Math.max(
    0,
    (job.opstatus ?? []).findIndex((s) => s === 'error' || s === 'canceled'),
  );
  const detail = parseOpResult(job.opresult?.[index]);
  return new GanetiJobError({ endpoint, jobId: job.id, status: job.status, summary, ...detail });
}

/** Splits an opcode error result `[ErrorClass, [message, code?]]` (or a bare string) into its parts. */
export function parseOpResult(result: unknown): { errorClass?: string; errorCode?: string; message: string } {
  if (typeof result === 'string') return { message: result };
  if (Array.isArray(result) && typeof result[0] === 'string') {
    const [cls, args] = result as [string, unknown];
    if (Array.isArray(args)) {
      const message = args.length ? String(args[0]) : cls;
      const code = typeof args[1] === 'string' ? args[1] : undefined;
      return code ? { errorClass: cls, errorCode: code, message } : { errorClass: cls, message };
    }
    return { errorClass: cls, message: String(args ?? cls) };
  }
  return { message: JSON.stringify(result ?? null) };
}

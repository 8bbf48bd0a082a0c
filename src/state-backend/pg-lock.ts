// The cross-machine operation lock for the pg backend: a session-level PostgreSQL advisory lock keyed
// by the deployment id, held on one connection for the whole exasol operation (terraform and ansible).
// PostgreSQL frees it when that connection ends, so a killed runner never leaves a stale lock. Who
// holds it is read from pg_stat_activity: the holder's connection carries its operation, pid and host
// in application_name. The two-key form keeps us out of terraform's own (single bigint) lock keys.
import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from 'pg';
import { LockedError } from '../errors.ts';
import { connectPg } from './pg.ts';

/** First key of every exasol advisory lock ('EXAS'). */
export const LOCK_CLASS = 0x45584153;

/** Second key: 31 bits of the deployment id's SHA-256. */
export function lockKey(deploymentId: string): number {
  return createHash('sha256').update(deploymentId).digest().readUInt32BE(0) & 0x7fffffff;
}

/** application_name of the holding connection (PostgreSQL keeps 63 bytes). */
export function holderTag(operation: string, pid: number, host: string): string {
  return `exasol ${operation} pid ${pid} on ${host}`.slice(0, 63);
}

/** Turns a holder row into the words of describeLock(): `deploy (pid 1 on h, since …)`. */
export function describeHolder(row: {
  application_name: string | null;
  backend_start: Date | null;
  pid: number;
}): string {
  const since = row.backend_start ? row.backend_start.toISOString() : 'unknown';
  const m = /^exasol (\S+) pid (\d+) on (.+)$/.exec(row.application_name ?? '');
  if (m) return `${m[1]} (pid ${m[2]} on ${m[3]}, since ${since})`;
  return `a PostgreSQL session (server pid ${row.pid}, application '${row.application_name ?? 'hidden'}', since ${since})`;
}

/** A held cross-machine lock and the connection that holds it. */
export interface HeldPgLock {
  /** The holding connection (null once it was lost): writes under the lock go through it. */
  client(): Client | null;
  release(): Promise<void>;
}

/** Options of acquirePgLock. */
export interface PgLockOptions {
  connStrEnv: string;
  env: NodeJS.ProcessEnv;
  /** Wait this long for the holder to finish (0: fail at once). */
  timeoutMs: number;
  warn(message: string): void;
  pollMs?: number;
}

async function holder(client: Client, key: number): Promise<string> {
  const r = await client.query<{ application_name: string | null; backend_start: Date | null; pid: number }>(
    `SELECT a.application_name, a.backend_start, l.pid
       FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.granted AND l.classid = $1::oid AND l.objid = $2::oid AND l.objsubid = 2`,
    [LOCK_CLASS, key],
  );
  const row = r.rows[0];
  return row ? describeHolder(row) : 'another runner (it has just released it)';
}

/** Takes the lock of `deploymentId` for `operation`; LockedError (exit 3) names the holder. */
export async function acquirePgLock(
  deploymentId: string,
  operation: string,
  o: PgLockOptions,
): Promise<HeldPgLock> {
  const client = await connectPg(o.connStrEnv, o.env, holderTag(operation, process.pid, hostname()));
  const key = lockKey(deploymentId);
  const deadline = Date.now() + o.timeoutMs;
  let waiting = false;
  try {
    for (;;) {
      const r = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [
        LOCK_CLASS,
        key,
      ]);
      if (r.rows[0]?.ok) break;
      const who = await holder(client, key);
      if (Date.now() >= deadline)
        throw new LockedError(
          `deployment ${deploymentId} is locked on the shared state backend by ${who}`,
          o.timeoutMs > 0
            ? 'still held after --lock-timeout; try again later'
            : 'wait for it to finish, or pass --lock-timeout DURATION to wait for it',
        );
      if (!waiting)
        o.warn(
          `deployment ${deploymentId} is locked by ${who}; waiting up to ${Math.round(o.timeoutMs / 1000)}s`,
        );
      waiting = true;
      await sleep(Math.min(o.pollMs ?? 1000, Math.max(deadline - Date.now(), 10)));
    }
  } catch (err) {
    await client.end().catch(() => {});
    throw err;
  }
  let lost = false;
  client.on('error', (err) => {
    lost = true;
    o.warn(`lost the connection to PostgreSQL (${err.message}); the cross-machine lock is no longer held`);
  });
  return {
    client: () => (lost ? null : client),
    async release() {
      if (!lost) await client.query('SELECT pg_advisory_unlock($1, $2)', [LOCK_CLASS, key]).catch(() => {});
      await client.end().catch(() => {});
    },
  };
}

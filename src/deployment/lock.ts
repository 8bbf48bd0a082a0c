// The operation lock: a file created with O_EXCL naming pid, host, operation and start time.
// Taken before any status change; a lock whose pid is dead on this host is cleared by the next
// mutating command (with a warning); read-only commands only report it.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { LockedError } from '../errors.ts';
import { deploymentPaths } from './layout.ts';

/** What the lock file holds. */
export interface LockInfo {
  pid: number;
  host: string;
  operation: string;
  startedAt: string;
}

/** A held lock; release() removes the file if it is still ours. */
export interface HeldLock {
  info: LockInfo;
  release(): Promise<void>;
}

/** Reads the lock file; null when there is none. Retries briefly while a writer fills it in. */
export async function readLock(dir: string): Promise<LockInfo | null> {
  const path = deploymentPaths(dir).lock;
  for (let attempt = 0; attempt < 5; attempt++) {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    try {
      const info = JSON.parse(text) as LockInfo;
      if (typeof info.pid === 'number' && typeof info.host === 'string') return info;
    } catch {
      // being written right now; try again
    }
    await sleep(20);
  }
  return { pid: -1, host: 'unknown', operation: 'unknown', startedAt: 'unknown' };
}

/** True when the lock's process is known to be dead (same host, pid gone). */
export function isStale(info: LockInfo, thisHost = hostname()): boolean {
  if (info.host !== thisHost || info.pid <= 0) return false;
  try {
    process.kill(info.pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Describes the holder for messages. */
export function describeLock(info: LockInfo): string {
  return `${info.operation} (pid ${info.pid} on ${info.host}, since ${info.startedAt})`;
}

/** Takes the lock for `operation`, clearing a stale one with a warning; throws LockedError when held
 * (after waiting up to `timeoutMs` for the holder to finish). */
export async function acquireLock(
  dir: string,
  operation: string,
  warn: (msg: string) => void,
  timeoutMs = 0,
): Promise<HeldLock> {
  const path = deploymentPaths(dir).lock;
  const info: LockInfo = {
    pid: process.pid,
    host: hostname(),
    operation,
    startedAt: new Date().toISOString(),
  };
  const deadline = Date.now() + timeoutMs;
  let waiting = false;
  for (let cleared = 0; cleared < 3; ) {
    try {
      await writeFile(path, `${JSON.stringify(info)}\n`, { flag: 'wx', mode: 0o600 });
      return { info, release: () => releaseLock(dir, info) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = await readLock(dir);
    if (holder && isStale(holder)) {
      warn(`cleared a stale lock left by ${describeLock(holder)}: that process is gone`);
      await rm(path, { force: true });
      cleared++;
      continue;
    }
    if (holder && Date.now() >= deadline) {
      throw new LockedError(
        `deployment is locked by ${describeLock(holder)}`,
        timeoutMs > 0
          ? 'still held after --lock-timeout; try again later'
          : 'wait for it to finish (or pass --lock-timeout DURATION); if that process is gone on another host, remove .exasol.lock by hand',
      );
    }
    if (holder && !waiting) {
      warn(`deployment is locked by ${describeLock(holder)}; waiting up to ${Math.round(timeoutMs / 1000)}s`);
      waiting = true;
    }
    if (holder) await sleep(Math.min(500, Math.max(deadline - Date.now(), 10)));
  }
  throw new LockedError('could not take the deployment lock after 3 attempts');
}

async function releaseLock(dir: string, mine: LockInfo): Promise<void> {
  const current = await readLock(dir);
  if (
    current &&
    current.pid === mine.pid &&
    current.host === mine.host &&
    current.startedAt === mine.startedAt
  ) {
    await rm(deploymentPaths(dir).lock, { force: true });
  }
}

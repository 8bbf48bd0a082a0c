// The operation lock: a file linked into place whole, naming pid, host, operation and start time.
// Taken before any status change; a lock whose pid is dead on this host is cleared by the next
// mutating command (with a warning); read-only commands only report it.
import { randomBytes } from 'node:crypto';
import { constants, link, lstat, open, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { LockedError } from '../errors.ts';
import { printable } from '../options/parsers.ts';
import { withPath } from '../util/system-error.ts';
import { deploymentPaths } from './layout.ts';
import { clearStaleLock, fileIdentity } from './lock-clear.ts';

/** What the lock file holds. */
export interface LockInfo {
  pid: number;
  host: string;
  operation: string;
  startedAt: string;
  /** Set when the file exists but holds no lock record: why it is damaged. */
  damaged?: string;
}

/** A held lock; release() removes the file if it is still ours. */
export interface HeldLock {
  info: LockInfo;
  release(): Promise<void>;
}

/** Reads the lock file; null when there is none. The lock is linked into place whole, so a file that
 * is not a regular file or does not parse is damaged (ENOSPC, a crash, a hand edit), never half-written. */
export async function readLock(dir: string): Promise<LockInfo | null> {
  return (await readLockFile(deploymentPaths(dir).lock))?.info ?? null;
}

/** A lock file as read: its record, and which file it was (see lock-clear.ts). */
interface LockFile {
  info: LockInfo;
  identity: string;
  isDirectory: boolean;
}

async function readLockFile(path: string): Promise<LockFile | null> {
  const damaged = (reason: string): LockInfo => ({
    pid: -1,
    host: 'unknown',
    operation: 'unknown',
    startedAt: 'unknown',
    damaged: reason,
  });
  let text: string;
  let identity: string;
  try {
    const st = await lstat(path, { bigint: true });
    const other = (reason: string): LockFile => ({
      info: damaged(reason),
      identity: fileIdentity(st),
      isDirectory: st.isDirectory(),
    });
    if (st.isSymbolicLink()) return other('a symbolic link');
    if (st.isDirectory()) return other('a directory');
    if (!st.isFile()) return other('not a regular file');
    if (st.size > 4096n) return other(`${st.size} bytes`);
    // Record and identity from one open file, so they belong together even if the path changes.
    const fh = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW);
    try {
      identity = fileIdentity(await fh.stat({ bigint: true }));
      text = await fh.readFile('utf8');
    } finally {
      await fh.close();
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  return {
    info: parseRecord(text) ?? damaged(text.trim() === '' ? 'empty' : 'not a lock record'),
    identity,
    isDirectory: false,
  };
}

/** The lock record in `text`, or null when it holds none. */
function parseRecord(text: string): LockInfo | null {
  try {
    const info = JSON.parse(text) as Partial<LockInfo>;
    if (
      Number.isSafeInteger(info.pid) &&
      (info.pid as number) > 0 &&
      typeof info.host === 'string' &&
      typeof info.operation === 'string' &&
      typeof info.startedAt === 'string'
    )
      return {
        pid: info.pid as number,
        host: printable(info.host),
        operation: printable(info.operation),
        startedAt: printable(info.startedAt),
      };
  } catch {
    // damaged: the caller says so
  }
  return null;
}

/** True when the lock's process is known to be dead (same host, pid gone), or the file is damaged. */
export function isStale(info: LockInfo, thisHost = hostname()): boolean {
  if (info.damaged) return true;
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
  if (info.damaged) return `a damaged lock file (${info.damaged})`;
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
    if (await linkLock(path, info)) return { info, release: () => releaseLock(dir, info) };
    const file = await readLockFile(path);
    const holder = file?.info ?? null;
    if (file && holder && isStale(holder)) {
      // Several processes may find the same stale lock: only the one that removes it says so.
      if (await clearStaleLock(path, file.identity, file.isDirectory))
        warn(
          holder.damaged
            ? `cleared ${describeLock(holder)} at ${path}: no operation can hold it`
            : `cleared a stale lock left by ${describeLock(holder)}: that process is gone`,
        );
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

/** Writes the record to a private temporary file, then links it into place: the lock appears whole
 * or not at all. False when another lock is there. */
async function linkLock(path: string, info: LockInfo): Promise<boolean> {
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  // A directory that takes no files (read-only, full, not ours) is named, not the temporary file.
  const fh = await open(
    tmp,
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
    0o600,
  ).catch((err: unknown) => {
    throw withPath(err, dirname(path));
  });
  try {
    await fh.writeFile(`${JSON.stringify(info)}\n`);
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await link(tmp, path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    await rm(tmp, { force: true });
  }
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

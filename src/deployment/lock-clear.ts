// Clearing a stale or damaged lock file when several processes find it at once. Each removes it only
// while holding an O_EXCL marker named after that very file (device, inode, change time) and only
// while the path still holds that file: the racers that lose never remove the new lock the winner
// has just linked into place (a plain rm of the path would).
import type { BigIntStats } from 'node:fs';
import { constants, lstat, open, rm, rmdir } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { ExasolError } from '../errors.ts';
import { sha256Hex } from '../util/sha256.ts';

/** Which file a path held when it was read: stable for a lock nobody touches any more. */
export function fileIdentity(st: BigIntStats): string {
  return `${st.dev}:${st.ino}:${st.ctimeNs}`;
}

/** Identity of what `path` holds now, or null when nothing is there. */
async function identityAt(path: string): Promise<string | null> {
  try {
    return fileIdentity(await lstat(path, { bigint: true }));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** Takes the marker; false when it exists (another process is clearing the same file). */
async function takeMarker(marker: string): Promise<boolean> {
  try {
    const fh = await open(
      marker,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
      0o600,
    );
    await fh.writeFile(`${process.pid}\n`);
    await fh.close();
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

/**
 * Removes the lock file that had `identity` at `path` (rmdir for an empty directory), unless it has
 * been replaced or removed meanwhile. True when this process removed it; false when it was gone
 * already or another process cleared it. Waits up to `waitMs` for another clearer to finish.
 */
export async function clearStaleLock(
  path: string,
  identity: string,
  isDirectory: boolean,
  waitMs = 5_000,
): Promise<boolean> {
  const marker = `${path}.clear-${sha256Hex(identity).slice(0, 16)}`;
  const deadline = Date.now() + waitMs;
  while (!(await takeMarker(marker))) {
    if ((await identityAt(path)) !== identity) {
      // That file is gone and its identity never comes back: the marker guards nothing any more.
      await rm(marker, { force: true });
      return false;
    }
    if (Date.now() >= deadline)
      throw new ExasolError(
        'E_LOCK_DAMAGED',
        `${marker} is left by a clearing of ${path} that did not finish`,
        {
          hint: `no exasol command is running on this deployment if ps shows none: remove both files, then run the command again`,
        },
      );
    await sleep(10);
  }
  try {
    if ((await identityAt(path)) !== identity) return false;
    if (isDirectory) {
      await rmdir(path).catch((err: NodeJS.ErrnoException) => {
        throw new ExasolError('E_LOCK_DAMAGED', `${path} is a directory that is not empty (${err.code})`, {
          hint: 'nothing of exasol lives there: move it away, then run the command again',
        });
      });
    } else await rm(path, { force: true });
    return true;
  } finally {
    await rm(marker, { force: true });
  }
}

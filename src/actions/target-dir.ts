// Checks the requested deployment directory and builds the new one beside it, moved in place at the end.
import { rmSync } from 'node:fs';
import { lstat, mkdtemp, readdir, realpath, rename, rm, rmdir, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { FILES } from '../deployment/layout.ts';
import { ExasolError, UsageError } from '../errors.ts';

/** Staging directories of this process not yet committed or discarded. */
const activeStaging = new Set<string>();

/**
 * Fails unless `dir` is absent (with an existing parent directory) or an empty directory, and its
 * name holds no control characters (they would break every file and hint that names the path).
 */
export async function checkTargetDir(dir: string): Promise<{ exists: boolean }> {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\u0000-\u001f\u007f]/.test(dir))
    throw new UsageError(`${JSON.stringify(dir)} contains control characters`, {
      flag: '--deployment-dir',
      accepted: 'a path without newlines, tabs or escape characters',
    });
  let st: Awaited<ReturnType<typeof stat>>;
  try {
    st = await lstat(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    const parent = dirname(resolve(dir));
    const up = await stat(parent).catch(() => null);
    if (!up?.isDirectory())
      throw new UsageError(`the parent directory ${parent} does not exist; create it first (mkdir -p)`, {
        flag: '--deployment-dir',
      });
    return { exists: false };
  }
  // The directory is built beside the path and renamed onto it: a link would be replaced, not used.
  if (st.isSymbolicLink())
    throw new UsageError(`${dir} is a symbolic link`, {
      flag: '--deployment-dir',
      accepted: `a new or empty directory; pass the real path ${await realpath(dir).catch(() => 'it points to')}`,
    });
  if (!st.isDirectory())
    throw new UsageError(`${dir} exists and is not a directory`, { flag: '--deployment-dir' });
  const entries = await readdir(dir);
  if (entries.includes(FILES.state)) {
    throw new UsageError(`${dir} is already a deployment directory`, {
      flag: '--deployment-dir',
      accepted: 'a new or empty directory',
    });
  }
  if (entries.length > 0)
    throw new UsageError(`${dir} is not empty`, {
      flag: '--deployment-dir',
      accepted: 'a new or empty directory',
    });
  return { exists: true };
}

/** A staging directory (0700) next to `dir`, so the final move is a rename on one file system. */
export async function makeStagingDir(dir: string): Promise<string> {
  const abs = resolve(dir);
  try {
    const staging = await mkdtemp(join(dirname(abs), `.${basename(abs)}.exasol-init-`));
    activeStaging.add(staging);
    return staging;
  } catch (err) {
    throw new ExasolError(
      'E_DIR',
      `cannot create a directory next to ${abs}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`,
      { cause: err },
    );
  }
}

/** Moves the finished staging directory to `dir` (replacing an empty one). */
export async function commitStagingDir(staging: string, dir: string, existed: boolean): Promise<void> {
  if (existed) await rmdir(dir);
  await rename(staging, dir);
  activeStaging.delete(staging);
}

/** Removes a staging directory after a failure. */
export async function discardStagingDir(staging: string): Promise<void> {
  await rm(staging, { recursive: true, force: true });
  activeStaging.delete(staging);
}

/**
 * Removes, synchronously, every staging directory this process still has: for a signal handler
 * that exits right after (an interrupted init leaves nothing beside the target).
 */
export function discardActiveStagingDirsSync(): void {
  for (const staging of activeStaging) rmSync(staging, { recursive: true, force: true });
  activeStaging.clear();
}

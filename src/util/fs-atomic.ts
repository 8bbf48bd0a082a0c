// Writes files so that readers never see half a file, with owner-only permissions by default.
import { randomBytes } from 'node:crypto';
import { appendFile, chmod, constants, lstat, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ExasolError } from '../errors.ts';

/** Writes `content` to `path` via a temp file and rename; mode defaults to 0600. */
export async function writeFileAtomic(
  path: string,
  content: string | Uint8Array,
  mode = 0o600,
): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, content, { mode, flag: 'wx' });
    await chmod(tmp, mode);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/** Serialises `value` as pretty JSON and writes it atomically (0600 unless told otherwise). */
export async function writeJsonAtomic(path: string, value: unknown, mode = 0o600): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`, mode);
}

/** Appends to a private file inside the deployment directory, never through a symbolic link. */
export async function appendPrivate(path: string, text: string): Promise<void> {
  const flag = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW;
  await appendFile(path, text, { flag, mode: 0o600 }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ELOOP')
      throw new ExasolError(
        'E_UNSAFE_FILE',
        `${path} is a symbolic link; exasol writes only to files inside the deployment directory`,
        {
          hint: 'remove the link, then run the command again',
        },
      );
    throw err;
  });
}

/** Makes sure `path` is a real directory (created 0700 when missing), never a link to elsewhere. */
export async function ensurePrivateDir(path: string): Promise<void> {
  // recursive: no error when it exists; what exists is checked below without following it.
  await mkdir(path, { recursive: true, mode: 0o700 }).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'EEXIST' && err.code !== 'ENOTDIR') throw err;
  });
  const st = await lstat(path);
  if (!st.isDirectory())
    throw new ExasolError(
      'E_UNSAFE_FILE',
      `${path} is ${st.isSymbolicLink() ? 'a symbolic link' : 'not a directory'}; exasol writes only inside the deployment directory`,
      { hint: 'remove it (exasol re-creates the folder), then run the command again' },
    );
}

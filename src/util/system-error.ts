// A file-system error Node raised (EISDIR, EROFS, ENOSPC, …) as one line naming the path and the fix,
// instead of a stack trace.
import { ExasolError } from '../errors.ts';
import { printable } from '../options/parsers.ts';

const FIXES: Record<string, [string, string]> = {
  EISDIR: [
    'is a directory where exasol expects a file',
    'move the directory away; exasol re-creates the file',
  ],
  ENOTDIR: [
    'has a part that is not a directory',
    'check the path (a file or a dangling link stands where a folder belongs)',
  ],
  EROFS: ['is on a read-only file system', 'use a deployment directory on a writable file system'],
  ENOSPC: [
    'cannot be written: no space left on the device',
    'free space on that file system, then run the command again',
  ],
  EDQUOT: [
    'cannot be written: disk quota exceeded',
    'free space within your quota, then run the command again',
  ],
  ENAMETOOLONG: ['has a name too long for the file system', 'use a shorter path'],
  EACCES: ['is not accessible (permission denied)', 'check the owner and mode of the path'],
  EPERM: ['cannot be changed (operation not permitted)', 'check the owner, mode and attributes of the path'],
  ELOOP: [
    'is a symbolic link where exasol does not follow links',
    'replace the link with the real file or folder',
  ],
  EMFILE: ['cannot be opened: too many open files', 'raise the open-file limit (ulimit -n)'],
  ENOENT: [
    'does not exist',
    'check the path; re-create the deployment with exasol init if its files are gone',
  ],
  EEXIST: ['already exists', 'move it away, then run the command again'],
};

/** The one-line message and fix for a Node file-system error, or null for any other error. */
export function systemError(err: unknown, at?: string): { message: string; hint: string } | null {
  const e = err as NodeJS.ErrnoException | null;
  const where = at ?? e?.path;
  if (!(err instanceof Error) || typeof e?.code !== 'string' || typeof where !== 'string') return null;
  const fix = FIXES[e.code];
  const path = printable(where);
  if (!fix)
    return {
      message: `${path}: ${e.code} (${e.syscall ?? 'file system'})`,
      hint: 'check the path and the file system',
    };
  return { message: `${path} ${fix[0]} (${e.code})`, hint: fix[1] };
}

/** `err` (raised while using `path`) as an ExasolError with the one-line message; other errors unchanged. */
export function withPath(err: unknown, path: string): unknown {
  const sys = systemError(err, path);
  return sys
    ? new ExasolError('E_FS', sys.message, {
        hint: sys.hint,
        cause: err,
      })
    : err;
}

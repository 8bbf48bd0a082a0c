// Raw file-system errors become one line naming the path and the fix (no stack trace); produced here
// by real calls wherever this machine can cause them (ENOSPC from /dev/full, EISDIR, ENOTDIR, …).
import { constants, existsSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { open, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isExasolError } from '../../../src/errors.ts';
import { systemError, withPath } from '../../../src/util/system-error.ts';

const dir = mkdtempSync(join(tmpdir(), 'exa18-syserr-'));
writeFileSync(join(dir, 'file'), 'x');
symlinkSync('/etc/hostname', join(dir, 'link'));

const raised = async (p: Promise<unknown>) =>
  p.then(
    () => new Error('no error'),
    (e: unknown) => e,
  );

describe('systemError', () => {
  it.each([
    ['EISDIR', () => readFile(dir), dir, 'is a directory where exasol expects a file (EISDIR)'],
    [
      'ENOTDIR',
      () => readFile(join(dir, 'file', 'x')),
      join(dir, 'file', 'x'),
      'has a part that is not a directory (ENOTDIR)',
    ],
    [
      'ENAMETOOLONG',
      () => readFile(join(dir, 'x'.repeat(300))),
      join(dir, 'x'.repeat(300)),
      'has a name too long for the file system (ENAMETOOLONG)',
    ],
    [
      'ELOOP',
      () => open(join(dir, 'link'), constants.O_RDONLY | constants.O_NOFOLLOW),
      join(dir, 'link'),
      'is a symbolic link where exasol does not follow links (ELOOP)',
    ],
    ...(existsSync('/dev/full')
      ? [
          [
            'ENOSPC',
            () => writeFile('/dev/full', 'x'),
            '/dev/full',
            'cannot be written: no space left on the device (ENOSPC)',
          ] as const,
        ]
      : []),
  ] as const)('%s: one line with the path and a fix', async (_code, call, path, words) => {
    const err = await raised(call());
    const e = withPath(err, path);
    expect(isExasolError(e)).toBe(true);
    expect((e as Error).message).toBe(`${path} ${words}`);
    expect((e as Error).message).not.toContain('\n');
    expect(systemError(err, path)?.hint).toMatch(/\S/);
  });

  it('names an EROFS path (a read-only mount) and leaves errors that are not file-system errors alone', () => {
    const rofs = Object.assign(new Error('EROFS: read-only file system, open'), {
      code: 'EROFS',
      path: '/ro/x',
    });
    expect(systemError(rofs)).toEqual({
      message: '/ro/x is on a read-only file system (EROFS)',
      hint: 'use a deployment directory on a writable file system',
    });
    const plain = new Error('boom');
    expect(systemError(plain)).toBeNull();
    expect(withPath(plain, '/x')).toBe(plain);
  });
});

// clearStaleLock on its own: it removes only the file it was told about, and says what to do when a
// clearing that died left its marker behind.
import { lstatSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { clearStaleLock, fileIdentity } from '../../../src/deployment/lock-clear.ts';
import { sha256Hex } from '../../../src/util/sha256.ts';

const identity = (p: string) => fileIdentity(lstatSync(p, { bigint: true }));

function lockDir(): { dir: string; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'exa-lock-clear-'));
  return { dir, path: join(dir, '.exasol.lock') };
}

it('removes the stale file and its marker', async () => {
  const { dir, path } = lockDir();
  writeFileSync(path, 'garbage');
  expect(await clearStaleLock(path, identity(path), false)).toBe(true);
  expect(readdirSync(dir)).toEqual([]);
});

it('leaves a new lock that took the stale one’s place alone', async () => {
  const { dir, path } = lockDir();
  writeFileSync(join(dir, 'old'), 'garbage');
  const old = identity(join(dir, 'old'));
  writeFileSync(path, '{"pid":1}');
  expect(await clearStaleLock(path, old, false)).toBe(false);
  expect(readdirSync(dir).sort()).toEqual(['.exasol.lock', 'old']);
});

/** The marker a clearing of the file with `id` at `path` holds (one that died left it behind). */
function leftMarker(path: string, id: string): string {
  const marker = `${path}.clear-${sha256Hex(id).slice(0, 16)}`;
  writeFileSync(marker, '4711\n');
  return marker;
}

it('reports a marker a dead clearing left while its stale file is still there', async () => {
  const { path } = lockDir();
  writeFileSync(path, 'garbage');
  const marker = leftMarker(path, identity(path));
  await expect(clearStaleLock(path, identity(path), false, 50)).rejects.toThrow(
    `${marker} is left by a clearing of ${path} that did not finish`,
  );
});

it('drops a left marker once its file is gone, keeping the new lock', async () => {
  const { dir, path } = lockDir();
  writeFileSync(join(dir, 'old'), 'garbage');
  const old = identity(join(dir, 'old'));
  leftMarker(path, old);
  writeFileSync(path, '{"pid":1}');
  expect(await clearStaleLock(path, old, false, 50)).toBe(false);
  expect(readdirSync(dir).sort()).toEqual(['.exasol.lock', 'old']);
});

// A deployment directory on a real read-only file system (a read-only bind mount in a private mount
// namespace, `unshare -m`): commands that change the deployment stop with one line naming the
// directory and the fix, exit 1, print no stack trace and leave the directory as it was; status only
// reads, so it still answers.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, cli, cliEnv, ensureBuilt, initDeployment, tempDir } from '../../helpers/orchestration.ts';

/** Why a private read-only bind mount cannot be made here, or null. */
function roMountMissing(): string | null {
  if (process.getuid?.() !== 0) return 'not root: unshare -m and mount need root';
  const r = spawnSync('unshare', ['-m', '--propagation', 'private', 'true'], { encoding: 'utf8' });
  return r.status === 0 ? null : `unshare -m failed: ${(r.stderr || String(r.error)).trim()}`;
}
const missing = roMountMissing();
if (missing) process.stderr.write(`read-only file system suite skipped: ${missing}\n`);

/** `exasol ARGS` with `dir` bind-mounted read-only over itself, seen by that process alone. */
function cliReadOnly(dir: string, args: string[], env: NodeJS.ProcessEnv) {
  const script = 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" "$1" && shift && exec "$@"';
  return spawnSync(
    'unshare',
    ['-m', '--propagation', 'private', 'sh', '-c', script, 'sh', dir, process.execPath, CLI, ...args],
    { env, encoding: 'utf8' },
  );
}

/** Every file below `root` with its size and mtime, to show nothing was written. */
function snapshot(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .sort()
    .map((f) => {
      const st = statSync(join(root, f));
      return `${f} ${st.size} ${st.mtimeMs}`;
    });
}

describe.skipIf(missing)('a deployment directory on a read-only file system', () => {
  let dir = '';
  let env: NodeJS.ProcessEnv = {};
  beforeAll(async () => {
    ensureBuilt();
    const work = await tempDir();
    env = cliEnv(work);
    dir = await initDeployment(work, env, 1);
    const r = await cli(['deploy', '--deployment-dir', dir], env);
    expect(r.code).toBe(0);
  });

  it.each([['deploy'], ['stop'], ['destroy', '--yes']])(
    '%s names the directory and the fix in one line, exit 1, no stack trace',
    (...args) => {
      const before = snapshot(dir);
      const r = cliReadOnly(dir, [...args, '--deployment-dir', dir], env);
      expect(r.status).toBe(1);
      expect(r.stderr.split('\n').filter((l) => l.startsWith('error:'))).toEqual([
        `error: ${dir} is on a read-only file system (EROFS) [E_FS]`,
      ]);
      expect(r.stderr).toContain('hint: use a deployment directory on a writable file system');
      expect(r.stderr).not.toMatch(/^\s+at /m);
      expect(snapshot(dir)).toEqual(before);
      expect(JSON.parse(readFileSync(join(dir, '.exasol.json'), 'utf8')).status).toBe('database_ready');
    },
  );

  it('status still reads it (data on stdout, exit 0)', () => {
    const r = cliReadOnly(dir, ['status', '--json', '--deployment-dir', dir], env);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'database_ready' });
  });
});

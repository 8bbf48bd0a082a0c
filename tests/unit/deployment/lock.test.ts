// The deployment lock between real processes: a second holder is refused while the first provably
// still holds it (a fifo barrier), a dead holder's lock is cleared with a warning.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { acquireLock, describeLock, isStale, readLock } from '../../../src/deployment/lock.ts';
import { bundle } from '../../helpers/esbuild.ts';

const work = mkdtempSync(join(tmpdir(), 'exa-lock-'));
const holder = join(work, 'lock-holder.mjs');

beforeAll(async () => {
  await bundle({ 'lock-holder': 'tests/fixtures/lock-holder.ts' }, work, { selfContained: true });
});

function waitForLine(child: ReturnType<typeof spawn>, line: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let buf = '';
    child.stdout?.on('data', (d: Buffer) => {
      buf += d.toString();
      if (buf.includes(line)) resolve();
    });
    child.on('exit', (code) => reject(new Error(`holder exited ${code} before '${line}'`)));
  });
}

describe('deployment lock', () => {
  it('refuses a second process while the first holds the lock, then lets it in', async () => {
    const dir = mkdtempSync(join(work, 'd-'));
    const fifo = join(work, `barrier-${Date.now()}`);
    execFileSync('mkfifo', [fifo]);
    const first = spawn(process.execPath, [holder, dir, fifo], { stdio: ['ignore', 'pipe', 'pipe'] });
    await waitForLine(first, 'locked');

    const second = spawnSync(process.execPath, [holder, dir], { encoding: 'utf8' });
    expect(second.status).toBe(3);
    expect(second.stderr).toContain(
      `error: deployment is locked by deploy (pid ${first.pid} on ${hostname()}, since `,
    );

    const exited = new Promise<number | null>((r) => first.on('exit', r));
    writeFileSync(fifo, 'go');
    expect(await exited).toBe(0);
    expect(await readLock(dir)).toBeNull();
    const third = spawnSync(process.execPath, [holder, dir], { encoding: 'utf8' });
    expect(third.status).toBe(0);
    expect(third.stdout).toBe('locked\nreleased\n');
  });

  it('clears a lock whose process is dead, with a warning', async () => {
    const dir = mkdtempSync(join(work, 'stale-'));
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    const info = {
      pid: Number(dead.stdout),
      host: hostname(),
      operation: 'deploy',
      startedAt: '2026-01-01T00:00:00.000Z',
    };
    writeFileSync(join(dir, '.exasol.lock'), JSON.stringify(info));
    expect(isStale(info)).toBe(true);
    const r = spawnSync(process.execPath, [holder, dir], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(
      `warn: cleared a stale lock left by ${describeLock(info)}: that process is gone`,
    );
  });

  it.each([
    ['empty (ENOSPC while it was written)', (p: string) => writeFileSync(p, ''), 'empty'],
    ['garbage', (p: string) => writeFileSync(p, '\u0000\u0001{not json'), 'not a lock record'],
    [
      'a record with pid -1',
      (p: string) =>
        writeFileSync(p, JSON.stringify({ pid: -1, host: hostname(), operation: 'x', startedAt: 'y' })),
      'not a lock record',
    ],
    ['a symbolic link', (p: string) => symlinkSync('/etc/hostname', p), 'a symbolic link'],
    ['an empty directory', (p: string) => mkdirSync(p), 'a directory'],
  ])(
    'treats a lock file that is %s as damaged: says so and clears it like a stale one',
    (_what, plant, reason) => {
      const dir = mkdtempSync(join(work, 'damaged-'));
      const path = join(dir, '.exasol.lock');
      plant(path);
      const r = spawnSync(process.execPath, [holder, dir], { encoding: 'utf8' });
      expect([r.status, r.stdout]).toEqual([0, 'locked\nreleased\n']);
      expect(r.stderr).toBe(
        `warn: cleared a damaged lock file (${reason}) at ${path}: no operation can hold it\n`,
      );
      expect(existsSync(path)).toBe(false);
      expect(readFileSync('/etc/hostname', 'utf8').length).toBeGreaterThan(0);
    },
  );

  it('refuses in one line when a non-empty directory sits where the lock goes', () => {
    const dir = mkdtempSync(join(work, 'lockdir-'));
    mkdirSync(join(dir, '.exasol.lock'));
    writeFileSync(join(dir, '.exasol.lock', 'keep'), 'x');
    const r = spawnSync(process.execPath, [holder, dir], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('error:'))).toEqual([
      `error: ${join(dir, '.exasol.lock')} is a directory that is not empty (ENOTEMPTY)`,
    ]);
    expect(readFileSync(join(dir, '.exasol.lock', 'keep'), 'utf8')).toBe('x');
  });

  it('takes the lock by linking a complete record into place (no temporary file left behind)', async () => {
    const dir = mkdtempSync(join(work, 'link-'));
    const r = spawnSync(process.execPath, [holder, dir], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(readdirSync(dir)).toEqual([]);
    const lock = await acquireLock(dir, 'deploy', () => {});
    expect(JSON.parse(readFileSync(join(dir, '.exasol.lock'), 'utf8'))).toEqual(lock.info);
    expect(statSync(join(dir, '.exasol.lock')).nlink).toBe(1);
    expect(readdirSync(dir)).toEqual(['.exasol.lock']);
    await lock.release();
  });

  it('never clears a lock held on another host', () => {
    expect(isStale({ pid: 999999, host: 'elsewhere', operation: 'deploy', startedAt: 'x' }, 'here')).toBe(
      false,
    );
    expect(isStale({ pid: process.pid, host: hostname(), operation: 'deploy', startedAt: 'x' })).toBe(false);
  });
});

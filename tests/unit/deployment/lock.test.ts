// The deployment lock between real processes: a second holder is refused while the first provably
// still holds it (a fifo barrier), a dead holder's lock is cleared with a warning.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeLock, isStale, readLock } from '../../../src/deployment/lock.ts';
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

  it('never clears a lock held on another host', () => {
    expect(isStale({ pid: 999999, host: 'elsewhere', operation: 'deploy', startedAt: 'x' }, 'here')).toBe(
      false,
    );
    expect(isStale({ pid: process.pid, host: hostname(), operation: 'deploy', startedAt: 'x' })).toBe(false);
  });
});

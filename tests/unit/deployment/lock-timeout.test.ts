// --lock-timeout on the local lock: the holder is named once, the waiter gets in when it is released,
// and gives up with exit 3 when the holder stays.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLock } from '../../../src/deployment/lock.ts';
import { LockedError } from '../../../src/errors.ts';

const work = mkdtempSync(join(tmpdir(), 'exa-lock-timeout-'));

describe('acquireLock with a timeout', () => {
  it('waits for a live holder and takes the lock once it is released', async () => {
    const dir = mkdtempSync(join(work, 'd-'));
    const first = await acquireLock(dir, 'deploy', () => {});
    const warnings: string[] = [];
    setTimeout(() => void first.release(), 600);
    const t0 = Date.now();
    const second = await acquireLock(dir, 'destroy', (m) => warnings.push(m), 10_000);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(500);
    expect(second.info.operation).toBe('destroy');
    expect(warnings).toEqual([
      expect.stringMatching(
        new RegExp(
          `^deployment is locked by deploy \\(pid ${process.pid} on ${hostname()}, since .*\\); waiting up to 10s$`,
        ),
      ),
    ]);
    await second.release();
  });

  it('gives up with exit 3 when the holder stays past the timeout', async () => {
    const dir = mkdtempSync(join(work, 'd-'));
    // A lock of a live process on another host is never cleared as stale.
    writeFileSync(
      join(dir, '.exasol.lock'),
      JSON.stringify({ pid: 1, host: 'runner-7', operation: 'stop', startedAt: '2026-11-22T01:00:00.000Z' }),
    );
    const t0 = Date.now();
    const err = await acquireLock(dir, 'deploy', () => {}, 700).catch((e: unknown) => e);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(650);
    expect(err).toBeInstanceOf(LockedError);
    expect((err as LockedError).exitCode).toBe(3);
    expect((err as LockedError).message).toBe(
      'deployment is locked by stop (pid 1 on runner-7, since 2026-11-22T01:00:00.000Z)',
    );
    expect((err as LockedError).hint).toBe('still held after --lock-timeout; try again later');
  });
});

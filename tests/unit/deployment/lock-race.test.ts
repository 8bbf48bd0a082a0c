// Many real processes racing on one stale (or damaged) lock, round after round: clearing it must never
// remove the new lock another racer has just taken, so there is exactly one holder at a time.
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bundle } from '../../helpers/esbuild.ts';

const work = mkdtempSync(join(tmpdir(), 'exa-lock-race-'));
const racer = join(work, 'lock-racer.mjs');
const RACERS = 6;
const ROUNDS = 40;

beforeAll(async () => {
  await bundle({ 'lock-racer': 'tests/fixtures/lock-racer.ts' }, work, { selfContained: true });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A lock left by a process that is gone (a pid above pid_max never exists), or a damaged one. */
function staleLock(round: number): string {
  if (round % 3 === 2) return 'half a lock record';
  const pid = Number(readFileSync('/proc/sys/kernel/pid_max', 'utf8')) + 1 + round;
  return `${JSON.stringify({ pid, host: hostname(), operation: 'deploy', startedAt: '2020-01-01T00:00:00Z' })}\n`;
}

it(`${RACERS} processes clearing the same stale lock never hold it together (${ROUNDS} rounds)`, async () => {
  const dir = join(work, 'dep');
  const control = join(work, 'control');
  mkdirSync(dir);
  mkdirSync(control);
  const children = Array.from({ length: RACERS }, () =>
    spawn(process.execPath, [racer, dir, control, String(ROUNDS), '150'], { stdio: 'ignore' }),
  );
  const exits = children.map((c) => new Promise((res) => c.on('exit', res)));
  const ready = () => readdirSync(control).filter((f) => f.startsWith('ready-')).length;
  while (ready() < RACERS) await sleep(10);
  const outcomes: string[][] = [];
  for (let r = 0; r < ROUNDS; r++) {
    writeFileSync(join(dir, '.exasol.lock'), staleLock(r));
    writeFileSync(join(control, `go-${r}`), '');
    const mine = () => readdirSync(control).filter((f) => f.startsWith(`result-${r}-`));
    const end = Date.now() + 30_000;
    while (mine().length < RACERS && Date.now() < end) await sleep(5);
    outcomes.push(mine().map((f) => readFileSync(join(control, f), 'utf8')));
  }
  await Promise.all(exits);
  // A late racer may take the lock after the winner let go; two holders at once is the failure.
  const bad = outcomes
    .map((o, r) => ({ round: r, o }))
    .filter((x) => !x.o.includes('acquired') || x.o.some((y) => y !== 'acquired' && y !== 'locked'));
  expect(bad).toEqual([]);
  // The lock and any clearing leftovers are gone after the last release.
  expect(existsSync(join(dir, '.exasol.lock'))).toBe(false);
  expect(readdirSync(dir)).toEqual([]);
}, 180_000);

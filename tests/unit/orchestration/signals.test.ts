// Signals and the lock between real processes: SIGINT mid-apply reaches terraform once, the run ends
// as deployment_interrupted with exit 130 and the lock released; two processes that provably overlap
// (the terraform stand-in waits on a barrier) → the second exits 3 naming the holder.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  cli,
  cliEnv,
  ensureBuilt,
  initDeployment,
  readState,
  records,
  spawnCli,
  tempDir,
  until,
} from '../../helpers/orchestration.ts';

beforeAll(() => ensureBuilt());

describe('interruption', () => {
  it('SIGINT during apply: one SIGINT to terraform, state saved, deployment_interrupted, exit 130, lock released', async () => {
    const work = await tempDir();
    const env = cliEnv(work, { FAKE_TF_DELAY_MS: '1500' });
    const dir = await initDeployment(work, env, 3);
    const run = spawnCli(['deploy', '--deployment-dir', dir], env);
    let stderr = '';
    run.child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    await until(() => stderr.includes('creating fake_node.node[0]'), 20_000, 'apply to start');
    run.child.kill('SIGINT');
    await new Promise((r) => setTimeout(r, 100));
    run.child.kill('SIGINT');
    const r = await run.done;
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/error: deploy interrupted by SIGINT; full log: .*deploy-.*\.log/);
    expect(readState(dir)).toMatchObject({
      status: 'deployment_interrupted',
      lastError: 'interrupted by SIGINT',
    });
    expect(existsSync(join(dir, '.exasol.lock'))).toBe(false);
    expect(records(work).filter((x) => x.cmd === 'signal')).toHaveLength(1);
    const saved = JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8')) as { nodes: unknown[] };
    expect(saved.nodes).toHaveLength(1);
    const log = readFileSync(join(dir, 'logs', r.stderr.match(/(deploy-[^/\s]+\.log)/)?.[1] ?? ''), 'utf8');
    expect(log).toContain('Interrupt received');
    expect(log).toContain('Saving state... done');

    const again = await cli(['deploy', '--deployment-dir', dir], { ...env, FAKE_TF_DELAY_MS: '0' });
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('Plan: 2 to add, 0 to change, 0 to destroy.');
    expect(readState(dir).status).toBe('database_ready');
  });
});

describe('SIGTERM', () => {
  it('SIGTERM during stop reaches terraform as one SIGINT; stop_failed, exit 130, lock released', async () => {
    const work = await tempDir();
    const env = cliEnv(work);
    const dir = await initDeployment(work, env, 2);
    expect((await cli(['deploy', '--infra-only', '--deployment-dir', dir], env)).code).toBe(0);
    const run = spawnCli(['stop', '--deployment-dir', dir], { ...env, FAKE_TF_DELAY_MS: '1500' });
    let stderr = '';
    run.child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    await until(() => stderr.includes('modifying fake_node.node[0]'), 20_000, 'the power change to start');
    run.child.kill('SIGTERM');
    const r = await run.done;
    expect(r.code).toBe(130);
    expect(r.stderr).toContain('warn: SIGTERM received');
    expect(readState(dir)).toMatchObject({ status: 'stop_failed', lastError: 'interrupted by SIGTERM' });
    expect(existsSync(join(dir, '.exasol.lock'))).toBe(false);
    expect(records(work).filter((x) => x.cmd === 'signal')).toHaveLength(1);
    const again = await cli(['stop', '--deployment-dir', dir], env);
    expect(again.code).toBe(0);
    expect(readState(dir).status).toBe('stopped');
  });
});

describe('the lock between processes', () => {
  it('a second command while deploy holds the lock exits 3 naming the holder; the first finishes', async () => {
    const work = await tempDir();
    const barrier = join(work, 'barrier');
    mkdirSync(barrier);
    const env = cliEnv(work);
    const dir = await initDeployment(work, env, 1);
    const first = spawnCli(['deploy', '--deployment-dir', dir], { ...env, FAKE_TF_BARRIER_DIR: barrier });
    await until(() => existsSync(join(barrier, 'started')), 20_000, 'the first deploy to reach apply');
    const second = await cli(['deploy', '--deployment-dir', dir], env);
    const stop = await cli(['destroy', '--yes', '--deployment-dir', dir], env);
    writeFileSync(join(barrier, 'release'), '');
    const r = await first.done;
    expect(second.code).toBe(3);
    expect(second.stderr).toContain(
      `error: deployment is locked by deploy (pid ${first.child.pid} on ${hostname()}`,
    );
    expect(stop.code).toBe(3);
    expect(r.code).toBe(0);
    expect(readState(dir).status).toBe('database_ready');
  });

  it('a lock left by a killed process is cleared with a warning by the next mutating command', async () => {
    const work = await tempDir();
    const env = cliEnv(work);
    const dir = await initDeployment(work, env, 1);
    const dead = spawnSync(process.execPath, [
      '-e',
      'process.stdout.write(String(process.pid))',
    ]).stdout.toString();
    writeFileSync(
      join(dir, '.exasol.lock'),
      JSON.stringify({
        pid: Number(dead),
        host: hostname(),
        operation: 'deploy',
        startedAt: '2026-01-01T00:00:00Z',
      }),
    );
    const r = await cli(['deploy', '--infra-only', '--deployment-dir', dir], env);
    expect(r.stderr).toContain(`warn: cleared a stale lock left by deploy (pid ${dead} on ${hostname()}`);
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, '.exasol.lock'))).toBe(false);
  });

  it('a SIGKILLed deploy leaves deploy_in_progress + a stale lock; the next deploy clears it and converges', async () => {
    const work = await tempDir();
    const env = cliEnv(work, { FAKE_TF_DELAY_MS: '800' });
    const dir = await initDeployment(work, env, 2);
    const run = spawnCli(['deploy', '--deployment-dir', dir], env);
    await until(() => existsSync(join(dir, 'terraform.tfstate')), 20_000, 'the first resource');
    run.child.kill('SIGKILL');
    await run.done;
    expect(readState(dir).status).toBe('deploy_in_progress');
    expect(existsSync(join(dir, '.exasol.lock'))).toBe(true);
    const status = await cli(['status', '--deployment-dir', dir], env);
    expect(status.stdout).toContain('stale: that process is gone');
    const again = await cli(['deploy', '--deployment-dir', dir], { ...env, FAKE_TF_DELAY_MS: '0' });
    expect(again.stderr).toContain('warn: cleared a stale lock left by deploy');
    expect(again.stderr).toContain(
      'warn: the previous deploy did not finish (its process is gone); recorded as deployment_interrupted',
    );
    expect(again.code).toBe(0);
    expect(readState(dir).status).toBe('database_ready');
  });
});

// `exasol status`: the documented JSON schema (docs/status-json.md), never a write (not even with a
// stale lock), and --refresh through the provider hook or a terraform refresh-only plan.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { status } from '../../../src/actions/status.ts';
import { aws } from '../../../src/providers/aws/index.ts';
import {
  cli,
  cliEnv,
  ensureBuilt,
  initDeployment,
  readState,
  records,
  tempDir,
} from '../../helpers/orchestration.ts';

let work: string;
let dir: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  ensureBuilt();
  work = await tempDir();
  env = cliEnv(work);
  dir = await initDeployment(work, env, 2);
  const r = await cli(['deploy', '--deployment-dir', dir], env);
  if (r.code !== 0) throw new Error(r.stderr);
});

function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[p] = `${statSync(p).mtimeMs} ${readFileSync(p, 'utf8')}`;
    }
  };
  walk(root);
  return out;
}

describe('exasol status', () => {
  it('--json follows schemaVersion 1', async () => {
    const r = await cli(['status', '--json', '--deployment-dir', dir], env);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j).sort()).toEqual(
      [
        'schemaVersion',
        'status',
        'provider',
        'deploymentId',
        'versions',
        'clusterSize',
        'lock',
        'nodes',
        'lastError',
        'updatedAt',
        'stateBackend',
        'nodeStateSource',
      ].sort(),
    );
    expect(j).toMatchObject({
      schemaVersion: 1,
      status: 'database_ready',
      provider: 'aws',
      deploymentId: readState(dir).deploymentId,
      versions: { cli: expect.any(String), db: expect.stringMatching(/^exasol-/), engine: 'terraform 1.9.8' },
      clusterSize: 2,
      lock: null,
      lastError: null,
      stateBackend: 'local',
      nodeStateSource: 'recorded',
    });
    expect(j.nodes).toEqual([
      { name: 'n11', public_ip: '127.0.0.11', private_ip: '10.0.0.11', state: 'running' },
      { name: 'n12', public_ip: '127.0.0.12', private_ip: '10.0.0.12', state: 'running' },
    ]);
  });

  it('writes nothing and runs no tool, even with a stale lock present', async () => {
    const dead = spawnSync(process.execPath, [
      '-e',
      'process.stdout.write(String(process.pid))',
    ]).stdout.toString();
    const lock = {
      pid: Number(dead),
      host: hostname(),
      operation: 'stop',
      startedAt: '2026-01-01T00:00:00Z',
    };
    writeFileSync(join(dir, '.exasol.lock'), JSON.stringify(lock), { mode: 0o600 });
    const before = snapshot(dir);
    const calls = records(work).length;
    await new Promise((r) => setTimeout(r, 20));
    const human = await cli(['status', '--deployment-dir', dir], env);
    const json = await cli(['status', '--json', '--deployment-dir', dir], env);
    expect(human.stdout).toContain(`lock: stop by pid ${dead}`);
    expect(JSON.parse(json.stdout).lock).toEqual({ ...lock, stale: true });
    expect(snapshot(dir)).toEqual(before);
    expect(records(work).length).toBe(calls);
    await import('node:fs/promises').then((fs) => fs.rm(join(dir, '.exasol.lock')));
  });

  it('--refresh without a provider hook uses a terraform refresh-only plan and still writes no state', async () => {
    const tfstate = JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8'));
    tfstate.nodes[1].running = false;
    writeFileSync(join(dir, 'terraform.tfstate'), JSON.stringify(tfstate));
    const stateBefore = readFileSync(join(dir, '.exasol.json'), 'utf8');
    const r = await cli(['status', '--refresh', '--json', '--deployment-dir', dir], env);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.nodeStateSource).toBe('terraform-refresh');
    expect(j.nodes.map((n: { state: string }) => n.state)).toEqual(['running', 'stopped']);
    const calls = records(work).slice(-2);
    expect(calls.map((c) => c.cmd)).toEqual(['plan', 'show']);
    expect(calls[0]?.argv).toContain('-refresh-only');
    expect(calls[0]?.argv).toContain('-lock=false');
    expect(readFileSync(join(dir, '.exasol.json'), 'utf8')).toBe(stateBefore);
    expect(readdirSync(dir).some((f) => f.endsWith('.tfplan'))).toBe(false);
  });

  it('--refresh asks provider.nodeStates when the provider has it (missing nodes shown as missing)', async () => {
    const id = readState(dir).deploymentId;
    const provider = { ...aws, nodeStates: async () => ({ [`${id}-n11`]: 'ADMIN_down' }) };
    const r = await status({ deploymentDir: dir, refresh: true, provider });
    expect(r.nodeStateSource).toBe('provider');
    expect(r.nodes.map((n) => n.state)).toEqual(['ADMIN_down', 'missing']);
  });

  it('a directory that is not a deployment is explained', async () => {
    const r = await cli(['status', '--deployment-dir', work], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`error: ${work} is not a deployment directory (no .exasol.json)`);
  });
});

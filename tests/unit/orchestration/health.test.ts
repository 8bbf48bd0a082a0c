// `exasol health`: per node SSH, c4 service, DB port 8563 and Admin UI 8443 (real TCP listeners on
// loopback addresses), exit 0 only when all pass, --json, and --wait-for with --timeout.
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, cliEnv, ensureBuilt, initDeployment, tempDir } from '../../helpers/orchestration.ts';

let dir: string;
let env: NodeJS.ProcessEnv;
const servers: Server[] = [];

function listen(host: string, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const s = createServer((c) => c.end());
    s.once('error', reject);
    s.listen(port, host, () => {
      servers.push(s);
      resolve(s);
    });
  });
}

beforeAll(async () => {
  ensureBuilt();
  const work = await tempDir();
  env = cliEnv(work, {
    FAKE_TF_IP_PREFIX: '127.0.5.',
    EXASOL_HEALTH_INTERVAL_MS: '100',
    EXASOL_HEALTH_CHECK_TIMEOUT_MS: '2000',
  });
  dir = await initDeployment(work, env, 2);
  const r = await cli(['deploy', '--deployment-dir', dir], env);
  if (r.code !== 0) throw new Error(r.stderr);
  await listen('127.0.5.11', 8563);
  await listen('127.0.5.11', 8443);
  await listen('127.0.5.12', 8563);
});

afterAll(() => {
  for (const s of servers) s.close();
});

describe('exasol health', () => {
  it('reports each failing check per node and exits 1', async () => {
    const r = await cli(['health', '--deployment-dir', dir], { ...env, FAKE_SSH_SERVICES_DOWN: 'n11' });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /n11 127\.0\.5\.11\n {2}ok {3}ssh .*\n {2}FAIL services +c4\.service inactive\n {2}ok {3}db port/,
    );
    expect(r.stdout).toMatch(/FAIL admin UI +127\.0\.5\.12:8443: ECONNREFUSED/);
    expect(r.stderr).toContain('error: n11, n12 failed health checks');
  });

  it('--json has per-node results', async () => {
    const r = await cli(['health', '--json', '--deployment-dir', dir], env);
    const j = JSON.parse(r.stdout);
    expect(j.healthy).toBe(false);
    expect(j.nodes[0]).toMatchObject({
      name: 'n11',
      ssh: { ok: true },
      services: { ok: true },
      dbPort: { ok: true },
      adminUiPort: { ok: true },
    });
    expect(j.nodes[1]).toMatchObject({ name: 'n12', adminUiPort: { ok: false } });
  });

  it('--wait-for times out with exit 1 and the last report, then succeeds once the port opens', async () => {
    const slow = await cli(
      ['health', '--wait-for', 'database_ready', '--timeout', '1s', '--deployment-dir', dir],
      env,
    );
    expect(slow.code).toBe(1);
    expect(slow.stderr).toContain('error: the cluster did not reach database_ready within 1s');
    expect(slow.stdout).toContain('FAIL admin UI');
    const run = cli(
      ['health', '--wait-for', 'database_ready', '--timeout', '20s', '--deployment-dir', dir],
      env,
    );
    await new Promise((r) => setTimeout(r, 800));
    await listen('127.0.5.12', 8443);
    const r = await run;
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(': healthy');
  });

  it('--wait-for stopped is reached when no node answers over SSH', async () => {
    const r = await cli(['health', '--wait-for', 'stopped', '--timeout', '5s', '--deployment-dir', dir], {
      ...env,
      FAKE_SSH_DOWN: 'n11,n12',
    });
    expect(r.code).toBe(0);
  });

  it('a bad --timeout is a usage error', async () => {
    const r = await cli(['health', '--timeout', 'soon', '--deployment-dir', dir], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "error: --timeout: invalid duration 'soon' (accepted: e.g. 30s, 15m, 1h30m, or seconds)",
    );
  });
});

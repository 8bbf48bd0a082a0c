// Failures and re-runs: a failed apply or playbook → deployment_failed with the tool's last lines and
// the log path, lock released; the next deploy converges. init retries only network errors; --plan
// changes nothing; a different CLI version re-inits with -upgrade; --infra-only stops early.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  cli,
  cliEnv,
  ensureBuilt,
  initDeployment,
  patchState,
  readState,
  records,
  SECRETS,
  tempDir,
} from '../../helpers/orchestration.ts';

beforeAll(() => ensureBuilt());

async function fresh(extra: Record<string, string> = {}) {
  const work = await tempDir();
  const env = cliEnv(work, extra);
  const dir = await initDeployment(work, env, 2);
  return { work, env, dir };
}

describe('deploy failures and convergence', () => {
  it('a failed apply → deployment_failed, last lines and log path shown, lock released; re-run converges', async () => {
    const { work, env, dir } = await fresh();
    const r = await cli(['deploy', '--deployment-dir', dir], { ...env, FAKE_TF_FAIL: 'apply' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('quota exceeded');
    expect(r.stderr).toMatch(/hint: full log: .*\/logs\/deploy-.*\.log/);
    const s = readState(dir);
    expect(s.status).toBe('deployment_failed');
    expect(String(s.lastError)).toContain('apply');
    expect(existsSync(join(dir, '.exasol.lock'))).toBe(false);
    expect(existsSync(join(dir, '.exasol.tfplan'))).toBe(false);
    const again = await cli(['deploy', '--deployment-dir', dir], env);
    expect(again.code).toBe(0);
    expect(readState(dir)).toMatchObject({ status: 'database_ready' });
    expect(readState(dir).lastError).toBeUndefined();
    expect(records(work).filter((x) => x.cmd === 'init').length).toBe(2);
  });

  it('the saved last error keeps the cause after the colon (status and status --json)', async () => {
    const { env, dir } = await fresh();
    const r = await cli(['deploy', '--deployment-dir', dir], { ...env, FAKE_TF_FAIL: 'init' });
    expect(r.code).toBe(1);
    const s = readState(dir);
    expect(String(s.lastError)).toMatch(
      /terraform init exited with code 1: .*Failed to read module directory/,
    );
    expect(String(s.lastError)).not.toContain('\n');
    const human = await cli(['status', '--deployment-dir', dir], env);
    expect(human.stdout + human.stderr).toMatch(
      /last error: .*exited with code 1: .*Failed to read module directory/,
    );
    const json = await cli(['status', '--json', '--deployment-dir', dir], env);
    expect(JSON.parse(json.stdout).lastError).toMatch(/Failed to read module directory/);
  });

  it('secrets a tool prints are redacted in the log and in the error tail', async () => {
    const { env, dir } = await fresh({ FAKE_TF_ECHO: 'EXASOL_DB_PASSWORD' });
    const r = await cli(['deploy', '--deployment-dir', dir], { ...env, FAKE_TF_FAIL: 'apply' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('EXASOL_DB_PASSWORD=***');
    expect(r.stderr).not.toContain(SECRETS.db);
    const log = r.stderr.match(/full log: (\S+)/)?.[1] ?? '';
    const text = readFileSync(log, 'utf8');
    expect(text).toContain('EXASOL_DB_PASSWORD=***');
    expect(text).not.toContain(SECRETS.db);
  });

  it('a failed setup playbook → deployment_failed; the infrastructure stays and the re-run converges', async () => {
    const { env, dir } = await fresh();
    const r = await cli(['deploy', '--deployment-dir', dir], { ...env, FAKE_ANSIBLE_FAIL: 'setup' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('service c4 did not start');
    expect(readState(dir)).toMatchObject({ status: 'deployment_failed' });
    expect(readState(dir).nodes).toHaveLength(2);
    const again = await cli(['deploy', '--deployment-dir', dir], env);
    expect(again.stderr).toContain('Plan: 0 to add, 0 to change, 0 to destroy.');
    expect(again.code).toBe(0);
  });

  it('outputs without nodes fail the deploy instead of reporting success', async () => {
    const { work, env, dir } = await fresh();
    // (node_count 0 in tfvars is refused on read since issue 18: the stand-in is told instead.)
    const r = await cli(['deploy', '--deployment-dir', dir], { ...env, FAKE_TF_NODES: '0' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: terraform finished but its outputs list no nodes');
    expect(readState(dir).status).toBe('deployment_failed');
    expect(records(work).some((x) => x.tool === 'ansible-playbook')).toBe(false);
  });

  it('terraform init is retried on network errors only', async () => {
    const { work, env, dir } = await fresh();
    const ok = await cli(['deploy', '--infra-only', '--deployment-dir', dir], {
      ...env,
      FAKE_TF_INIT_NETWORK_FAILS: '2',
    });
    expect(ok.code).toBe(0);
    expect(records(work).filter((x) => x.cmd === 'init')).toHaveLength(3);
    const other = await fresh();
    const bad = await cli(['deploy', '--deployment-dir', other.dir], { ...other.env, FAKE_TF_FAIL: 'init' });
    expect(bad.code).toBe(1);
    expect(records(other.work).filter((x) => x.cmd === 'init')).toHaveLength(1);
  });

  it('--infra-only stops at infrastructure_ready without SSH or Ansible', async () => {
    const { work, env, dir } = await fresh();
    const r = await cli(['deploy', '--infra-only', '--deployment-dir', dir], env);
    expect(r.code).toBe(0);
    expect(readState(dir).status).toBe('infrastructure_ready');
    expect(records(work).some((x) => x.tool === 'ansible-playbook' || x.tool === 'ssh')).toBe(false);
    expect(existsSync(join(dir, 'inventory.yml'))).toBe(true);
  });

  it('--plan prints the plan on stdout and changes no status', async () => {
    const { dir, env } = await fresh();
    const before = readState(dir);
    const r = await cli(['deploy', '--plan', '--deployment-dir', dir], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Plan: 2 to add, 0 to change, 0 to destroy.');
    expect(readState(dir).status).toBe(before.status);
    expect(existsSync(join(dir, 'terraform.tfstate'))).toBe(false);
  });

  it('a deployment last initialised by another CLI version runs terraform init -upgrade', async () => {
    const { work, env, dir } = await fresh();
    await cli(['deploy', '--infra-only', '--deployment-dir', dir], env);
    await patchState(dir, { terraformInitCliVersion: '0.0.1' });
    await cli(['deploy', '--infra-only', '--deployment-dir', dir], env);
    const inits = records(work).filter((x) => x.cmd === 'init');
    expect(inits.map((x) => x.argv.includes('-upgrade'))).toEqual([false, true]);
    expect(readState(dir).terraformInitCliVersion).toBe(
      JSON.parse(readFileSync('package.json', 'utf8')).version,
    );
  });

  it('bad flags and refused transitions exit 2 with one line naming status and allowed ones, writing nothing', async () => {
    const { dir, env } = await fresh();
    const state = readFileSync(join(dir, '.exasol.json'), 'utf8');
    const both = await cli(['deploy', '--plan', '--infra-only', '--deployment-dir', dir], env);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('error: --plan: cannot be combined with --infra-only');
    const start = await cli(['start', '--deployment-dir', dir], env);
    expect(start.code).toBe(2);
    expect(start.stderr).toContain('its status is initialized; start runs from: stopped, start_failed');
    const wait = await cli(['health', '--wait-for', 'ready', '--deployment-dir', dir], env);
    expect(wait.code).toBe(2);
    expect(wait.stderr).toContain(
      "error: --wait-for: unknown value 'ready' (accepted: database_ready, infrastructure_ready, stopped)",
    );
    expect(readFileSync(join(dir, '.exasol.json'), 'utf8')).toBe(state);
    expect(existsSync(join(dir, '.exasol.lock'))).toBe(false);
  });
});

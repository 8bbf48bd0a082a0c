// init → deploy → status → info → stop → start → destroy through the real CLI with the stand-ins,
// including what every child received (no secret in any argv) and the modes of secret-bearing files.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  cli,
  cliEnv,
  ensureBuilt,
  initDeployment,
  readState,
  records,
  SECRETS,
  tempDir,
} from '../../helpers/orchestration.ts';

let work: string;
let dir: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  ensureBuilt();
  work = await tempDir();
  env = cliEnv(work);
  dir = await initDeployment(work, env, 3);
});

function allFiles(root: string): string[] {
  return readdirSync(root, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? allFiles(join(root, e.name)) : [join(root, e.name)],
  );
}

describe('deployment lifecycle with the terraform stand-in', () => {
  it('deploy runs init, plan, apply of the saved plan, ssh waits and the setup playbook, then database_ready', async () => {
    const r = await cli(['deploy', '--deployment-dir', dir], env);
    expect(r.stderr).toContain('[6/6] ansible-playbook setup.yml');
    expect(r.code).toBe(0);
    const s = readState(dir);
    expect(s.status).toBe('database_ready');
    expect(s.nodes).toEqual([
      {
        name: 'n11',
        publicIp: '127.0.0.11',
        privateIp: '10.0.0.11',
        state: 'running',
        instanceId: `${s.deploymentId}-n11`,
      },
      {
        name: 'n12',
        publicIp: '127.0.0.12',
        privateIp: '10.0.0.12',
        state: 'running',
        instanceId: `${s.deploymentId}-n12`,
      },
      {
        name: 'n13',
        publicIp: '127.0.0.13',
        privateIp: '10.0.0.13',
        state: 'running',
        instanceId: `${s.deploymentId}-n13`,
      },
    ]);
    const tf = records(work).filter((x) => x.tool === 'terraform' && x.cmd !== 'version');
    expect(tf.map((x) => x.cmd)).toEqual(['init', 'plan', 'apply', 'output']);
    for (const x of tf.filter((t) => t.cmd !== 'output')) {
      expect(x.argv).toContain('-input=false');
      expect(x.argv).toContain('-no-color');
      expect(x.env).toMatchObject({ TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' });
      expect(x.umask).toBe(0o077);
    }
    const plan = tf[1]?.argv.find((a) => a.startsWith('-out='))?.slice(5);
    expect(tf[2]?.argv.at(-1)).toBe(plan);
    expect(() => statSync(plan ?? '')).toThrow();
    const ssh = records(work).filter((x) => x.tool === 'ssh');
    expect(new Set(ssh.map((x) => x.argv.at(-2)))).toEqual(new Set(['n11', 'n12', 'n13']));
    const ansible = records(work).filter((x) => x.tool === 'ansible-playbook');
    expect(ansible).toHaveLength(1);
    expect(ansible[0]?.env?.ANSIBLE_CONFIG).toBe(join(dir, 'ansible.cfg'));
    expect(ansible[0]?.argv.at(-1)).toMatch(/playbooks\/setup\.yml$/);
  });

  it('no child process ever got a secret in its argv', () => {
    const all = records(work);
    expect(all.length).toBeGreaterThan(5);
    for (const x of all)
      for (const secret of Object.values(SECRETS)) expect(x.argv.join(' ')).not.toContain(secret);
  });

  it('every file holding a secret is 0600 and no file in the deployment is wider than 0600', () => {
    const holders: string[] = [];
    for (const f of allFiles(dir)) {
      const mode = statSync(f).mode & 0o777;
      expect({ file: relative(dir, f), mode: mode.toString(8) }).toEqual({
        file: relative(dir, f),
        mode: '600',
      });
      const text = readFileSync(f, 'utf8');
      if (Object.values(SECRETS).some((s) => text.includes(s))) holders.push(relative(dir, f));
    }
    expect(holders).toEqual(['secrets.json']);
  });

  it('the deploy log holds the full tool output with secrets redacted', () => {
    const logs = readdirSync(join(dir, 'logs')).filter((f) => f.startsWith('deploy-'));
    expect(logs).toHaveLength(1);
    const text = readFileSync(join(dir, 'logs', logs[0] ?? ''), 'utf8');
    expect(text).toContain('Apply complete! Resources: 3 added');
    expect(text).toContain('PLAY RECAP');
  });

  it('status and info describe the cluster; info hides passwords unless --show-secrets', async () => {
    const st = await cli(['status', '--deployment-dir', dir], env);
    expect(st.code).toBe(0);
    expect(st.stdout).toMatch(/: database_ready\n/);
    expect(st.stdout).toMatch(/n12\s+127\.0\.0\.12\s+10\.0\.0\.12\s+running/);
    const info = await cli(['info', '--deployment-dir', dir], env);
    expect(info.stdout).toContain('127.0.0.11:8563');
    expect(info.stdout).toContain('https://127.0.0.11:8443');
    expect(info.stdout).toContain(`ssh -F ${join(dir, 'ssh_config')} n11`);
    expect(info.stdout).not.toContain(SECRETS.db);
    const secret = await cli(['info', '--json', '--show-secrets', '--deployment-dir', dir], env);
    expect(JSON.parse(secret.stdout).secrets).toEqual({
      dbPassword: SECRETS.db,
      adminUiPassword: SECRETS.adminUi,
    });
  });

  it('stop runs stop.yml, then powers off through terraform (running=false persisted); start reverses it', async () => {
    const before = records(work).length;
    const stop = await cli(['stop', '--deployment-dir', dir], env);
    expect(stop.code).toBe(0);
    expect(readState(dir)).toMatchObject({ status: 'stopped', poweredOffFrom: 'database_ready' });
    expect(JSON.parse(readFileSync(join(dir, 'terraform.tfvars.json'), 'utf8')).running).toBe(false);
    expect(JSON.parse(readFileSync(join(dir, 'fake-target.json'), 'utf8'))).toEqual(
      expect.arrayContaining([expect.objectContaining({ running: false })]),
    );
    const stopCalls = records(work).slice(before);
    expect(stopCalls[0]?.tool).toBe('ansible-playbook');
    expect(stopCalls[0]?.argv.at(-1)).toMatch(/stop\.yml$/);
    const start = await cli(['start', '--deployment-dir', dir], env);
    expect(start.code).toBe(0);
    const s = readState(dir);
    expect(s.status).toBe('database_ready');
    expect(s.poweredOffFrom).toBeUndefined();
    expect(records(work).at(-1)?.argv.at(-1)).toMatch(/start\.yml$/);
    expect(JSON.parse(readFileSync(join(dir, 'terraform.tfvars.json'), 'utf8')).running).toBe(true);
  });

  it('destroy --yes destroys, reports that aws is not verified and how to check, keeps the directory and logs', async () => {
    const r = await cli(['destroy', '--yes', '--json', '--deployment-dir', dir], env);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.verification.checked).toBe(false);
    expect(out.verification.method).toContain(`Values=${readState(dir).deploymentId}`);
    expect(readState(dir)).toMatchObject({ status: 'destroyed', nodes: [] });
    expect(readdirSync(join(dir, 'logs')).length).toBeGreaterThanOrEqual(4);
    expect(JSON.parse(readFileSync(join(dir, 'fake-target.json'), 'utf8'))).toEqual([]);
  });
});

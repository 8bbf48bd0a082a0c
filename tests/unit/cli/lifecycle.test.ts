// The whole lifecycle in-process (fast, and the coverage sees the commands), with the terraform,
// ansible-playbook and ssh stand-ins of tests/fixtures/bin: init → deploy → status → info → health →
// stop → start → destroy, and the refusals a user meets on the way.
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.ts';

const bin = resolve('tests/fixtures/bin');
const work = mkdtempSync(join(tmpdir(), 'exa-life-'));
const dir = join(work, 'dep');
const env = {
  PATH: `${bin}:${process.env.PATH ?? ''}`,
  FAKE_TF_RECORD: join(work, 'record.jsonl'),
  EXASOL_SSH_RETRY_MS: '20',
  EXASOL_RETRY_DELAY_MS: '10',
  EXASOL_DB_PASSWORD: 'DbSecret-4711-life',
  AWS_ACCESS_KEY_ID: 'AKIAFAKEFAKEFAKE',
  AWS_SECRET_ACCESS_KEY: 'AwsSecretKey-life-123',
};
const cli = (...args: string[]) => runCli([...args, '--deployment-dir', dir], env);
const statusJson = async () =>
  JSON.parse((await cli('status', '--json')).stdout) as {
    status: string;
    nodes: Array<{ name: string; public_ip: string; state: string }>;
  };

describe('lifecycle with stand-in tools', () => {
  it('init, deploy, status, info, stop, start, destroy', async () => {
    const init = await cli(
      'init',
      '--cloud-provider',
      'aws',
      '--allowed-cidr',
      '10.0.0.0/8',
      '--cluster-size',
      '2',
      '--terraform-binary',
      join(bin, 'terraform'),
    );
    expect(init.code, init.stderr).toBe(0);

    const refused = await cli('start');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/initialized/);
    expect(refused.stderr).toMatch(/stopped, start_failed/);

    const plan = await cli('deploy', '--plan');
    expect(plan.code, plan.stderr).toBe(0);
    expect((await statusJson()).status).toBe('initialized');

    const deploy = await cli('deploy');
    expect(deploy.code, deploy.stderr).toBe(0);
    const st = await statusJson();
    expect(st.status).toBe('database_ready');
    expect(st.nodes.map((n) => n.name)).toEqual(['n11', 'n12']);
    expect(st.nodes.every((n) => n.public_ip)).toBe(true);
    const human = await cli('status');
    expect(human.stdout).toMatch(/database_ready/);

    const info = await cli('info', '--json');
    expect(info.code, info.stderr).toBe(0);
    expect(info.stdout).toContain(':8563');
    expect(info.stdout).not.toContain('DbSecret-4711-life');
    const secrets = await cli('info', '--show-secrets');
    expect(secrets.stdout).toContain('DbSecret-4711-life');

    const health = await cli('health', '--json', '--timeout', '2s');
    expect([0, 1]).toContain(health.code);
    expect(JSON.parse(health.stdout)).toBeTruthy();

    expect((await cli('stop')).code).toBe(0);
    expect((await statusJson()).status).toBe('stopped');
    expect((await cli('start')).code).toBe(0);
    expect((await statusJson()).status).toBe('database_ready');

    const noYes = await runCli(['destroy', '--deployment-dir', dir], env);
    expect(noYes.code).toBe(2);
    expect(noYes.stderr).toMatch(/--yes/);
    const destroy = await cli('destroy', '--yes');
    expect(destroy.code, destroy.stderr).toBe(0);
    expect((await statusJson()).status).toBe('destroyed');
    expect(readFileSync(env.FAKE_TF_RECORD, 'utf8')).not.toMatch(/DbSecret-4711-life|AwsSecretKey-life-123/);
  });

  it('status of a directory that is not a deployment explains itself', async () => {
    mkdirSync(join(work, 'nothing'), { recursive: true });
    const r = await runCli(['status', '--deployment-dir', join(work, 'nothing')], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/is not a deployment directory \(no \.exasol\.json\)/);
  });
});

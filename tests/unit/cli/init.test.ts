// init creates a complete, private deployment directory in one step, or nothing at all.
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIBVIRT_TEST_INIT } from '../../helpers/libvirt-test-init.ts';
import { runCli } from '../../helpers/run-cli.ts';

const base = mkdtempSync(join(tmpdir(), 'exa-init-'));
const mainJob = [...LIBVIRT_TEST_INIT];
const mode = (p: string) => statSync(p).mode & 0o777;

describe('exasol init', () => {
  it('turns a new directory into a deployment directory (the README main job)', async () => {
    const dir = join(base, 'demo');
    const r = await runCli([...mainJob, '--deployment-dir', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(
      /deployment exa-[a-z0-9]{6} \(libvirt, 1 node\(s\), exasol-2025\.1\.4\) initialised/,
    );
    const state = JSON.parse(readFileSync(join(dir, '.exasol.json'), 'utf8'));
    expect(state).toMatchObject({
      schema: 'exasol-deployer/state',
      schemaVersion: 1,
      status: 'initialized',
      provider: 'libvirt',
      clusterSize: 1,
      nodes: [],
    });
    expect(state.engine.version).toMatch(/^\d+\.\d+\.\d+$/);
    const tfvars = JSON.parse(readFileSync(join(dir, 'terraform.tfvars.json'), 'utf8'));
    expect(tfvars).toMatchObject({
      deployment_id: state.deploymentId,
      node_count: 1,
      node_memory_gib: 1,
      libvirt_pool: 'default-pool',
      running: true,
    });
    expect(tfvars.ssh_public_key).toMatch(/^ssh-ed25519 \S+ exasol-exa-/);
    expect(JSON.stringify(tfvars)).not.toMatch(/password/);
  });

  it('makes the directory 0700 and every file 0600; the SSH key is usable by OpenSSH', async () => {
    const dir = join(base, 'modes');
    expect((await runCli([...mainJob, '--deployment-dir', dir])).code).toBe(0);
    expect(mode(dir)).toBe(0o700);
    const walk = (d: string): string[] =>
      readdirSync(d, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? [join(d, e.name), ...walk(join(d, e.name))] : [join(d, e.name)],
      );
    for (const p of walk(dir)) expect([p, mode(p)]).toEqual([p, statSync(p).isDirectory() ? 0o700 : 0o600]);
    const pub = execFileSync('ssh-keygen', ['-y', '-f', join(dir, 'ssh/id_ed25519')], {
      encoding: 'utf8',
    }).trim();
    expect(readFileSync(join(dir, 'ssh/id_ed25519.pub'), 'utf8')).toContain(pub.split(' ')[1]);
  });

  it('stores generated passwords only in secrets.json, or the ones given by environment or file', async () => {
    const dir = join(base, 'pw');
    const pwFile = join(base, 'adminpw');
    writeFileSync(pwFile, 'Admin-Passw0rd\n', { mode: 0o600 });
    const r = await runCli([...mainJob, '--adminui-password-file', pwFile, '--deployment-dir', dir], {
      EXASOL_DB_PASSWORD: 'Db-Passw0rd-1',
    });
    expect(r.code, r.stderr).toBe(0);
    const secrets = JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8'));
    expect(secrets.db_password).toBe('Db-Passw0rd-1');
    expect(secrets.adminui_password).toBe('Admin-Passw0rd');
    expect(secrets.host_password).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(r.stderr + r.stdout).not.toContain('Db-Passw0rd-1');
  });

  it('uses an existing empty directory and refuses a non-empty one or an existing deployment', async () => {
    const empty = join(base, 'empty');
    mkdirSync(empty);
    expect((await runCli([...mainJob, '--deployment-dir', empty])).code).toBe(0);
    const again = await runCli([...mainJob, '--deployment-dir', empty]);
    expect(again.code).toBe(2);
    expect(again.stderr.trim()).toMatch(
      /--deployment-dir: .* is already a deployment directory \(accepted: a new or empty directory\)/,
    );
    const full = join(base, 'full');
    mkdirSync(full);
    writeFileSync(join(full, 'notes.txt'), 'x');
    const r = await runCli([...mainJob, '--deployment-dir', full]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is not empty/);
    expect(readdirSync(full)).toEqual(['notes.txt']);
  });

  it('leaves nothing behind when a later step fails (engine missing)', async () => {
    const dir = join(base, 'noengine');
    mkdirSync(dir);
    const r = await runCli([
      ...mainJob,
      '--terraform-binary',
      '/nonexistent/terraform',
      '--deployment-dir',
      dir,
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/terraform binary '\/nonexistent\/terraform' not found/);
    expect(readdirSync(dir)).toEqual([]);
    expect(readdirSync(base).filter((n) => n.includes('exasol-init'))).toEqual([]);
  });

  it('EXASOL_TERRAFORM names the engine unless --terraform-binary is given', async () => {
    const dir = join(base, 'envengine');
    mkdirSync(dir);
    const env = { EXASOL_TERRAFORM: '/nonexistent/env-terraform' };
    const fromEnv = await runCli([...mainJob, '--deployment-dir', dir], env);
    expect(fromEnv.code).toBe(1);
    expect(fromEnv.stderr).toMatch(/terraform binary '\/nonexistent\/env-terraform' not found/);
    const flag = ['--terraform-binary', '/nonexistent/flag-terraform'];
    const fromFlag = await runCli([...mainJob, ...flag, '--deployment-dir', dir], env);
    expect(fromFlag.code).toBe(1);
    expect(fromFlag.stderr).toMatch(/terraform binary '\/nonexistent\/flag-terraform' not found/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('lists providers and versions, as text and JSON', async () => {
    const text = await runCli(['init', '--list-providers']);
    expect(text.stdout.split('\n').map((l) => l.split(' ')[0])).toEqual(
      expect.arrayContaining(['aws', 'azure', 'gcp', 'libvirt', 'ganeti']),
    );
    const json = await runCli(['--json', 'init', '--list-versions']);
    expect(JSON.parse(json.stdout)).toContainEqual({
      version: 'exasol-2025.1.4',
      architecture: 'x86_64',
      default: true,
    });
    const after = await runCli(['init', '--list-providers', '--json']);
    expect(JSON.parse(after.stdout)).toHaveLength(5);
  });

  it('init --json prints the result on stdout only', async () => {
    const dir = join(base, 'json');
    const r = await runCli([...mainJob, '--deployment-dir', dir, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ ok: true, provider: 'libvirt', clusterSize: 1 });
    expect(existsSync(join(dir, '.exasol.json'))).toBe(true);
  });

  it('refuses a directory made by the bash deployer with a message', async () => {
    const { readState } = await import('../../../src/deployment/state.ts');
    const dir = join(base, 'bash');
    mkdirSync(dir);
    writeFileSync(
      join(dir, '.exasol.json'),
      JSON.stringify({ version: '1.0', status: 'initialized', cloud_provider: 'aws' }),
    );
    await expect(readState(dir)).rejects.toThrow(/was created by the bash exasol-deployer/);
    const r = await runCli([...mainJob, '--deployment-dir', dir]);
    expect(r.stderr).toMatch(/already a deployment directory/);
  });
});

describe('help and version', () => {
  it('--version, version and help init', async () => {
    const v = await runCli(['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect((await runCli(['version'])).stdout.trim()).toBe(v.stdout.trim());
    const h = await runCli(['help', 'init']);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('--ganeti-endpoint <url>');
    expect(h.stdout).toContain('--libvirt-memory <GiB>');
    expect(h.stdout).toMatch(/--libvirt-memory <GiB>\s+memory per VM \(default: 4\)/);
  });

  it('global options work before and after the command', async () => {
    const dir = join(base, 'globals');
    const r = await runCli(['--log-level', 'warn', ...mainJob, '--deployment-dir', dir, '--no-color']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/info:/);
    const bad = await runCli(['init', '--log-level', 'loud']);
    expect(bad.stderr.trim()).toBe(
      "error: --log-level: unknown value 'loud' (accepted: debug, info, warn, error) [E_USAGE]",
    );
  });
});

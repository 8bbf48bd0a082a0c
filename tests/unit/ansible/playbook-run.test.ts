// Extra vars and the ansible-playbook invocation: secrets stay in the 0600 file, never in argv or logs.
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildExtraVars, readPasswords, writeExtraVars } from '../../../src/ansible/extra-vars.ts';
import { buildPlaybookCommand, playbookPath } from '../../../src/ansible/playbook-args.ts';
import type { CatalogVersion } from '../../../src/catalog/versions.ts';
import { runPlaybook } from '../../../src/tools/ansible.ts';

const secrets = { db_password: 'DbPw-9z81', adminui_password: 'UiPw-9z82', host_password: 'HostPw-9z83' };
const version: CatalogVersion = {
  version: 'exasol-2025.1.4',
  architecture: 'x86_64',
  working_copy: '@exasol-2025.1.4',
  db_url: 'https://example.invalid/exasol.tar.gz',
  db_sha256: 'a'.repeat(64),
  c4_version: '4.28.4',
  c4_url: 'file:///srv/c4',
  c4_sha256: 'b'.repeat(64),
};

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'exa-pb-'));
  await writeFile(join(dir, 'secrets.json'), JSON.stringify({ ...secrets, provider: {} }), { mode: 0o600 });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

// A stand-in for ansible-playbook that records its argv and ANSIBLE_CONFIG, echoes a password it
// read from the vars file (as a careless module might), and exits with FAKE_RC.
async function fakeAnsible(): Promise<string> {
  const bin = join(dir, 'fake-ansible-playbook');
  await writeFile(
    bin,
    `#!/bin/sh\nprintf '%s\\n' "$@" > "${dir}/argv"\necho "$ANSIBLE_CONFIG" > "${dir}/cfg"\necho "leak ${secrets.db_password}"\nexit \${FAKE_RC:-0}\n`,
  );
  await chmod(bin, 0o755);
  return bin;
}

describe('extra vars and the playbook command', () => {
  it('writes passwords and the catalog entry to a 0600 file', async () => {
    const path = await writeExtraVars(
      dir,
      buildExtraVars(await readPasswords(dir), version, { exasol_disks: false }),
    );
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({
      exasol_db_password: secrets.db_password,
      exasol_adminui_password: secrets.adminui_password,
      exasol_host_password: secrets.host_password,
      exasol_working_copy: '@exasol-2025.1.4',
      exasol_db_sha256: 'a'.repeat(64),
      exasol_c4_url: 'file:///srv/c4',
      exasol_disks: false,
    });
  });

  it('names a secrets file without the passwords', async () => {
    await writeFile(join(dir, 'secrets.json'), JSON.stringify({ db_password: 'x' }));
    await expect(readPasswords(dir)).rejects.toThrow(/has no adminui_password/);
  });

  it('builds argv from paths only and points ANSIBLE_CONFIG at the deployment', async () => {
    const vars = await writeExtraVars(dir, buildExtraVars(secrets, version));
    const cmd = buildPlaybookCommand({
      deploymentDir: dir,
      playbook: 'stop',
      extraVarsPath: vars,
      limit: ['n12'],
      check: true,
    });
    expect(cmd.args).toEqual([
      '-i',
      join(dir, 'inventory.yml'),
      '-e',
      `@${vars}`,
      '--limit',
      'n12',
      '--check',
      playbookPath('stop'),
    ]);
    expect(cmd.env.ANSIBLE_CONFIG).toBe(join(dir, 'ansible.cfg'));
    expect(cmd.cwd).toBe(dir);
    expect(playbookPath('stop')).toMatch(/\/playbooks\/stop\.yml$/);
  });

  it('runs the binary without secrets in argv and redacts them from the log and the error', async () => {
    const binary = await fakeAnsible();
    const vars = await writeExtraVars(dir, buildExtraVars(secrets, version));
    const logFile = join(dir, 'ansible.log');
    await runPlaybook({ deploymentDir: dir, playbook: 'setup', extraVarsPath: vars, binary, logFile });
    const argv = await readFile(join(dir, 'argv'), 'utf8');
    for (const s of Object.values(secrets)) expect(argv).not.toContain(s);
    expect(argv).toContain(`@${vars}`);
    expect((await readFile(join(dir, 'cfg'), 'utf8')).trim()).toBe(join(dir, 'ansible.cfg'));
    expect(await readFile(logFile, 'utf8')).toContain('leak ***');
    process.env.FAKE_RC = '2';
    try {
      const failed = runPlaybook({ deploymentDir: dir, playbook: 'setup', extraVarsPath: vars, binary });
      await expect(failed).rejects.toThrow(/exited with code 2:\nleak \*\*\*/);
    } finally {
      delete process.env.FAKE_RC;
    }
  });

  it('says how to get ansible-playbook when it is missing', async () => {
    const vars = await writeExtraVars(dir, buildExtraVars(secrets, version));
    const old = process.env.EXASOL_ANSIBLE_PLAYBOOK;
    process.env.EXASOL_ANSIBLE_PLAYBOOK = join(dir, 'nope');
    try {
      await expect(
        runPlaybook({ deploymentDir: dir, playbook: 'setup', extraVarsPath: vars }),
      ).rejects.toThrow(/ansible-playbook not found/);
    } finally {
      if (old === undefined) delete process.env.EXASOL_ANSIBLE_PLAYBOOK;
      else process.env.EXASOL_ANSIBLE_PLAYBOOK = old;
    }
  });
});

// `ansible-playbook --syntax-check` of every shipped playbook, with the inventory the CLI writes.
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExtraVars, writeExtraVars } from '../../../src/ansible/extra-vars.ts';
import { writeAnsibleFiles } from '../../../src/ansible/inventory.ts';
import { buildPlaybookCommand, PLAYBOOKS } from '../../../src/ansible/playbook-args.ts';
import { findAnsiblePlaybook } from '../../../src/tools/ansible.ts';
import { run } from '../../../src/tools/run.ts';
import { packageRoot } from '../../../src/util/package-root.ts';
import { missingEnv, skipUnlessService } from '../../helpers/service-gate.ts';

const gated = missingEnv('EXASOL_TEST_ANSIBLE');
const binary = gated ? null : await findAnsiblePlaybook();
const skip = skipUnlessService(
  'ansible',
  gated ?? (binary ? null : 'ansible-playbook not on PATH (apt-get install ansible-core)'),
);

describe.skipIf(skip)('playbook syntax', () => {
  let dir: string;
  let varsPath: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'exa-syntax-'));
    await writeAnsibleFiles({
      deploymentDir: dir,
      provider: 'gcp',
      diskFamily: 'gcp',
      nodes: [{ name: 'n11', publicIp: '192.0.2.11', privateIp: '10.1.0.11' }],
      sshUser: 'exasol',
      sshKeyPath: join(dir, 'ssh/id_ed25519'),
      dataVolumesPerNode: 1,
    });
    const passwords = { db_password: 'a1b2c3d4', adminui_password: 'e5f6g7h8', host_password: 'i9j0k1l2' };
    varsPath = await writeExtraVars(
      dir,
      buildExtraVars(passwords, {
        version: 'v',
        architecture: 'x86_64',
        working_copy: '@v',
        db_url: 'https://example.invalid/db.tar.gz',
        db_sha256: 'a'.repeat(64),
        c4_version: '1',
        c4_url: 'https://example.invalid/c4',
        c4_sha256: 'b'.repeat(64),
      }),
    );
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function syntaxCheck(root: string, playbook: (typeof PLAYBOOKS)[number]) {
    const cmd = buildPlaybookCommand({ deploymentDir: dir, playbook, extraVarsPath: varsPath }, root);
    return run(binary ?? 'ansible-playbook', ['--syntax-check', ...cmd.args], {
      env: cmd.env,
      cwd: cmd.cwd,
      reject: false,
    });
  }

  it.each(PLAYBOOKS)('%s.yml passes --syntax-check', async (playbook) => {
    const result = await syntaxCheck(packageRoot(), playbook);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(`playbook: ${join(packageRoot(), 'playbooks', `${playbook}.yml`)}`);
  });

  it('fails on an unknown module (the check is real)', async () => {
    const copy = join(dir, 'pkg');
    await cp(join(packageRoot(), 'playbooks'), join(copy, 'playbooks'), { recursive: true });
    const file = join(copy, 'playbooks/start.yml');
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace(
        'ansible.builtin.wait_for_connection:',
        'ansible.builtin.no_such_module:',
      ),
    );
    const result = await syntaxCheck(copy, 'start');
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr + result.stdout).toMatch(/no_such_module/);
  });
});

describe.skipIf(skip)('ansible.cfg of a directory with a space and a %', () => {
  it('is read back by ansible with the same paths ssh reads (ini values raw, ssh_args shlex-split)', async () => {
    const base = await mkdtemp(join(tmpdir(), 'exa-cfg-'));
    try {
      const odd = join(base, 'my deploy 100%');
      const files = await writeAnsibleFiles({
        deploymentDir: odd,
        provider: 'libvirt',
        diskFamily: 'virtio',
        nodes: [{ name: 'n11', publicIp: '192.0.2.11', privateIp: '192.0.2.11' }],
        sshUser: 'exasol',
        sshKeyPath: join(odd, 'ssh/id_ed25519'),
        dataVolumesPerNode: 1,
      });
      const dump = execFileSync('ansible-config', ['dump', '--only-changed', '-t', 'all'], {
        encoding: 'utf8',
        env: { ...process.env, ANSIBLE_CONFIG: files.ansibleCfgPath },
      });
      expect(dump).toContain(`['${join(odd, 'inventory.yml')}']`);
      expect(dump).toContain(`-F "${join(odd, 'ssh_config')}"`);
    } finally {
      await rm(base, { recursive: true, force: true });
    }
  });
});

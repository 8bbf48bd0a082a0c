// Ganeti deployments that the playbooks cannot log in to: init recorded no key parameter (deploy
// without --infra-only is refused, exit 2, before the lock and terraform), or an older exasol made
// them (root login; status and deploy say to re-create). Plus the flags that lead there.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deploy } from '../../../src/actions/deploy.ts';
import { readState, STATE_SCHEMA, STATE_SCHEMA_VERSION, writeState } from '../../../src/deployment/state.ts';
import { EXIT } from '../../../src/errors.ts';
import { ganeti, ganetiLoginBlocker } from '../../../src/providers/ganeti/index.ts';
import type { CommonConfig } from '../../../src/providers/types.ts';
import { stubIo } from '../../helpers/io-stub.ts';
import { resolveAsInit } from '../../helpers/resolve-provider.ts';
import { runCli } from '../../helpers/run-cli.ts';

const root = mkdtempSync(join(tmpdir(), 'exasol-ganeti-login-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function deploymentWith(tfvars: Record<string, unknown>): Promise<string> {
  const dir = mkdtempSync(join(root, 'dep-'));
  const now = new Date().toISOString();
  await writeState(dir, {
    schema: STATE_SCHEMA,
    schemaVersion: STATE_SCHEMA_VERSION,
    deploymentId: 'exa-abc123',
    provider: 'ganeti',
    status: 'initialized',
    clusterSize: 2,
    architecture: 'x86_64',
    dbVersion: 'exasol-2025.1.4',
    cliVersion: '0.1.0',
    engine: null,
    nodes: [],
    createdAt: now,
    updatedAt: now,
  });
  writeFileSync(join(dir, 'terraform.tfvars.json'), JSON.stringify(tfvars), { mode: 0o600 });
  return dir;
}

describe('deploy on a Ganeti deployment the playbooks cannot log in to', () => {
  it("--ganeti-os-key-param '': deploy is refused with exit 2 and one line, nothing written", async () => {
    const dir = await deploymentWith({ ganeti_os_key_param: '', ganeti_os_user_data_param: '' });
    const before = readdirSync(dir).sort();
    const err = (await deploy({ deploymentDir: dir, infraOnly: false, planOnly: false }, stubIo()).then(
      () => new Error('deploy was not refused'),
      (e: unknown) => e,
    )) as Error & { exitCode: number };
    expect(err).toBeInstanceOf(Error);
    expect(err.exitCode).toBe(EXIT.usage);
    expect(err.message).toMatch(
      /^deploy without --infra-only: init recorded --ganeti-os-key-param '' \(the OS takes no SSH key\).*use deploy --infra-only/,
    );
    expect(err.message).not.toContain('\n');
    expect((await readState(dir)).status).toBe('initialized');
    expect(readdirSync(dir).sort()).toEqual(before);
    // status says nothing for it: an infra-only deployment is what the user asked for
    expect((await runCli(['status', '--deployment-dir', dir])).stderr).not.toMatch(/warn/);
  });

  it('a deployment made before the key parameter existed is told to re-create', async () => {
    const dir = await deploymentWith({ ganeti_os_params: {} });
    await expect(deploy({ deploymentDir: dir, infraOnly: false, planOnly: false }, stubIo())).rejects.toThrow(
      /older exasol \(root login, no key on the guests\): re-create it/,
    );
    expect(ganetiLoginBlocker({ ganeti_os_params: {} })?.kind).toBe('outdated');
    const status = await runCli(['status', '--deployment-dir', dir]);
    expect(status.code).toBe(0);
    expect(status.stderr).toMatch(/warn.*older exasol \(root login, no key on the guests\): re-create it/);
    expect(ganetiLoginBlocker({ ganeti_os_key_param: 'ssh_key' })).toBeNull();
  });
});

describe('ganeti init flags for the key, the user-data and the hypervisor', () => {
  const common = {
    deploymentId: 'exa-abc123',
    clusterSize: 2,
    sshPublicKey: 'ssh-ed25519 AAAA k',
  } as CommonConfig;
  const ctx = { env: { GANETI_PASSWORD: 'pw' }, homeDir: root };
  const base = { 'ganeti-endpoint': 'https://g.example:5080', 'ganeti-os-type': 'exasol-image' };

  it("defaults to the shipped OS's parameters and the cluster's hypervisor", async () => {
    const r = await resolveAsInit(ganeti, base, common, ctx);
    expect(r.tfvars).toMatchObject({
      ganeti_os_key_param: 'ssh_key',
      ganeti_os_user_data_param: 'user_data',
      ganeti_hypervisor: '',
    });
  });

  it("takes '' for an OS without them, and --ganeti-hypervisor kvm", async () => {
    const r = await resolveAsInit(
      ganeti,
      { ...base, 'ganeti-os-key-param': '', 'ganeti-os-user-data-param': '', 'ganeti-hypervisor': 'kvm' },
      common,
      ctx,
    );
    expect(r.tfvars).toMatchObject({
      ganeti_os_key_param: '',
      ganeti_os_user_data_param: '',
      ganeti_hypervisor: 'kvm',
    });
  });

  it('refuses filling the key parameter by hand and one parameter for both', async () => {
    await expect(
      resolveAsInit(ganeti, { ...base, 'ganeti-os-param': ['ssh_key=x'] }, common, ctx),
    ).rejects.toThrow(/^--ganeti-os-key-param: OS parameter 'ssh_key' is filled by exasol/);
    await expect(
      resolveAsInit(
        ganeti,
        { ...base, 'ganeti-os-key-param': 'p', 'ganeti-os-user-data-param': 'p' },
        common,
        ctx,
      ),
    ).rejects.toThrow(/two different OS parameters/);
  });
});

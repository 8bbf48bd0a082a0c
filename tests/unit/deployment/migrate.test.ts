// A deployment directory written before the variable renames keeps working: state and tfvars are
// read through the one migration, and the files on disk stay consistent with their own .tf files.
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDeployment, readTfvars, writeRunning } from '../../../src/actions/deployment.ts';
import { migrateTfvars } from '../../../src/deployment/migrate.ts';
import { crossCheck, parseDir } from '../../helpers/hcl-check.ts';
import { runCli } from '../../helpers/run-cli.ts';

const FIXTURE = new URL('../../fixtures/deployments/libvirt-before-rename', import.meta.url).pathname;

function copyFixture(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'exa-migrate-')), 'dep');
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

describe('deployment directories of earlier versions', () => {
  it('read under today’s names, while the file keeps the names its .tf files declare', async () => {
    const dir = copyFixture();
    const dep = await loadDeployment(dir);
    expect(dep.state.status).toBe('initialized');
    const tfvars = await readTfvars(dep);
    expect(tfvars).toMatchObject({ node_memory_gib: 1, node_vcpus: 2, libvirt_pool: 'default-pool' });
    expect(tfvars).not.toHaveProperty('libvirt_memory_gib');
    expect(tfvars.os_image).toMatch(/^https:\/\/.*\.img$/);
    expect(tfvars).not.toHaveProperty('libvirt_image');

    await writeRunning(dep, false);
    const written = JSON.parse(readFileSync(join(dir, 'terraform.tfvars.json'), 'utf8'));
    expect(written).toMatchObject({ running: false, libvirt_memory_gib: 1, libvirt_vcpus: 2 });
    expect(crossCheck(await parseDir(dir), written)).toEqual([]);
  });

  it('still answer exasol status', async () => {
    const dir = copyFixture();
    const r = await runCli(['status', '--json', '--deployment-dir', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'initialized', deploymentId: 'exa-pd7c1w' });
  });

  it('migrate Ganeti’s MiB memory and vCPUs, and leave today’s names alone', () => {
    expect(migrateTfvars({ ganeti_memory_mib: 4096, ganeti_vcpus: 2, ganeti_os_type: 'noop' })).toEqual({
      node_memory_gib: 4,
      node_vcpus: 2,
      ganeti_os_type: 'noop',
    });
    const today = { node_memory_gib: 8, node_vcpus: 4, running: true };
    expect(migrateTfvars(today)).toEqual(today);
  });
});

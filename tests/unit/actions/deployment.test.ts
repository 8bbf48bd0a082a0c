// Actions take the environment as input: what a deployment was loaded with reaches provider hooks,
// not this process's environment.
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDeployment, targetContext } from '../../../src/actions/deployment.ts';

const FIXTURE = new URL('../../fixtures/deployments/libvirt-before-rename', import.meta.url).pathname;

describe('loadDeployment', () => {
  it('hands the given environment to provider hooks', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'exa-env-')), 'dep');
    cpSync(FIXTURE, dir, { recursive: true });
    const env = { PATH: '/nowhere', EXASOL_SSH_WAIT_MS: '1' };
    const dep = await loadDeployment(dir, undefined, env);
    const secrets = { db_password: 'x', adminui_password: 'y', host_password: 'z', provider: {} };
    expect((await targetContext(dep, secrets)).env).toBe(env);
    expect((await loadDeployment(dir)).env).toBe(process.env);
  });
});

// Golden terraform.tfvars.json per cloud (deployment id and public key normalised); UPDATE_GOLDEN=1 rewrites them.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLOUDS, fakeCloudHome, runCloudInit } from '../../helpers/cloud-init.ts';

const GOLDEN = join(import.meta.dirname, '..', '..', 'fixtures', 'golden');
const { env, flags } = fakeCloudHome();

describe.each(CLOUDS)('%s tfvars', (cloud) => {
  it('match the golden file and hold no secrets', async () => {
    const { tfvars } = await runCloudInit(
      cloud,
      { ...flags[cloud], 'cluster-size': 3, 'allowed-cidr': '203.0.113.0/24', owner: 'data-team' },
      env,
    );
    expect(tfvars.deployment_id).toMatch(/^exa-[a-z0-9]{6}$/);
    expect(String(tfvars.ssh_public_key)).toMatch(/^ssh-ed25519 \S+/);
    const normalised = { ...tfvars, deployment_id: 'exa-000000', ssh_public_key: 'ssh-ed25519 PUBLIC-KEY' };
    const text = `${JSON.stringify(normalised, null, 2)}\n`;
    expect(text).not.toMatch(/sp-secret|PRIVATE KEY|password|client_secret/i);
    const file = join(GOLDEN, `${cloud}.tfvars.json`);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, text);
    expect(existsSync(file), `${file} missing: run with UPDATE_GOLDEN=1`).toBe(true);
    expect(text).toBe(readFileSync(file, 'utf8'));
  });
});

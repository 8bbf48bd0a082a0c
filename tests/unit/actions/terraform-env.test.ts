// Runs exasol starts must not let the caller's GANETI_* TLS variables override the deployment's own
// verification inside the provider plugin: dropped from terraform's environment, one warning each.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Deployment, terraformFor } from '../../../src/actions/deployment.ts';
import { deploymentPaths } from '../../../src/deployment/layout.ts';
import type { DeploymentState } from '../../../src/deployment/state.ts';
import { getProvider } from '../../../src/providers/registry.ts';

const TLS = ['GANETI_INSECURE', 'GANETI_CA_FINGERPRINT', 'GANETI_CA_CERT'] as const;
// The caller's own values (CI exports the test cluster's GANETI_CA_FINGERPRINT) are set aside and put back.
const saved = Object.fromEntries(TLS.map((k) => [k, process.env[k]]));
beforeEach(() => {
  for (const k of TLS) delete process.env[k];
});
afterEach(() => {
  for (const k of TLS) {
    const v = saved[k];
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

async function ganetiDeployment(): Promise<Deployment> {
  const dir = await mkdtemp(join(tmpdir(), 'exa18-tfenv-'));
  const state = {
    deploymentId: 'exa-tlsenv',
    provider: 'ganeti',
    engine: { binary: resolve('tests/fixtures/bin/terraform'), name: 'terraform', version: '1.11.0' },
  } as DeploymentState;
  return { dir, paths: deploymentPaths(dir), state, provider: getProvider('ganeti'), env: process.env };
}

describe('terraform environment of a Ganeti deployment', () => {
  it.each(TLS)('drops %s set by the caller and warns once', async (name) => {
    process.env[name] = name === 'GANETI_INSECURE' ? 'true' : 'AA:BB';
    const warnings: string[] = [];
    const lines: string[] = [];
    const secrets = { db_password: 'x', adminui_password: 'y', host_password: 'z', provider: {} };
    const tf = terraformFor(await ganetiDeployment(), secrets, { onLine: (l) => lines.push(l) }, (m) =>
      warnings.push(m),
    );
    process.env.FAKE_TF_ECHO = name;
    try {
      await tf.init(false);
    } finally {
      delete process.env.FAKE_TF_ECHO;
    }
    expect(lines).toContain(`${name}=undefined`);
    expect(warnings).toEqual([
      `ignoring ${name} from the environment: terraform uses this deployment's own TLS settings`,
    ]);
  });

  it('warns about nothing when the caller sets none of them', async () => {
    const warnings: string[] = [];
    const secrets = { db_password: 'x', adminui_password: 'y', host_password: 'z', provider: {} };
    terraformFor(await ganetiDeployment(), secrets, {}, (m) => warnings.push(m));
    expect(warnings).toEqual([]);
  });
});

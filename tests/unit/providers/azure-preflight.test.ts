// Azure credential pre-flight with fake HOME directories: service principal file, ARM_* env, az CLI profile.
import { describe, expect, it } from 'vitest';
import { azure } from '../../../src/providers/azure/index.ts';
import { put } from '../../helpers/cloud-init.ts';
import { emptyHome, preflightOf } from '../../helpers/cloud-preflight.ts';

const SUB = '00000000-1111-2222-3333-444444444444';
const SP = { appId: 'app', password: 'secret', tenant: 'tenant', subscriptionId: SUB };

/** Writes an az CLI profile the way az does (with a byte order mark) plus a token cache. */
function azLogin(home: string, tokens = true): void {
  const profile = {
    subscriptions: [
      { id: 'ffffffff-1111-2222-3333-444444444444', isDefault: false },
      { id: SUB, isDefault: true },
    ],
  };
  put(home, '.azure/azureProfile.json', `\uFEFF${JSON.stringify(profile)}`);
  if (tokens) put(home, '.azure/msal_token_cache.json', '{}');
}

describe('azure pre-flight', () => {
  it('fails without credentials or subscription and lists the standard ways, one per line', async () => {
    const { byId } = await preflightOf('azure', emptyHome());
    const creds = byId('azure.credentials');
    expect(creds?.status).toBe('fail');
    expect(creds?.fix?.split('\n')).toEqual([
      expect.stringContaining('--azure-credentials-file'),
      expect.stringContaining('ARM_CLIENT_ID'),
      expect.stringContaining('az login'),
    ]);
    const sub = byId('azure.subscription');
    expect(sub?.status).toBe('fail');
    expect(sub?.fix?.split('\n')).toEqual([
      'pass --azure-subscription ID',
      expect.stringContaining('AZURE_SUBSCRIPTION_ID'),
      expect.stringContaining('az account set'),
    ]);
  });

  it('takes the service principal and subscription from the credentials file into secrets only', async () => {
    const home = emptyHome();
    const file = put(home, 'sp.json', JSON.stringify(SP));
    const { byId, resolved } = await preflightOf('azure', home, { 'azure-credentials-file': file });
    expect(byId('azure.credentials')?.status).toBe('pass');
    expect(byId('azure.subscription')).toMatchObject({ status: 'pass', detail: SUB });
    expect(resolved.secrets).toMatchObject({
      ARM_CLIENT_ID: 'app',
      ARM_CLIENT_SECRET: 'secret',
      ARM_TENANT_ID: 'tenant',
    });
    expect(JSON.stringify(resolved.tfvars)).not.toContain('secret');
  });

  it('rejects a credentials file that is not JSON or lacks fields', async () => {
    const home = emptyHome();
    const broken = put(home, 'broken.json', 'appId=app');
    expect(
      (await preflightOf('azure', home, { 'azure-credentials-file': broken })).byId('azure.credentials'),
    ).toMatchObject({
      status: 'fail',
      fix: expect.stringContaining('az ad sp create-for-rbac'),
    });
    const partial = put(home, 'partial.json', JSON.stringify({ appId: 'app' }));
    const r = await preflightOf('azure', home, { 'azure-credentials-file': partial });
    expect(r.byId('azure.credentials')?.detail).toContain(
      'lacks appId/clientId, password/clientSecret or tenant/tenantId',
    );
  });

  it('accepts ARM_* environment credentials with the subscription flag', async () => {
    const env = { ARM_CLIENT_ID: 'a', ARM_CLIENT_SECRET: 'b', ARM_TENANT_ID: 'c' };
    const { checks } = await preflightOf('azure', emptyHome(), { 'azure-subscription': SUB }, env);
    expect(checks.map((c) => [c.id, c.status])).toEqual([
      ['azure.instance-type', 'pass'],
      ['azure.credentials', 'pass'],
      ['azure.identity', 'skip'],
      ['azure.subscription', 'pass'],
    ]);
  });

  it('rejects a subscription from the environment that is no UUID', async () => {
    const env = {
      ARM_CLIENT_ID: 'a',
      ARM_CLIENT_SECRET: 'b',
      ARM_TENANT_ID: 'c',
      AZURE_SUBSCRIPTION_ID: 'my-sub',
    };
    const { byId } = await preflightOf('azure', emptyHome(), {}, env);
    expect(byId('azure.subscription')).toMatchObject({
      status: 'fail',
      detail: "'my-sub' is not a subscription UUID",
    });
  });

  it('uses the az CLI login and its default subscription', async () => {
    const home = emptyHome();
    azLogin(home);
    const { byId, resolved } = await preflightOf('azure', home);
    expect(byId('azure.credentials')?.detail).toContain('Azure CLI login');
    expect(byId('azure.subscription')?.detail).toBe(SUB);
    expect(resolved.secrets.ARM_SUBSCRIPTION_ID).toBe(SUB);
  });

  it('does not count an az profile without a token cache as a login', async () => {
    const home = emptyHome();
    azLogin(home, false);
    const { byId } = await preflightOf('azure', home);
    expect(byId('azure.credentials')?.status).toBe('fail');
    expect(byId('azure.subscription')?.status).toBe('pass');
  });

  it('describes how to look for leftovers by tag', async () => {
    const report = await azure.findLeftovers?.({
      deploymentId: 'exa-abc123',
      tfvars: {},
      secrets: { ARM_SUBSCRIPTION_ID: SUB },
      env: {},
    });
    expect(report?.checked).toBe(false);
    expect(report?.method).toContain(
      `az resource list --subscription ${SUB} --tag exasol-deployment=exa-abc123`,
    );
  });
});

// Azure pre-flight: subscription id and service-principal credentials (file or ARM_* environment).
import { readFile } from 'node:fs/promises';
import type { CheckResult } from '../../preflight/types.ts';
import { fail, pass } from '../shared.ts';
import type { PreflightContext, ResolvedProvider } from '../types.ts';

interface SpFile {
  appId?: string;
  clientId?: string;
  password?: string;
  clientSecret?: string;
  tenant?: string;
  tenantId?: string;
  subscriptionId?: string;
}

/** Checks that azurerm will find a subscription and credentials; moves file credentials into secrets. */
export async function azurePreflight(
  resolved: ResolvedProvider,
  ctx: PreflightContext,
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const file = resolved.summary.credentialsFile;
  const env = ctx.env;
  if (file) {
    let sp: SpFile;
    try {
      sp = JSON.parse(await readFile(file, 'utf8')) as SpFile;
    } catch (err) {
      return [
        fail(
          'azure.credentials',
          'Azure credentials file',
          `${file}: ${(err as Error).message.split('\n')[0]}`,
          'pass the JSON printed by az ad sp create-for-rbac',
        ),
      ];
    }
    const clientId = sp.appId ?? sp.clientId;
    const secret = sp.password ?? sp.clientSecret;
    const tenant = sp.tenant ?? sp.tenantId;
    if (!clientId || !secret || !tenant) {
      return [
        fail(
          'azure.credentials',
          'Azure credentials file',
          `${file} lacks appId/clientId, password/clientSecret or tenant/tenantId`,
          'pass the JSON printed by az ad sp create-for-rbac',
        ),
      ];
    }
    Object.assign(resolved.secrets, {
      ARM_CLIENT_ID: clientId,
      ARM_CLIENT_SECRET: secret,
      ARM_TENANT_ID: tenant,
    });
    if (!resolved.secrets.ARM_SUBSCRIPTION_ID && sp.subscriptionId)
      resolved.secrets.ARM_SUBSCRIPTION_ID = sp.subscriptionId;
    results.push(pass('azure.credentials', 'Azure credentials', `service principal from ${file}`));
  } else if (env.ARM_CLIENT_ID && env.ARM_CLIENT_SECRET && env.ARM_TENANT_ID) {
    results.push(
      pass('azure.credentials', 'Azure credentials', 'from ARM_CLIENT_ID/ARM_CLIENT_SECRET/ARM_TENANT_ID'),
    );
  } else {
    results.push(
      fail(
        'azure.credentials',
        'Azure credentials',
        'no service principal: --azure-credentials-file not given and ARM_CLIENT_ID/ARM_CLIENT_SECRET/ARM_TENANT_ID unset',
        "run 'az ad sp create-for-rbac --role Contributor --scopes /subscriptions/ID > sp.json' and pass --azure-credentials-file sp.json",
      ),
    );
  }
  if (resolved.secrets.ARM_SUBSCRIPTION_ID) {
    results.push(pass('azure.subscription', 'Azure subscription', resolved.secrets.ARM_SUBSCRIPTION_ID));
  } else {
    results.push(
      fail(
        'azure.subscription',
        'Azure subscription',
        'no subscription id',
        'pass --azure-subscription ID or export AZURE_SUBSCRIPTION_ID',
      ),
    );
  }
  return results;
}

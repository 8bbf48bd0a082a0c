// Azure pre-flight: service-principal credentials (file or ARM_* environment, else az CLI login) and a
// subscription id (flag, environment, credentials file or the az CLI default subscription).
import { readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { CheckResult } from '../../preflight/types.ts';
import { azureProbe, identityCheck } from '../cloud-identity.ts';
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

/** Standard ways to give azurerm credentials, one per line. */
export const AZURE_CREDENTIAL_FIXES = [
  "run 'az ad sp create-for-rbac --role Contributor --scopes /subscriptions/ID > sp.json' and pass --azure-credentials-file sp.json",
  'export ARM_CLIENT_ID, ARM_CLIENT_SECRET and ARM_TENANT_ID of a service principal',
  "run 'az login' (terraform then uses the Azure CLI login)",
].join('\n');

/** Standard ways to name the subscription, one per line. */
export const AZURE_SUBSCRIPTION_FIXES = [
  'pass --azure-subscription ID',
  'export AZURE_SUBSCRIPTION_ID (or ARM_SUBSCRIPTION_ID)',
  "run 'az account set --subscription ID' after 'az login'",
].join('\n');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SP_FIX = 'pass the JSON printed by az ad sp create-for-rbac (appId, password, tenant)';

// az can only vouch for its own login; checking a service principal would mean logging az in with it.
const SP_PRESENCE_ONLY = 'a service principal is not verified without logging the az CLI in with it';

/** Checks that azurerm will find a subscription and credentials; moves file credentials into secrets. */
export async function azurePreflight(
  resolved: ResolvedProvider,
  ctx: PreflightContext,
): Promise<CheckResult[]> {
  const env = ctx.env;
  const home = env.HOME ?? homedir();
  const cli = await azCliProfile(join(env.AZURE_CONFIG_DIR ?? join(home, '.azure'), 'azureProfile.json'));
  const results: CheckResult[] = [
    pass('azure.instance-type', 'instance type', `${ctx.common.instanceType} (${ctx.common.architecture})`),
  ];
  const file = resolved.summary.credentialsFile;
  if (file) {
    let sp: SpFile;
    try {
      sp = JSON.parse(await readFile(file, 'utf8')) as SpFile;
    } catch (err) {
      const reason = (err as Error).message.split('\n')[0];
      return [...results, fail('azure.credentials', 'Azure credentials file', `${file}: ${reason}`, SP_FIX)];
    }
    const clientId = sp.appId ?? sp.clientId;
    const secret = sp.password ?? sp.clientSecret;
    const tenant = sp.tenant ?? sp.tenantId;
    if (!clientId || !secret || !tenant) {
      const detail = `${file} lacks appId/clientId, password/clientSecret or tenant/tenantId`;
      return [...results, fail('azure.credentials', 'Azure credentials file', detail, SP_FIX)];
    }
    Object.assign(resolved.secrets, {
      ARM_CLIENT_ID: clientId,
      ARM_CLIENT_SECRET: secret,
      ARM_TENANT_ID: tenant,
    });
    if (!resolved.secrets.ARM_SUBSCRIPTION_ID && sp.subscriptionId)
      resolved.secrets.ARM_SUBSCRIPTION_ID = sp.subscriptionId;
    results.push(
      pass('azure.credentials', 'Azure credentials', `service principal ${clientId} from ${file}`),
    );
    results.push(await identityCheck('azure', null, SP_PRESENCE_ONLY));
  } else if (env.ARM_CLIENT_ID && env.ARM_CLIENT_SECRET && env.ARM_TENANT_ID) {
    results.push(
      pass('azure.credentials', 'Azure credentials', 'from ARM_CLIENT_ID/ARM_CLIENT_SECRET/ARM_TENANT_ID'),
    );
    results.push(await identityCheck('azure', null, SP_PRESENCE_ONLY));
  } else if (cli.loggedIn) {
    results.push(pass('azure.credentials', 'Azure credentials', `Azure CLI login (${cli.path})`));
    results.push(await identityCheck('azure', azureProbe(env)));
  } else {
    const detail =
      'none found: no --azure-credentials-file, ARM_CLIENT_ID/ARM_CLIENT_SECRET/ARM_TENANT_ID unset, no az login';
    results.push(fail('azure.credentials', 'Azure credentials', detail, AZURE_CREDENTIAL_FIXES));
  }
  if (!resolved.secrets.ARM_SUBSCRIPTION_ID && cli.subscription) {
    resolved.secrets.ARM_SUBSCRIPTION_ID = cli.subscription;
    resolved.summary.subscription = cli.subscription;
  }
  const sub = resolved.secrets.ARM_SUBSCRIPTION_ID;
  if (!sub)
    results.push(
      fail('azure.subscription', 'Azure subscription', 'no subscription id', AZURE_SUBSCRIPTION_FIXES),
    );
  else if (!UUID.test(sub))
    results.push(
      fail(
        'azure.subscription',
        'Azure subscription',
        `'${sub}' is not a subscription UUID`,
        AZURE_SUBSCRIPTION_FIXES,
      ),
    );
  else results.push(pass('azure.subscription', 'Azure subscription', sub));
  return results;
}

/** The az CLI's default subscription and whether a login token cache exists next to it. */
async function azCliProfile(
  path: string,
): Promise<{ path: string; subscription?: string; loggedIn: boolean }> {
  const text = await readFile(path, 'utf8').catch(() => '');
  let subscription: string | undefined;
  try {
    // az writes this file with a UTF-8 byte order mark.
    const profile = JSON.parse(text.replace(/^\uFEFF/, '')) as {
      subscriptions?: Array<{ id?: string; isDefault?: boolean }>;
    };
    subscription = profile.subscriptions?.find((s) => s.isDefault)?.id;
  } catch {
    subscription = undefined;
  }
  const dir = join(path, '..');
  const tokens = await stat(join(dir, 'msal_token_cache.json')).then(
    () => true,
    () => false,
  );
  return subscription ? { path, subscription, loggedIn: tokens } : { path, loggedIn: false };
}

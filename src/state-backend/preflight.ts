// init's pre-flight for the state backend: the credentials the backend will read are present in the
// environment (naming the variable that is missing), and for pg the database is reachable and the
// deployment's schema holds no other state.
import { access } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { CheckResult } from '../preflight/types.ts';
import { awsCredentials } from '../providers/aws/preflight.ts';
import { fail, pass } from '../providers/shared.ts';
import { type BackendConfig, describeBackend } from './config.ts';
import { connectPg, missingPgEnv, pgSource } from './pg.ts';

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

/** Checks for the chosen backend (none for local). */
export async function backendPreflight(b: BackendConfig, env: NodeJS.ProcessEnv): Promise<CheckResult[]> {
  switch (b.kind) {
    case 'local':
      return [];
    case 'pg':
      return pgChecks(b, env);
    case 's3':
      return [
        pass('backend.settings', 'state backend', describeBackend(b)),
        await awsCredentials(
          env.AWS_PROFILE ?? 'default',
          env,
          'backend.credentials',
          's3 backend credentials',
        ),
      ];
    case 'azurerm':
      return [pass('backend.settings', 'state backend', describeBackend(b)), azurermCredentials(b, env)];
    case 'gcs':
      return [pass('backend.settings', 'state backend', describeBackend(b)), await gcsCredentials(env)];
  }
}

async function pgChecks(
  b: Extract<BackendConfig, { kind: 'pg' }>,
  env: NodeJS.ProcessEnv,
): Promise<CheckResult[]> {
  const title = 'pg backend connection';
  if (!pgSource(b.connStrEnv, env))
    return [
      fail(
        'backend.credentials',
        title,
        missingPgEnv(b.connStrEnv),
        `export ${b.connStrEnv}=postgres://USER:PASSWORD@HOST:5432/DB (add ?sslmode=disable for a server without TLS), or set PGHOST, PGUSER, PGPASSWORD and PGDATABASE`,
      ),
    ];
  let client: Awaited<ReturnType<typeof connectPg>>;
  try {
    client = await connectPg(b.connStrEnv, env, 'exasol init pre-flight');
  } catch (err) {
    return [
      fail(
        'backend.credentials',
        title,
        err instanceof Error ? err.message : String(err),
        (err as { hint?: string }).hint ?? `check ${pgSource(b.connStrEnv, env)}`,
      ),
    ];
  }
  try {
    const info = await client.query<{
      version: string;
      db: string;
      usr: string;
      can_create: boolean;
      has_states: boolean;
    }>(
      `SELECT current_setting('server_version') AS version, current_database() AS db, current_user AS usr,
              has_database_privilege(current_database(), 'CREATE') AS can_create,
              to_regclass(quote_ident($1) || '.states') IS NOT NULL AS has_states`,
      [b.schema],
    );
    const row = info.rows[0];
    if (!row) throw new Error('no answer');
    const out = [
      pass(
        'backend.credentials',
        title,
        `PostgreSQL ${row.version}, database ${row.db} as ${row.usr} (from ${pgSource(b.connStrEnv, env)})`,
      ),
    ];
    if (row.has_states) {
      const n = await client.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM ${quoteIdent(b.schema)}.states`,
      );
      if (n.rows[0]?.n !== '0')
        out.push(
          fail(
            'backend.schema',
            'pg backend schema',
            `schema ${b.schema} already holds terraform state of another deployment`,
            'choose another --state-pg-schema (one schema per deployment)',
          ),
        );
      else out.push(pass('backend.schema', 'pg backend schema', `${b.schema} exists and is empty`));
    } else if (!row.can_create)
      out.push(
        fail(
          'backend.schema',
          'pg backend schema',
          `${row.usr} may not create schema ${b.schema} in ${row.db}`,
          `GRANT CREATE ON DATABASE ${row.db} TO ${row.usr}; or create the schema for it`,
        ),
      );
    else
      out.push(
        pass('backend.schema', 'pg backend schema', `${b.schema} (terraform creates it on the first deploy)`),
      );
    return out;
  } finally {
    await client.end().catch(() => {});
  }
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function azurermCredentials(
  b: Extract<BackendConfig, { kind: 'azurerm' }>,
  env: NodeJS.ProcessEnv,
): CheckResult {
  const id = 'backend.credentials';
  const title = 'azurerm backend credentials';
  if (b.useAzureAd) {
    const missing = ['ARM_CLIENT_ID', 'ARM_TENANT_ID'].filter((v) => !env[v]);
    const how = ['ARM_CLIENT_SECRET', 'ARM_CLIENT_CERTIFICATE_PATH', 'ARM_USE_OIDC', 'ARM_USE_MSI'].find(
      (v) => env[v],
    );
    if (missing.length)
      return fail(
        id,
        title,
        `${missing.join(' and ')} unset (needed by --state-azurerm-use-azuread)`,
        `export ${missing.join(', ')}`,
      );
    if (!how)
      return fail(
        id,
        title,
        'ARM_CLIENT_SECRET unset (or ARM_CLIENT_CERTIFICATE_PATH, ARM_USE_OIDC=true, ARM_USE_MSI=true)',
        'export ARM_CLIENT_SECRET of the service principal',
      );
    return pass(id, title, `Entra ID: ARM_CLIENT_ID with ${how}`);
  }
  if (env.ARM_ACCESS_KEY) return pass(id, title, 'storage account key from ARM_ACCESS_KEY');
  if (env.ARM_SAS_TOKEN) return pass(id, title, 'SAS token from ARM_SAS_TOKEN');
  if (
    b.resourceGroup &&
    env.ARM_CLIENT_ID &&
    env.ARM_CLIENT_SECRET &&
    env.ARM_TENANT_ID &&
    env.ARM_SUBSCRIPTION_ID
  )
    return pass(id, title, `account key looked up in ${b.resourceGroup} with ARM_CLIENT_ID`);
  return fail(
    id,
    title,
    'ARM_ACCESS_KEY unset (and no ARM_SAS_TOKEN)',
    'export ARM_ACCESS_KEY=<storage account key> or ARM_SAS_TOKEN, or use --state-azurerm-use-azuread with ARM_CLIENT_ID/ARM_TENANT_ID/ARM_CLIENT_SECRET',
  );
}

async function gcsCredentials(env: NodeJS.ProcessEnv): Promise<CheckResult> {
  const id = 'backend.credentials';
  const title = 'gcs backend credentials';
  for (const v of ['GOOGLE_BACKEND_CREDENTIALS', 'GOOGLE_CREDENTIALS'])
    if (env[v]) return pass(id, title, `from ${v}`);
  const file = env.GOOGLE_APPLICATION_CREDENTIALS;
  if (file)
    return (await exists(file))
      ? pass(id, title, `from GOOGLE_APPLICATION_CREDENTIALS (${file})`)
      : fail(
          id,
          title,
          `GOOGLE_APPLICATION_CREDENTIALS names ${file}, which does not exist`,
          'point it at a service account key file',
        );
  const adc = join(env.HOME ?? homedir(), '.config', 'gcloud', 'application_default_credentials.json');
  if (await exists(adc)) return pass(id, title, `gcloud application-default login (${adc})`);
  return fail(
    id,
    title,
    'GOOGLE_APPLICATION_CREDENTIALS unset (and no GOOGLE_CREDENTIALS, GOOGLE_BACKEND_CREDENTIALS or gcloud application-default login)',
    'export GOOGLE_APPLICATION_CREDENTIALS=/path/to/key.json, or run gcloud auth application-default login',
  );
}

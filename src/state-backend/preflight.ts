// init's pre-flight for the state backend: the credentials the backend will read are present in the
// environment (naming the variable that is missing), and for pg the database is reachable and the
// deployment's schema holds no other state.
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { CheckResult } from '../preflight/types.ts';
import { awsCredentials } from '../providers/aws/preflight.ts';
import { fail, pass } from '../providers/shared.ts';
import { pathExists } from '../util/path-exists.ts';
import { type BackendConfig, describeBackend } from './config.ts';
import { connectPg, missingPgEnv, pgSource } from './pg.ts';

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
    const info = await client.query<PgFacts>(
      `SELECT current_setting('server_version') AS version, current_database() AS db, current_user AS usr,
              has_database_privilege(current_database(), 'CREATE') AS db_create,
              to_regnamespace(quote_ident($1)) IS NOT NULL AS schema_exists,
              CASE WHEN to_regnamespace(quote_ident($1)) IS NULL THEN false
                   ELSE has_schema_privilege(quote_ident($1), 'CREATE') END AS schema_create,
              to_regclass(quote_ident($1) || '.states') IS NOT NULL AS has_states,
              to_regclass('public.global_states_id_seq') IS NOT NULL AS has_seq,
              CASE WHEN to_regclass('public.global_states_id_seq') IS NULL THEN false
                   ELSE has_sequence_privilege('public.global_states_id_seq', 'USAGE') END AS seq_usage,
              CASE WHEN to_regnamespace('public') IS NULL THEN false
                   ELSE has_schema_privilege('public', 'CREATE') END AS public_create`,
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
      await schemaCheck(client, b.schema, row),
      sequenceCheck(row),
    ];
    return out;
  } finally {
    await client.end().catch(() => {});
  }
}

/** What the pre-flight asks PostgreSQL about the role, the schema and terraform's sequence. */
interface PgFacts {
  version: string;
  db: string;
  usr: string;
  db_create: boolean;
  schema_exists: boolean;
  schema_create: boolean;
  has_states: boolean;
  has_seq: boolean;
  seq_usage: boolean;
  public_create: boolean;
}

/** The deployment's schema: empty of other state, and terraform (and exasol) may create tables in it. */
async function schemaCheck(
  client: Awaited<ReturnType<typeof connectPg>>,
  schema: string,
  f: PgFacts,
): Promise<CheckResult> {
  const id = 'backend.schema';
  const title = 'pg backend schema';
  if (f.has_states) {
    const n = await client.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM ${quoteIdent(schema)}.states`,
    );
    if (n.rows[0]?.n !== '0')
      return fail(
        id,
        title,
        `schema ${schema} already holds terraform state of another deployment`,
        'choose another --state-pg-schema (one schema per deployment)',
      );
  }
  if (f.schema_exists)
    return f.schema_create
      ? pass(id, title, `${schema} exists and holds no state`)
      : fail(
          id,
          title,
          `${f.usr} may not create tables in schema ${schema}`,
          `GRANT CREATE ON SCHEMA ${schema} TO ${f.usr};`,
        );
  return f.db_create
    ? pass(id, title, `${schema} (created on the first deploy)`)
    : fail(
        id,
        title,
        `${f.usr} may not create schema ${schema} in ${f.db}`,
        `GRANT CREATE ON DATABASE ${f.db} TO ${f.usr}; or create the schema and GRANT CREATE ON SCHEMA ${schema} TO ${f.usr};`,
      );
}

/** terraform's pg backend numbers states with public.global_states_id_seq, creating it when missing. */
function sequenceCheck(f: PgFacts): CheckResult {
  const id = 'backend.sequence';
  const title = "terraform's sequence public.global_states_id_seq";
  if (f.has_seq)
    return f.seq_usage
      ? pass(id, title, 'exists and may be used')
      : fail(
          id,
          title,
          `${f.usr} may not use it`,
          `GRANT USAGE ON SEQUENCE public.global_states_id_seq TO ${f.usr};`,
        );
  return f.public_create
    ? pass(id, title, 'created by terraform on the first deploy')
    : fail(
        id,
        title,
        `missing, and ${f.usr} may not create it in schema public (PostgreSQL 15 no longer lets every role create there)`,
        `GRANT CREATE ON SCHEMA public TO ${f.usr}; or, as its owner: CREATE SEQUENCE public.global_states_id_seq AS bigint; GRANT USAGE ON SEQUENCE public.global_states_id_seq TO ${f.usr};`,
      );
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
    return (await pathExists(file))
      ? pass(id, title, `from GOOGLE_APPLICATION_CREDENTIALS (${file})`)
      : fail(
          id,
          title,
          `GOOGLE_APPLICATION_CREDENTIALS names ${file}, which does not exist`,
          'point it at a service account key file',
        );
  const adc = join(env.HOME ?? homedir(), '.config', 'gcloud', 'application_default_credentials.json');
  if (await pathExists(adc)) return pass(id, title, `gcloud application-default login (${adc})`);
  return fail(
    id,
    title,
    'GOOGLE_APPLICATION_CREDENTIALS unset (and no GOOGLE_CREDENTIALS, GOOGLE_BACKEND_CREDENTIALS or gcloud application-default login)',
    'export GOOGLE_APPLICATION_CREDENTIALS=/path/to/key.json, or run gcloud auth application-default login',
  );
}

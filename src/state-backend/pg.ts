// The one place that opens PostgreSQL connections (pre-flight and the cross-machine lock): the
// connection string comes from the environment variable the deployment names, or libpq's PG* variables.
import type { Client } from 'pg';
import { ExasolError } from '../errors.ts';
import { PG_CONN_STR } from './config.ts';

/** The libpq variables that describe a connection without a connection string. */
const PG_VARS = ['PGHOST', 'PGHOSTADDR', 'PGDATABASE', 'PGSERVICE'] as const;

/** Where the connection settings come from, or null when the environment has none. */
export function pgSource(connStrEnv: string, env: NodeJS.ProcessEnv): string | null {
  if (env[connStrEnv]) return connStrEnv;
  const vars = PG_VARS.filter((v) => env[v]);
  return vars.length ? vars.join('/') : null;
}

/** The missing-variable message, naming the variable a user must set. */
export function missingPgEnv(connStrEnv: string): string {
  const alt = connStrEnv === PG_CONN_STR ? '' : ` (named by --state-pg-conn-str-env)`;
  return `${connStrEnv}${alt} is unset and no PGHOST/PGDATABASE is set`;
}

/** Values to keep out of logs: the connection string and PGPASSWORD. */
export function pgSecrets(connStrEnv: string, env: NodeJS.ProcessEnv): string[] {
  const out: string[] = [];
  const conn = env[connStrEnv];
  if (conn) {
    out.push(conn);
    try {
      const pw = new URL(conn).password;
      if (pw) out.push(decodeURIComponent(pw));
    } catch {
      // key=value form: the whole string is redacted above
    }
  }
  if (env.PGPASSWORD) out.push(env.PGPASSWORD);
  return out;
}

/** Removes secrets from a driver message so it can be shown. */
export function redactPg(message: string, connStrEnv: string, env: NodeJS.ProcessEnv): string {
  let text = message;
  for (const s of pgSecrets(connStrEnv, env)) text = text.split(s).join('***');
  return text;
}

/** True when the connection string (or PGSSLMODE without one) chooses the TLS mode itself. */
export function sslModeGiven(conn: string | undefined, env: NodeJS.ProcessEnv): boolean {
  return conn ? /(^|[?&\s])sslmode\s*=/.test(conn) : Boolean(env.PGSSLMODE);
}

/** Opens a connection; `applicationName` is what other sessions see in pg_stat_activity. */
export async function connectPg(
  connStrEnv: string,
  env: NodeJS.ProcessEnv,
  applicationName: string,
): Promise<Client> {
  if (!pgSource(connStrEnv, env))
    throw new ExasolError(
      'E_BACKEND_ENV',
      `the pg state backend needs a connection: ${missingPgEnv(connStrEnv)}`,
      {
        hint: `export ${connStrEnv}=postgres://USER:PASSWORD@HOST:5432/DB (terraform's pg backend reads the same)`,
      },
    );
  const { default: pg } = await import('pg');
  const conn = env[connStrEnv];
  const client = new pg.Client({
    ...(conn ? { connectionString: conn } : {}),
    // terraform's pg backend uses TLS unless sslmode says otherwise; so do we, and we verify it.
    ...(sslModeGiven(conn, env) ? {} : { ssl: true }),
    application_name: applicationName.slice(0, 63),
    connectionTimeoutMillis: 10_000,
  });
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => {});
    throw new ExasolError(
      'E_BACKEND_CONNECT',
      `cannot connect to the PostgreSQL state backend: ${redactPg(err instanceof Error ? err.message : String(err), connStrEnv, env)}`,
      {
        hint: /does not support SSL/.test(String(err))
          ? 'the server has no TLS: add sslmode=disable to the connection string (terraform needs it too)'
          : `check ${pgSource(connStrEnv, env)} and that the server accepts connections from this host`,
      },
    );
  }
  // A dropped connection would otherwise surface as an unhandled 'error' event.
  client.on('error', () => {});
  return client;
}

// The throw-away PostgreSQL of the shared-state suites (tests/postgres.sh up; EXASOL_TEST_PG_CONN_STR).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { missingEnv, skipUnlessService } from './service-gate.ts';

/** True when the PostgreSQL suites must be skipped (throws on CI when the server is not configured). */
export const skipPostgres = skipUnlessService(
  'postgresql',
  missingEnv('EXASOL_TEST_PG_CONN_STR') &&
    `${missingEnv('EXASOL_TEST_PG_CONN_STR')} (start one with: bash tests/postgres.sh up; eval "$(bash tests/postgres.sh env)")`,
);

/** Connection string of the test server. */
export const PG_TEST_CONN = process.env.EXASOL_TEST_PG_CONN_STR ?? '';

/** A schema name no other run uses (`exasol_t_<hex>`), so suites assert only on what they made. */
export function testSchema(): string {
  return `exasol_t_${randomBytes(4).toString('hex')}`;
}

/** Runs one query on a short-lived connection. */
export async function pgQuery<T extends pg.QueryResultRow>(
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const c = new pg.Client({ connectionString: PG_TEST_CONN });
  await c.connect();
  try {
    return (await c.query<T>(sql, params)).rows;
  } finally {
    await c.end();
  }
}

/** Drops schemas this run created. */
export async function dropSchemas(names: readonly string[]): Promise<void> {
  for (const n of names) await pgQuery(`DROP SCHEMA IF EXISTS "${n}" CASCADE`);
}

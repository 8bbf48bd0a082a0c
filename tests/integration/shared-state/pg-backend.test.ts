// The pg backend against a real PostgreSQL: init's pre-flight (connection, schema already holding
// state, missing or wrong credentials) and the cross-machine advisory lock (holder named, --lock-timeout
// waits, a killed holder frees it).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LockedError } from '../../../src/errors.ts';
import { acquirePgLock, LOCK_CLASS, lockKey } from '../../../src/state-backend/pg-lock.ts';
import { libvirtTestInit } from '../../helpers/libvirt-test-init.ts';
import { dropSchemas, PG_TEST_CONN, pgQuery, skipPostgres, testSchema } from '../../helpers/postgres.ts';
import { runCli } from '../../helpers/run-cli.ts';

const work = mkdtempSync(join(tmpdir(), 'exasol-pg-'));
const schemas: string[] = [];
afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
  if (!skipPostgres) await dropSchemas(schemas);
});

let n = 0;
/** `exasol init` of a libvirt (test:///default) deployment with the pg backend. */
function initWithPg(extra: string[], env: Record<string, string | undefined>) {
  const dir = join(work, `dep-${++n}`);
  return {
    dir,
    run: runCli(libvirtTestInit(dir, '--state-backend', 'pg', ...extra), {
      PG_CONN_STR: undefined,
      PGHOST: undefined,
      PGDATABASE: undefined,
      PGPASSWORD: undefined,
      ...env,
    }),
  };
}

describe.skipIf(skipPostgres)('pg backend pre-flight (real PostgreSQL)', () => {
  it('passes, renders backend.tf with the schema only, and records the backend', async () => {
    const schema = testSchema();
    schemas.push(schema);
    const { dir, run } = initWithPg(['--state-pg-schema', schema], { PG_CONN_STR: PG_TEST_CONN });
    const r = await run;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/✔ pg backend connection: PostgreSQL \d+\.\d+.* \(from PG_CONN_STR\)/);
    expect(r.stderr).toContain(`✔ pg backend schema: ${schema} (created on the first deploy)`);
    expect(r.stderr).toContain(`terraform state: pg (schema ${schema}, connection from PG_CONN_STR)`);
    const tf = readFileSync(join(dir, 'backend.tf'), 'utf8');
    expect(tf).toContain(`schema_name = "${schema}"`);
    const password = new URL(PG_TEST_CONN).password;
    for (const f of ['backend.tf', '.exasol.json', 'terraform.tfvars.json', 'secrets.json'])
      expect(readFileSync(join(dir, f), 'utf8')).not.toContain(password);
    expect(JSON.parse(readFileSync(join(dir, '.exasol.json'), 'utf8')).backend).toEqual({
      kind: 'pg',
      schema,
      connStrEnv: 'PG_CONN_STR',
    });
  });

  it('reads the connection from the variable --state-pg-conn-str-env names', async () => {
    const { run } = initWithPg(['--state-pg-conn-str-env', 'CI_STATE_DB'], { CI_STATE_DB: PG_TEST_CONN });
    const r = await run;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/pg backend connection: .*\(from CI_STATE_DB\)/);
  });

  it('refuses a schema that already holds another deployment’s state', async () => {
    const schema = testSchema();
    schemas.push(schema);
    await pgQuery(`CREATE SCHEMA ${schema}`);
    await pgQuery(`CREATE TABLE ${schema}.states (id bigserial primary key, name text, data text)`);
    await pgQuery(`INSERT INTO ${schema}.states (name, data) VALUES ('default', '{}')`);
    const { dir, run } = initWithPg(['--state-pg-schema', schema], { PG_CONN_STR: PG_TEST_CONN });
    const r = await run;
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `✖ pg backend schema: schema ${schema} already holds terraform state of another deployment`,
    );
    expect(existsSync(dir)).toBe(false);
  });

  it('a role that may not create terraform’s sequence in schema public is told the GRANT', async () => {
    const limited = process.env.EXASOL_TEST_PG_LIMITED_CONN_STR;
    expect(limited, 'tests/postgres.sh env sets EXASOL_TEST_PG_LIMITED_CONN_STR').toBeTruthy();
    const { dir, run } = initWithPg([], { PG_CONN_STR: limited });
    const r = await run;
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/✔ pg backend schema: exasol_exa_[a-z0-9]{6} \(created on the first deploy\)/);
    expect(r.stderr).toContain(
      "✖ terraform's sequence public.global_states_id_seq: missing, and exasol_ci_limited may not create it in schema public",
    );
    // The fix follows its line as a block that pastes into psql as it is.
    expect(r.stderr).toMatch(/fix:\n {4}GRANT CREATE ON SCHEMA public TO exasol_ci_limited;/);
    expect(existsSync(dir)).toBe(false);
  });

  it('names the missing variable and writes nothing', async () => {
    const { dir, run } = initWithPg([], {});
    const r = await run;
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      '✖ pg backend connection: PG_CONN_STR is unset and no PGHOST/PGDATABASE is set',
    );
    expect(existsSync(dir)).toBe(false);
    const renamed = await initWithPg(['--state-pg-conn-str-env', 'TEAM_PG'], {}).run;
    expect(renamed.stderr).toContain('TEAM_PG (named by --state-pg-conn-str-env) is unset');
  });

  it('uses (and verifies) TLS unless the connection string says sslmode, as terraform does', async () => {
    const { dir, run } = initWithPg([], { PG_CONN_STR: PG_TEST_CONN.replace(/\?sslmode=disable$/, '') });
    const r = await run;
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('The server does not support SSL connections');
    expect(r.stderr).toMatch(/fix:\n {4}the server has no TLS: add sslmode=disable to the connection string/);
    expect(existsSync(dir)).toBe(false);
  });

  it('reports a wrong password without printing it', async () => {
    const url = new URL(PG_TEST_CONN);
    url.password = 'not-the-password-4711';
    const { run } = initWithPg([], { PG_CONN_STR: url.toString() });
    const r = await run;
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /✖ pg backend connection: cannot connect to the PostgreSQL state backend: .*password authentication failed/,
    );
    expect(r.stderr).not.toContain('not-the-password-4711');
  });
});

describe.skipIf(skipPostgres)('cross-machine lock (real PostgreSQL advisory lock)', () => {
  const env = { PG_CONN_STR: PG_TEST_CONN };
  const opts = (timeoutMs = 0, warnings: string[] = []) => ({
    connStrEnv: 'PG_CONN_STR',
    env,
    timeoutMs,
    warn: (m: string) => warnings.push(m),
    pollMs: 100,
  });

  it('a second holder gets LockedError (exit 3) naming operation, pid, host and since', async () => {
    const id = `exa-t${Date.now().toString(36).slice(-5)}`;
    const first = await acquirePgLock(id, 'deploy', opts());
    try {
      const err = await acquirePgLock(id, 'destroy', opts()).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(LockedError);
      expect((err as LockedError).exitCode).toBe(3);
      expect((err as LockedError).message).toMatch(
        new RegExp(
          `^deployment ${id} is locked on the shared state backend by deploy \\(pid ${process.pid} on ${hostname()}, since \\d{4}-\\d\\d-\\d\\dT`,
        ),
      );
      // Other deployments are not affected.
      const other = await acquirePgLock(`${id}x`, 'deploy', opts());
      await other.release();
    } finally {
      await first.release();
    }
    const again = await acquirePgLock(id, 'destroy', opts());
    await again.release();
  });

  it('--lock-timeout waits for the holder instead of failing', async () => {
    const id = `exa-w${Date.now().toString(36).slice(-5)}`;
    const first = await acquirePgLock(id, 'deploy', opts());
    setTimeout(() => void first.release(), 700);
    const warnings: string[] = [];
    const t0 = Date.now();
    const second = await acquirePgLock(id, 'stop', opts(10_000, warnings));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(600);
    expect(warnings[0]).toMatch(new RegExp(`deployment ${id} is locked by deploy .*; waiting up to 10s`));
    await second.release();
  });

  it('a holder that is killed (-9) leaves no stale lock', async () => {
    const id = `exa-k${Date.now().toString(36).slice(-5)}`;
    const key = lockKey(id);
    // A separate process takes the lock with psql-free node and is killed while holding it.
    const child = spawn(
      process.execPath,
      [
        '-e',
        `const pg=require('pg');const c=new pg.Client({connectionString:process.env.PG_CONN_STR});` +
          `c.connect().then(()=>c.query('SELECT pg_advisory_lock($1,$2)',[${LOCK_CLASS},${key}])).then(()=>console.log('held'))`,
      ],
      { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', () => resolve());
      child.on('exit', (code) =>
        reject(new Error(`the lock-holding process exited (${code}) before it held the lock`)),
      );
    });
    const held = await acquirePgLock(id, 'deploy', opts()).catch((e: unknown) => e);
    expect(held).toBeInstanceOf(LockedError);
    expect((held as Error).message).toMatch(/a PostgreSQL session \(server pid \d+/);
    child.kill('SIGKILL');
    const after = await acquirePgLock(id, 'deploy', opts(10_000));
    const rows = await pgQuery<{ n: string }>(
      "SELECT count(*)::text AS n FROM pg_locks WHERE locktype = 'advisory' AND classid = $1::oid AND objid = $2::oid",
      [LOCK_CLASS, key],
    );
    expect(rows[0]?.n).toBe('1');
    await after.release();
  });
});

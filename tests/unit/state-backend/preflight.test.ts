// init's pre-flight for s3/azurerm/gcs/pg: which environment variable is missing, by name; and a
// whole `exasol init` that fails on it writes nothing.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BackendConfig } from '../../../src/state-backend/config.ts';
import { backendRedactions, backendTerraformEnv, requireBackendEnv } from '../../../src/state-backend/env.ts';
import { redactPg } from '../../../src/state-backend/pg.ts';
import { backendPreflight } from '../../../src/state-backend/preflight.ts';
import { libvirtTestInit } from '../../helpers/libvirt-test-init.ts';
import { runCli } from '../../helpers/run-cli.ts';

const home = () => mkdtempSync(join(tmpdir(), 'exa-home-'));
const S3: BackendConfig = { kind: 's3', bucket: 'tf-state', key: 'k', region: 'eu-west-1' };
const AZ: BackendConfig = {
  kind: 'azurerm',
  storageAccount: 'acct1',
  container: 'tfstate',
  key: 'k',
  useAzureAd: false,
};
const AZ_AD: BackendConfig = { ...AZ, useAzureAd: true };
const GCS: BackendConfig = { kind: 'gcs', bucket: 'b-1', prefix: 'p' };
const PG: BackendConfig = { kind: 'pg', schema: 's', connStrEnv: 'PG_CONN_STR' };

async function credentialLine(b: BackendConfig, env: NodeJS.ProcessEnv) {
  const checks = await backendPreflight(b, { HOME: home(), ...env });
  const line = checks.find((c) => c.id === 'backend.credentials');
  if (!line) throw new Error('no credentials check');
  return line;
}

describe('state backend pre-flight: credentials from the environment', () => {
  it('local needs nothing', async () => {
    expect(await backendPreflight({ kind: 'local' }, {})).toEqual([]);
  });

  it.each<[string, BackendConfig, NodeJS.ProcessEnv, 'pass' | 'fail', RegExp]>([
    [
      's3 with keys',
      S3,
      { AWS_ACCESS_KEY_ID: 'AKIA', AWS_SECRET_ACCESS_KEY: 'x' },
      'pass',
      /AWS_ACCESS_KEY_ID/,
    ],
    [
      's3 with half a key pair',
      S3,
      { AWS_ACCESS_KEY_ID: 'AKIA' },
      'fail',
      /^AWS_SECRET_ACCESS_KEY is unset$/,
    ],
    ['s3 with nothing', S3, {}, 'fail', /AWS_ACCESS_KEY_ID\/AWS_SECRET_ACCESS_KEY unset/],
    [
      's3 with web identity',
      S3,
      { AWS_WEB_IDENTITY_TOKEN_FILE: '/t', AWS_ROLE_ARN: 'arn' },
      'pass',
      /web identity/,
    ],
    ['azurerm with an access key', AZ, { ARM_ACCESS_KEY: 'k' }, 'pass', /ARM_ACCESS_KEY/],
    ['azurerm with a SAS token', AZ, { ARM_SAS_TOKEN: 't' }, 'pass', /ARM_SAS_TOKEN/],
    ['azurerm with nothing', AZ, {}, 'fail', /^ARM_ACCESS_KEY unset \(and no ARM_SAS_TOKEN\)$/],
    ['azurerm Entra ID without tenant', AZ_AD, { ARM_CLIENT_ID: 'c' }, 'fail', /^ARM_TENANT_ID unset/],
    [
      'azurerm Entra ID without a secret',
      AZ_AD,
      { ARM_CLIENT_ID: 'c', ARM_TENANT_ID: 't' },
      'fail',
      /^ARM_CLIENT_SECRET unset/,
    ],
    [
      'azurerm Entra ID with OIDC',
      AZ_AD,
      { ARM_CLIENT_ID: 'c', ARM_TENANT_ID: 't', ARM_USE_OIDC: 'true' },
      'pass',
      /ARM_USE_OIDC/,
    ],
    ['gcs with GOOGLE_CREDENTIALS', GCS, { GOOGLE_CREDENTIALS: '{}' }, 'pass', /GOOGLE_CREDENTIALS/],
    [
      'gcs with a missing key file',
      GCS,
      { GOOGLE_APPLICATION_CREDENTIALS: '/nope/key.json' },
      'fail',
      /names \/nope\/key\.json, which does not exist/,
    ],
    ['gcs with nothing', GCS, {}, 'fail', /^GOOGLE_APPLICATION_CREDENTIALS unset/],
    ['pg with nothing', PG, {}, 'fail', /^PG_CONN_STR is unset and no PGHOST\/PGDATABASE is set$/],
  ])('%s → %s', async (_name, b, env, status, detail) => {
    const line = await credentialLine(b, env);
    expect(line.status).toBe(status);
    expect(line.detail).toMatch(detail);
    if (status === 'fail') expect(line.fix).toBeTruthy();
  });

  it('gcs accepts an existing key file and the gcloud application-default login', async () => {
    const h = home();
    const key = join(h, 'key.json');
    writeFileSync(key, '{}');
    expect((await credentialLine(GCS, { GOOGLE_APPLICATION_CREDENTIALS: key })).status).toBe('pass');
    const adc = join(h, '.config', 'gcloud');
    await import('node:fs/promises').then((fs) => fs.mkdir(adc, { recursive: true }));
    writeFileSync(join(adc, 'application_default_credentials.json'), '{}');
    const checks = await backendPreflight(GCS, { HOME: h });
    expect(checks.find((c) => c.id === 'backend.credentials')?.detail).toMatch(/application-default login/);
  });
});

describe('the pg backend at run time', () => {
  const url = 'postgres://ci:s3cr%21t@db.example:5432/state?sslmode=disable';

  it('hands terraform PG_CONN_STR from the variable the deployment names, and nothing otherwise', () => {
    expect(backendTerraformEnv({ ...PG, connStrEnv: 'TEAM_PG' } as BackendConfig, { TEAM_PG: url })).toEqual({
      PG_CONN_STR: url,
    });
    expect(backendTerraformEnv(PG, { PG_CONN_STR: url })).toEqual({});
    expect(backendTerraformEnv(S3, { PG_CONN_STR: url })).toEqual({});
    expect(backendTerraformEnv(undefined, {})).toEqual({});
  });

  it('redacts the connection string, its password and PGPASSWORD', () => {
    expect(backendRedactions(PG, { PG_CONN_STR: url, PGPASSWORD: 'pw2' })).toEqual([url, 's3cr!t', 'pw2']);
    expect(redactPg(`failed for ${url} with s3cr!t`, 'PG_CONN_STR', { PG_CONN_STR: url })).toBe(
      'failed for *** with ***',
    );
    expect(backendRedactions(GCS, { PG_CONN_STR: url })).toEqual([]);
  });

  it('a runner without the connection gets one line naming the variable before terraform starts', () => {
    expect(() => requireBackendEnv({ ...PG, connStrEnv: 'TEAM_PG' } as BackendConfig, {})).toThrow(
      'the pg state backend needs a connection: TEAM_PG (named by --state-pg-conn-str-env) is unset and no PGHOST/PGDATABASE is set',
    );
    expect(() => requireBackendEnv(PG, { PGHOST: 'db' })).not.toThrow();
    expect(() => requireBackendEnv(S3, {})).not.toThrow();
  });
});

describe('exasol init with a backend whose credentials are missing', () => {
  it('fails pre-flight naming the variable and leaves no directory', async () => {
    const h = home();
    const dir = join(h, 'dep');
    const r = await runCli(
      libvirtTestInit(dir, '--state-backend', 'gcs', '--state-gcs-bucket', 'team-state'),
      {
        HOME: h,
        GOOGLE_APPLICATION_CREDENTIALS: undefined,
        GOOGLE_CREDENTIALS: undefined,
        GOOGLE_BACKEND_CREDENTIALS: undefined,
      },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('✖ gcs backend credentials: GOOGLE_APPLICATION_CREDENTIALS unset');
    expect(r.stderr).toMatch(
      /^error: fix:\n(?: {4}.*\n)* {4}export GOOGLE_APPLICATION_CREDENTIALS=\/path\/to\/key\.json/m,
    );
    expect(existsSync(dir)).toBe(false);
  });

  it('with them, renders backend.tf and says how other runners get the directory', async () => {
    const h = home();
    const dir = join(h, 'dep');
    const r = await runCli(
      libvirtTestInit(
        dir,
        '--state-backend',
        's3',
        '--state-s3-bucket',
        'team-state',
        '--state-s3-region',
        'eu-central-1',
      ),
      { HOME: h, AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'do-not-store-me' },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('✔ s3 backend credentials: from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY');
    expect(r.stderr).toMatch(
      /terraform state: s3 \(s3:\/\/team-state\/exasol\/exa-[a-z0-9]{6}\/terraform\.tfstate in eu-central-1, lock: S3 lock file\)/,
    );
    expect(r.stderr).toContain('exasol export --output FILE');
    expect(existsSync(join(dir, 'backend.tf'))).toBe(true);
    const status = await runCli(['status', '--json', '--deployment-dir', dir]);
    expect(JSON.parse(status.stdout).stateBackend).toBe('s3');
  });
});

describe('TLS mode of exasol’s own PostgreSQL connection', () => {
  it('is left to the connection string or PGSSLMODE when they say it, else TLS with verification', async () => {
    const { sslModeGiven } = await import('../../../src/state-backend/pg.ts');
    expect(sslModeGiven('postgres://u@h/db?sslmode=disable', {})).toBe(true);
    expect(sslModeGiven('postgres://u@h/db?application_name=x&sslmode=verify-full', {})).toBe(true);
    expect(sslModeGiven('host=h dbname=db sslmode=require', {})).toBe(true);
    expect(sslModeGiven('postgres://u@h/db', { PGSSLMODE: 'disable' })).toBe(false);
    expect(sslModeGiven(undefined, { PGSSLMODE: 'disable' })).toBe(true);
    expect(sslModeGiven(undefined, {})).toBe(false);
  });
});

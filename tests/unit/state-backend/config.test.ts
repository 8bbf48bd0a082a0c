// --state-backend flags: resolution, defaults per deployment, and one-line usage errors naming the flag.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.ts';
import {
  describeBackend,
  isShared,
  resolveBackend,
  STATE_BACKEND_FLAGS,
} from '../../../src/state-backend/config.ts';

const ID = 'exa-ab12cd';
const parse = (long: string, raw: string) => {
  const spec = STATE_BACKEND_FLAGS.find((f) => f.long === long);
  if (!spec?.parse) throw new Error(`no parser for ${long}`);
  return spec.parse(raw, `--${long}`);
};

describe('resolveBackend', () => {
  it('defaults to the local backend, which nobody else shares', () => {
    const b = resolveBackend({}, ID, {});
    expect(b).toEqual({ kind: 'local' });
    expect(isShared(b)).toBe(false);
    expect(describeBackend(undefined)).toMatch(/^local/);
  });

  it('pg: one schema per deployment and PG_CONN_STR unless renamed', () => {
    expect(resolveBackend({ 'state-backend': 'pg' }, ID, {})).toEqual({
      kind: 'pg',
      schema: 'exasol_exa_ab12cd',
      connStrEnv: 'PG_CONN_STR',
    });
    const b = resolveBackend(
      { 'state-backend': 'pg', 'state-pg-conn-str-env': 'CI_PG', 'state-pg-schema': 'team_a' },
      ID,
      {},
    );
    expect(b).toMatchObject({ schema: 'team_a', connStrEnv: 'CI_PG' });
    expect(isShared(b)).toBe(true);
    expect(describeBackend(b)).toBe('pg (schema team_a, connection from CI_PG)');
  });

  it('s3: key per deployment, region from the flag or AWS_REGION, native lock file unless a table is named', () => {
    const b = resolveBackend({ 'state-backend': 's3', 'state-s3-bucket': 'tf-state' }, ID, {
      AWS_REGION: 'eu-west-1',
    });
    expect(b).toEqual({
      kind: 's3',
      bucket: 'tf-state',
      key: `exasol/${ID}/terraform.tfstate`,
      region: 'eu-west-1',
    });
    expect(describeBackend(b)).toContain('lock: S3 lock file');
    const t = resolveBackend(
      {
        'state-backend': 's3',
        'state-s3-bucket': 'tf-state',
        'state-s3-region': 'us-east-2',
        'state-s3-dynamodb-table': 'locks',
      },
      ID,
      { AWS_REGION: 'eu-west-1' },
    );
    expect(t).toMatchObject({ region: 'us-east-2', dynamodbTable: 'locks' });
    expect(describeBackend(t)).toContain('DynamoDB locks');
  });

  it('azurerm and gcs: required names, default keys', () => {
    expect(
      resolveBackend(
        {
          'state-backend': 'azurerm',
          'state-azurerm-storage-account': 'acct1',
          'state-azurerm-container': 'tfstate',
        },
        ID,
        {},
      ),
    ).toEqual({
      kind: 'azurerm',
      storageAccount: 'acct1',
      container: 'tfstate',
      key: `exasol/${ID}.tfstate`,
      useAzureAd: false,
    });
    expect(resolveBackend({ 'state-backend': 'gcs', 'state-gcs-bucket': 'my-bucket' }, ID, {})).toEqual({
      kind: 'gcs',
      bucket: 'my-bucket',
      prefix: `exasol/${ID}`,
    });
  });

  const bad: Array<[string, Record<string, string | boolean>, NodeJS.ProcessEnv, RegExp]> = [
    [
      'a flag of another backend',
      { 'state-backend': 'pg', 'state-s3-bucket': 'b' },
      {},
      /^--state-s3-bucket: only applies with --state-backend s3 \(this deployment uses pg\)$/,
    ],
    [
      'a backend flag without --state-backend',
      { 'state-gcs-bucket': 'b' },
      {},
      /^--state-gcs-bucket: only applies with --state-backend gcs \(this deployment uses local\)$/,
    ],
    [
      's3 without a bucket',
      { 'state-backend': 's3' },
      { AWS_REGION: 'eu-west-1' },
      /^--state-s3-bucket: required with --state-backend s3$/,
    ],
    [
      's3 without any region',
      { 'state-backend': 's3', 'state-s3-bucket': 'bkt' },
      {},
      /^--state-s3-region: required with --state-backend s3 \(or set AWS_REGION\)$/,
    ],
    [
      's3 with a bad AWS_REGION',
      { 'state-backend': 's3', 'state-s3-bucket': 'bkt' },
      { AWS_REGION: 'moon' },
      /^--state-s3-region: invalid value 'moon'/,
    ],
    [
      'azurerm without a container',
      { 'state-backend': 'azurerm', 'state-azurerm-storage-account': 'acct1' },
      {},
      /^--state-azurerm-container: required/,
    ],
    [
      'gcs without a bucket',
      { 'state-backend': 'gcs' },
      {},
      /^--state-gcs-bucket: required with --state-backend gcs$/,
    ],
    [
      'the azuread switch with pg',
      { 'state-backend': 'pg', 'state-azurerm-use-azuread': true },
      {},
      /^--state-azurerm-use-azuread: only applies/,
    ],
  ];
  it.each(bad)('refuses %s with a one-line usage error', (_name, values, env, message) => {
    let err: unknown;
    try {
      resolveBackend(values, ID, env);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).exitCode).toBe(2);
    expect((err as UsageError).message).toMatch(message);
  });
});

describe('backend flag values', () => {
  it.each([
    ['state-backend', 'consul', /accepted: local, pg, s3, azurerm, gcs/],
    ['state-pg-schema', 'Bad-Schema', /lowercase SQL identifier/],
    ['state-pg-conn-str-env', '1NOPE', /environment variable name/],
    ['state-s3-bucket', 'Upper_Case', /S3 bucket name/],
    ['state-s3-key', '/abs/key', /no leading/],
    ['state-azurerm-storage-account', 'has-dash', /lowercase letters and digits/],
    ['state-azurerm-container', 'a--b', /blob container name/],
    ['state-gcs-bucket', 'x', /Cloud Storage bucket name/],
  ])('--%s %s is refused naming the flag', (long, raw, accepted) => {
    expect(() => parse(long, raw)).toThrow(new RegExp(`^--${long}: `));
    expect(() => parse(long, raw)).toThrow(accepted);
  });
});

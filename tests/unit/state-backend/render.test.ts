// Rendered backend blocks: HashiCorp's HCL parser reads them, `terraform fmt -check` has nothing to
// change, and no credential ever lands in the deployment directory.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BackendConfig } from '../../../src/state-backend/config.ts';
import { BACKEND_FILE, renderBackend } from '../../../src/templates/render.ts';
import { fmtDiff, parseDir } from '../../helpers/hcl-check.ts';

const root = mkdtempSync(join(tmpdir(), 'exasol-backend-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const cases: Array<[string, BackendConfig, Record<string, unknown>]> = [
  [
    'pg',
    { kind: 'pg', schema: 'exasol_exa_ab12cd', connStrEnv: 'CI_PG' },
    { schema_name: 'exasol_exa_ab12cd' },
  ],
  [
    's3 with the native lock file',
    { kind: 's3', bucket: 'tf-state', key: 'exasol/exa-ab12cd/terraform.tfstate', region: 'eu-west-1' },
    {
      bucket: 'tf-state',
      key: 'exasol/exa-ab12cd/terraform.tfstate',
      region: 'eu-west-1',
      encrypt: true,
      use_lockfile: true,
    },
  ],
  [
    's3 with a DynamoDB table',
    {
      kind: 's3',
      bucket: 'tf-state',
      key: 'k/terraform.tfstate',
      region: 'us-east-2',
      dynamodbTable: 'tf-locks',
    },
    { dynamodb_table: 'tf-locks' },
  ],
  [
    'azurerm with an access key',
    {
      kind: 'azurerm',
      storageAccount: 'acct1',
      container: 'tfstate',
      key: 'exasol/exa-ab12cd.tfstate',
      useAzureAd: false,
    },
    { storage_account_name: 'acct1', container_name: 'tfstate', key: 'exasol/exa-ab12cd.tfstate' },
  ],
  [
    'azurerm with Entra ID and a resource group',
    {
      kind: 'azurerm',
      storageAccount: 'acct1',
      container: 'tfstate',
      key: 'k.tfstate',
      resourceGroup: 'rg-state',
      useAzureAd: true,
    },
    { resource_group_name: 'rg-state', use_azuread_auth: true },
  ],
  [
    'gcs',
    { kind: 'gcs', bucket: 'my-bucket', prefix: 'exasol/exa-ab12cd' },
    { bucket: 'my-bucket', prefix: 'exasol/exa-ab12cd' },
  ],
];

describe('renderBackend', () => {
  it('writes nothing for the local backend', async () => {
    const dir = mkdtempSync(join(root, 'local-'));
    expect(await renderBackend(dir, { kind: 'local' })).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it.each(cases)(
    '%s: parses, is fmt-clean and holds exactly the settings',
    async (_name, backend, expected) => {
      const dir = mkdtempSync(join(root, `${backend.kind}-`));
      expect(await renderBackend(dir, backend)).toEqual([BACKEND_FILE]);
      const parsed = await parseDir(dir);
      type Tf = { terraform: Array<{ backend: Record<string, Array<Record<string, unknown>>> }> };
      const block = (parsed[BACKEND_FILE] as Tf | undefined)?.terraform[0]?.backend[backend.kind]?.[0];
      expect(block).toMatchObject(expected);
      if (backend.kind === 's3' && !backend.dynamodbTable) expect(block).not.toHaveProperty('dynamodb_table');
      if (backend.kind === 'azurerm' && !backend.useAzureAd) {
        expect(block).not.toHaveProperty('use_azuread_auth');
        expect(block).not.toHaveProperty('resource_group_name');
      }
      expect(fmtDiff(dir)).toBe('');
      const text = readFileSync(join(dir, BACKEND_FILE), 'utf8');
      expect(text).not.toMatch(
        /^\s*(conn_str|access_key|sas_token|credentials|password|client_secret)\s*=/im,
      );
    },
  );
});

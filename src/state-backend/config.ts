// Where terraform keeps a deployment's state: the `--state-backend*` flags of init, resolved into the
// non-secret settings recorded in .exasol.json. Credentials never appear here: each backend reads them
// from the environment terraform already knows (PG_CONN_STR / PG*, AWS_*, ARM_*, GOOGLE_*).
import { UsageError } from '../errors.ts';
import { bool, type FlagSpec, type FlagValues, str } from '../options/flag-spec.ts';
import { matching, oneOf } from '../options/parsers.ts';

export const BACKEND_KINDS = ['local', 'pg', 's3', 'azurerm', 'gcs'] as const;
export type BackendKind = (typeof BACKEND_KINDS)[number];

/** The state backend of a deployment, as recorded in `.exasol.json` (no secrets). */
export type BackendConfig =
  | { kind: 'local' }
  | {
      kind: 'pg';
      /** Schema holding this deployment's state (one schema per deployment). */
      schema: string;
      /** Environment variable holding the connection string (PG_CONN_STR unless renamed). */
      connStrEnv: string;
    }
  | {
      kind: 's3';
      bucket: string;
      key: string;
      region: string;
      /** DynamoDB lock table; without one, S3's native lock file is used. */
      dynamodbTable?: string;
    }
  | {
      kind: 'azurerm';
      storageAccount: string;
      container: string;
      key: string;
      resourceGroup?: string;
      /** Authenticate with Entra ID (service principal / OIDC / MSI) instead of an access key or SAS. */
      useAzureAd: boolean;
    }
  | { kind: 'gcs'; bucket: string; prefix: string };

/** The default for PG_CONN_STR's name; terraform's pg backend reads exactly this variable. */
export const PG_CONN_STR = 'PG_CONN_STR';

const GROUP = 'State backend options:';
const objectKey = matching(
  /^(?!\/)[A-Za-z0-9_.\-/]{1,1024}$/,
  "an object key of A-Z a-z 0-9 _ . - / (no leading '/')",
);

/** init's flags for the state backend (shown in their own help group). */
export const STATE_BACKEND_FLAGS: readonly FlagSpec[] = [
  {
    long: 'state-backend',
    arg: '<kind>',
    description:
      'where terraform keeps the state: local (the deployment directory), pg, s3, azurerm, gcs (shared by runners)',
    parse: oneOf(BACKEND_KINDS),
    choices: BACKEND_KINDS,
    default: 'local',
  },
  {
    long: 'state-pg-conn-str-env',
    arg: '<name>',
    description: `environment variable with the PostgreSQL connection string (default ${PG_CONN_STR}; PG* variables also work)`,
    parse: matching(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name'),
  },
  {
    long: 'state-pg-schema',
    arg: '<schema>',
    description: 'PostgreSQL schema for this deployment (default exasol_<deployment id>)',
    parse: matching(/^[a-z_][a-z0-9_]{0,62}$/, 'a lowercase SQL identifier of up to 63 characters'),
  },
  {
    long: 'state-s3-bucket',
    arg: '<bucket>',
    description: 'S3 bucket for the state',
    parse: matching(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'an S3 bucket name'),
  },
  {
    long: 'state-s3-key',
    arg: '<key>',
    description: 'object key (default exasol/<deployment id>/terraform.tfstate)',
    parse: objectKey,
  },
  {
    long: 'state-s3-region',
    arg: '<region>',
    description: 'region of the bucket (default AWS_REGION / AWS_DEFAULT_REGION)',
    parse: matching(/^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/, 'an AWS region such as eu-central-1'),
  },
  {
    long: 'state-s3-dynamodb-table',
    arg: '<table>',
    description: 'DynamoDB table for locking (default: S3 native locking, use_lockfile)',
    parse: matching(/^[A-Za-z0-9_.-]{3,255}$/, 'a DynamoDB table name'),
  },
  {
    long: 'state-azurerm-storage-account',
    arg: '<name>',
    description: 'Azure storage account for the state',
    parse: matching(/^[a-z0-9]{3,24}$/, '3-24 lowercase letters and digits'),
  },
  {
    long: 'state-azurerm-container',
    arg: '<name>',
    description: 'blob container for the state',
    parse: matching(/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/, 'a blob container name'),
  },
  {
    long: 'state-azurerm-key',
    arg: '<blob>',
    description: 'blob name (default exasol/<deployment id>.tfstate)',
    parse: objectKey,
  },
  {
    long: 'state-azurerm-resource-group',
    arg: '<name>',
    description: "resource group of the storage account (lets terraform look up the account's key)",
    parse: matching(/^[-\w.()]{0,89}[-\w()]$/, 'an Azure resource group name'),
  },
  {
    long: 'state-azurerm-use-azuread',
    description: 'authenticate to the storage account with Entra ID (ARM_CLIENT_ID/ARM_TENANT_ID…) not a key',
  },
  {
    long: 'state-gcs-bucket',
    arg: '<bucket>',
    description: 'Cloud Storage bucket for the state',
    parse: matching(/^[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]$/, 'a Cloud Storage bucket name'),
  },
  {
    long: 'state-gcs-prefix',
    arg: '<prefix>',
    description: 'object prefix (default exasol/<deployment id>)',
    parse: objectKey,
  },
].map((f) => ({ group: GROUP, ...f }));

/** Which backend each `--state-<kind>-…` flag belongs to. */
function flagKind(long: string): BackendKind | null {
  const m = /^state-(pg|s3|azurerm|gcs)-/.exec(long);
  return BACKEND_KINDS.find((k) => k === m?.[1]) ?? null;
}

/** Resolves the backend flags; a flag of another backend or a missing required one is a usage error. */
export function resolveBackend(
  values: FlagValues,
  deploymentId: string,
  env: NodeJS.ProcessEnv,
): BackendConfig {
  // init fills the flag's default (local); callers with bare values get the same.
  const kind = BACKEND_KINDS.find((k) => k === values['state-backend']) ?? 'local';
  for (const spec of STATE_BACKEND_FLAGS) {
    const k = flagKind(spec.long);
    if (k && k !== kind && values[spec.long] !== undefined && values[spec.long] !== false)
      throw new UsageError(`only applies with --state-backend ${k} (this deployment uses ${kind})`, {
        flag: `--${spec.long}`,
      });
  }
  const required = (long: string): string => {
    const v = str(values, long);
    if (!v) throw new UsageError(`required with --state-backend ${kind}`, { flag: `--${long}` });
    return v;
  };
  switch (kind) {
    case 'local':
      return { kind };
    case 'pg':
      return {
        kind,
        schema: str(values, 'state-pg-schema') ?? `exasol_${deploymentId.replace(/-/g, '_')}`,
        connStrEnv: str(values, 'state-pg-conn-str-env') ?? PG_CONN_STR,
      };
    case 's3': {
      const bucket = required('state-s3-bucket');
      const region = str(values, 'state-s3-region') ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
      if (!region)
        throw new UsageError('required with --state-backend s3 (or set AWS_REGION)', {
          flag: '--state-s3-region',
        });
      const table = str(values, 'state-s3-dynamodb-table');
      return {
        kind,
        bucket,
        key: str(values, 'state-s3-key') ?? `exasol/${deploymentId}/terraform.tfstate`,
        region: matching(/^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/, 'an AWS region such as eu-central-1')(
          region,
          '--state-s3-region',
        ),
        ...(table ? { dynamodbTable: table } : {}),
      };
    }
    case 'azurerm': {
      const group = str(values, 'state-azurerm-resource-group');
      return {
        kind,
        storageAccount: required('state-azurerm-storage-account'),
        container: required('state-azurerm-container'),
        key: str(values, 'state-azurerm-key') ?? `exasol/${deploymentId}.tfstate`,
        ...(group ? { resourceGroup: group } : {}),
        useAzureAd: bool(values, 'state-azurerm-use-azuread'),
      };
    }
    case 'gcs':
      return {
        kind,
        bucket: required('state-gcs-bucket'),
        prefix: str(values, 'state-gcs-prefix') ?? `exasol/${deploymentId}`,
      };
  }
}

/** True when runners on other machines share this state (and so need `exasol export`/`import`). */
export function isShared(b: BackendConfig | undefined): boolean {
  return b !== undefined && b.kind !== 'local';
}

/** A short human description, e.g. `pg (schema exasol_exa_ab12cd)`. */
export function describeBackend(b: BackendConfig | undefined): string {
  if (!b || b.kind === 'local') return 'local (terraform.tfstate in the deployment directory)';
  switch (b.kind) {
    case 'pg':
      return `pg (schema ${b.schema}, connection from ${b.connStrEnv})`;
    case 's3':
      return `s3 (s3://${b.bucket}/${b.key} in ${b.region}, lock: ${b.dynamodbTable ? `DynamoDB ${b.dynamodbTable}` : 'S3 lock file'})`;
    case 'azurerm':
      return `azurerm (${b.storageAccount}/${b.container}/${b.key})`;
    case 'gcs':
      return `gcs (gs://${b.bucket}/${b.prefix})`;
  }
}

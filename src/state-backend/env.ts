// What terraform runs of a deployment need from its state backend: the environment (never argv or
// files) and the values to redact from logs; a missing connection fails before terraform starts.
import { ExasolError } from '../errors.ts';
import { type BackendConfig, PG_CONN_STR } from './config.ts';
import { missingPgEnv, pgSecrets, pgSource } from './pg.ts';

/** Environment for terraform: PG_CONN_STR copied from the variable the deployment names. */
export function backendTerraformEnv(
  b: BackendConfig | undefined,
  env: NodeJS.ProcessEnv,
): Record<string, string> {
  if (b?.kind !== 'pg' || b.connStrEnv === PG_CONN_STR) return {};
  const conn = env[b.connStrEnv];
  return conn ? { PG_CONN_STR: conn } : {};
}

/** Secret values the backend's environment holds, for redaction. */
export function backendRedactions(b: BackendConfig | undefined, env: NodeJS.ProcessEnv): string[] {
  return b?.kind === 'pg' ? pgSecrets(b.connStrEnv, env) : [];
}

/** Fails with the variable to set when the pg backend has no connection settings in this environment. */
export function requireBackendEnv(b: BackendConfig | undefined, env: NodeJS.ProcessEnv): void {
  if (b?.kind === 'pg' && !pgSource(b.connStrEnv, env))
    throw new ExasolError(
      'E_BACKEND_ENV',
      `the pg state backend needs a connection: ${missingPgEnv(b.connStrEnv)}`,
      {
        hint: `export ${b.connStrEnv}=postgres://USER:PASSWORD@HOST:5432/DB on this runner too`,
      },
    );
}

// Builds and writes the 0600 extra-vars file: passwords from secrets.json plus the catalog's artefacts.
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { CatalogVersion } from '../catalog/versions.ts';
import { deploymentPaths } from '../deployment/layout.ts';
import { ExasolError } from '../errors.ts';
import { writeJsonAtomic } from '../util/fs-atomic.ts';

/** Name of the extra-vars file inside the deployment directory (0600, passed as `-e @file`). */
export const EXTRA_VARS_FILE = 'ansible-vars.json';

/** A value the playbooks accept from the extra-vars file. */
export type ExtraVarValue = string | number | boolean | string[];

/** Variables every playbook run receives; the three passwords never appear on a command line. */
export interface ExtraVars {
  exasol_db_password: string;
  exasol_adminui_password: string;
  exasol_host_password: string;
  exasol_working_copy: string;
  exasol_db_url: string;
  exasol_db_sha256: string;
  exasol_c4_url: string;
  exasol_c4_sha256: string;
  /** Further plain values (timeouts, flags, package lists); never secrets. */
  [name: string]: ExtraVarValue | undefined;
}

/** The passwords of secrets.json (see init). */
export interface DeploymentPasswords {
  db_password: string;
  adminui_password: string;
  host_password: string;
}

/** Names of ExtraVars holding secrets (for redaction and no_log checks). */
export const SECRET_VARS = ['exasol_db_password', 'exasol_adminui_password', 'exasol_host_password'] as const;

/** Reads the passwords from the deployment's secrets.json. */
export async function readPasswords(deploymentDir: string): Promise<DeploymentPasswords> {
  const path = deploymentPaths(resolve(deploymentDir)).secrets;
  const raw = JSON.parse(await readFile(path, 'utf8')) as Partial<Record<keyof DeploymentPasswords, unknown>>;
  for (const k of ['db_password', 'adminui_password', 'host_password'] as const) {
    if (typeof raw[k] !== 'string' || raw[k] === '') {
      throw new ExasolError('E_SECRETS', `${path} has no ${k}`);
    }
  }
  return raw as DeploymentPasswords;
}

/** Combines passwords and a catalog entry into the playbooks' variables. */
export function buildExtraVars(
  passwords: DeploymentPasswords,
  version: CatalogVersion,
  extra: Record<string, ExtraVarValue> = {},
): ExtraVars {
  return {
    ...extra,
    exasol_db_password: passwords.db_password,
    exasol_adminui_password: passwords.adminui_password,
    exasol_host_password: passwords.host_password,
    exasol_working_copy: version.working_copy,
    exasol_db_url: version.db_url,
    exasol_db_sha256: version.db_sha256,
    exasol_c4_url: version.c4_url,
    exasol_c4_sha256: version.c4_sha256,
  };
}

/** Writes the extra-vars file (0600 JSON) and returns its absolute path. */
export async function writeExtraVars(deploymentDir: string, vars: ExtraVars): Promise<string> {
  const path = join(resolve(deploymentDir), EXTRA_VARS_FILE);
  await writeJsonAtomic(path, vars, 0o600);
  return path;
}

/** The secret values of an ExtraVars, for log redaction. */
export function secretValues(vars: ExtraVars): string[] {
  return SECRET_VARS.map((k) => vars[k]).filter((v): v is string => typeof v === 'string' && v.length > 0);
}

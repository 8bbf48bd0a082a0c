// Loads a deployment directory (state, tfvars, secrets, provider) and builds its tools from it.
import { chmod, lstat, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { deploymentPaths, FILES } from '../deployment/layout.ts';
import { migrateTfvars } from '../deployment/migrate.ts';
import { tfvarsRuleBroken } from '../deployment/rules.ts';
import { type DeploymentState, readState } from '../deployment/state.ts';
import { ExasolError } from '../errors.ts';
import { getProvider } from '../providers/registry.ts';
import type { ProviderModule, TargetContext } from '../providers/types.ts';
import { backendRedactions, backendTerraformEnv } from '../state-backend/env.ts';
import { Terraform, type TerraformOptions } from '../tools/terraform.ts';
import { writeJsonAtomic } from '../util/fs-atomic.ts';
import { pathExists } from '../util/path-exists.ts';

/** Contents of secrets.json as init writes it. */
export interface SecretsFile {
  db_password: string;
  adminui_password: string;
  host_password: string;
  provider: Record<string, string>;
}

/** Everything an action needs to know about one deployment directory. */
export interface Deployment {
  dir: string;
  paths: ReturnType<typeof deploymentPaths>;
  state: DeploymentState;
  provider: ProviderModule;
  /** The environment the command runs in (tools, backends and provider hooks read it from here). */
  env: NodeJS.ProcessEnv;
}

/** Reads the state and resolves the provider (tests may substitute one); `env` defaults to this process's, here only. */
export async function loadDeployment(
  dir: string,
  provider?: ProviderModule,
  env: NodeJS.ProcessEnv = process.env,
  warn: (message: string) => void = warnOnStderr,
): Promise<Deployment> {
  const abs = resolve(dir);
  const state = await readState(abs);
  await repairModes(abs, warn);
  const dep = {
    dir: abs,
    paths: deploymentPaths(abs),
    state,
    provider: provider ?? getProvider(state.provider),
    env,
  };
  await checkTfvars(dep);
  return dep;
}

/** Warning line for actions that have no IoHost at hand (same shape as the CLI's). */
function warnOnStderr(message: string): void {
  process.stderr.write(`warn: ${message}\n`);
}

/** What holds secrets, with the mode init gives it. */
const PRIVATE_MODES: ReadonlyArray<[string, number]> = [
  ['', 0o700],
  ['ssh', 0o700],
  [FILES.secrets, 0o600],
  [FILES.sshKey, 0o600],
  [FILES.state, 0o600],
  [FILES.tfvars, 0o600],
  ['terraform.tfstate', 0o600],
];

/** Puts back owner-only modes (a copy, an unpack or a umask may widen them), one warning per path. */
async function repairModes(dir: string, warn: (message: string) => void): Promise<void> {
  for (const [rel, mode] of PRIVATE_MODES) {
    const path = rel ? join(dir, rel) : dir;
    const st = await lstat(path).catch(() => null);
    if (!st || st.isSymbolicLink() || (st.mode & 0o777) === mode) continue;
    await chmod(path, mode);
    warn(
      `${path} was ${(st.mode & 0o777).toString(8).padStart(4, '0')}; changed it to ${mode.toString(8).padStart(4, '0')} (it holds secrets)`,
    );
  }
}

/** terraform.tfvars.json against init's rules and the state (terraform would plan whatever it says). */
async function checkTfvars(dep: Deployment): Promise<void> {
  if (!(await pathExists(dep.paths.tfvars))) return;
  const tfvars = await readTfvars(dep);
  const broken = tfvarsRuleBroken(tfvars, dep.state, (o) => dep.provider.validateOwner?.(o) ?? null);
  if (broken)
    throw new ExasolError('E_STATE_CORRUPT', `${dep.paths.tfvars}: ${broken}`, {
      hint: 'restore the file from a backup or an export; exasol never writes these values',
    });
}

/** Reads a JSON object file of the deployment, explaining a missing or broken one. */
export async function readJsonFile(path: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new ExasolError(
      'E_DEPLOYMENT_FILE',
      `cannot read ${path}: ${(err as NodeJS.ErrnoException).code}`,
      {
        cause: err,
        hint: 'the deployment directory is incomplete; re-create it with exasol init',
      },
    );
  }
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch (err) {
    throw new ExasolError('E_DEPLOYMENT_FILE', `${path} is not valid JSON`, { cause: err });
  }
}

/** Reads secrets.json. */
export async function readSecrets(dep: Deployment): Promise<SecretsFile> {
  const raw = await readJsonFile(dep.paths.secrets);
  return { ...(raw as unknown as SecretsFile), provider: (raw.provider ?? {}) as Record<string, string> };
}

/** Every secret value, for redaction in logs and errors. */
export function secretValues(s: SecretsFile): string[] {
  return [s.db_password, s.adminui_password, s.host_password, ...Object.values(s.provider)].filter(
    (v): v is string => typeof v === 'string' && v.length > 0,
  );
}

/** The environment terraform gets: provider secrets plus directory settings (never argv). */
export function terraformEnv(dep: Deployment, secrets: SecretsFile): Record<string, string> {
  return {
    ...dep.provider.terraformEnv(secrets.provider),
    ...(dep.provider.directoryEnv?.(dep.dir) ?? {}),
    ...backendTerraformEnv(dep.state.backend, dep.env),
  };
}

/** The engine recorded at init, for this deployment. */
export function terraformFor(
  dep: Deployment,
  secrets: SecretsFile,
  extra: Omit<TerraformOptions, 'binary' | 'dir' | 'env' | 'redact' | 'unsetEnv'> = {},
  warn: (message: string) => void = warnOnStderr,
): Terraform {
  if (!dep.state.engine)
    throw new ExasolError('E_NO_ENGINE', 'no terraform engine recorded for this deployment', {
      hint: 're-create the deployment with exasol init --terraform-binary PATH',
    });
  const env = terraformEnv(dep, secrets);
  const unsetEnv = (dep.provider.callerEnvIgnored ?? []).filter((k) => !(k in env));
  for (const k of unsetEnv)
    if (dep.env[k] !== undefined)
      warn(`ignoring ${k} from the environment: terraform uses this deployment's own TLS settings`);
  return new Terraform({
    binary: dep.state.engine.binary,
    dir: dep.dir,
    env,
    unsetEnv,
    redact: [...secretValues(secrets), ...backendRedactions(dep.state.backend, dep.env)],
    ...extra,
  });
}

/** What provider hooks get to talk to the target. */
export async function targetContext(dep: Deployment, secrets: SecretsFile): Promise<TargetContext> {
  return {
    deploymentId: dep.state.deploymentId,
    tfvars: await readTfvars(dep),
    secrets: secrets.provider,
    env: dep.env,
  };
}

/** terraform.tfvars.json under today's variable names (src/deployment/migrate.ts). */
export async function readTfvars(dep: Deployment): Promise<Record<string, unknown>> {
  return migrateTfvars(await readJsonFile(dep.paths.tfvars));
}

/** Reads the `running` variable from terraform.tfvars.json (default true). */
export async function readRunning(dep: Deployment): Promise<boolean> {
  return (await readJsonFile(dep.paths.tfvars)).running !== false;
}

/** Persists the `running` variable so later deploys keep the power state. */
export async function writeRunning(dep: Deployment, running: boolean): Promise<void> {
  // The file as written, not the migrated view: it must keep matching the directory's .tf files.
  const tfvars = await readJsonFile(dep.paths.tfvars);
  await writeJsonAtomic(dep.paths.tfvars, { ...tfvars, running });
}

/** True when `terraform init` ran in this directory (.terraform is a per-machine cache: an import has none). */
export function isTerraformInitialised(dep: Deployment): Promise<boolean> {
  return pathExists(join(dep.dir, FILES.terraformDir));
}

// `exasol init`: validate input and target, then create the deployment directory in one step.
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { deploymentPaths } from '../deployment/layout.ts';
import { type DeploymentState, STATE_SCHEMA, STATE_SCHEMA_VERSION, writeState } from '../deployment/state.ts';
import { PreflightError } from '../errors.ts';
import type { IoHost } from '../io/io-host.ts';
import { type FlagValues, str } from '../options/flag-spec.ts';
import { pluginMirrorCheck, templateRequirements } from '../preflight/plugin-mirror.ts';
import { ansibleCheck } from '../preflight/tools.ts';
import { allPassed, type CheckResult } from '../preflight/types.ts';
import { loadProviderDefaults } from '../providers/defaults.ts';
import type { ProviderId } from '../providers/types.ts';
import { resolvePasswords } from '../secrets/passwords.ts';
import { generateSshKeyPair } from '../secrets/ssh-key.ts';
import { describeBackend, isShared, resolveBackend } from '../state-backend/config.ts';
import { backendPreflight } from '../state-backend/preflight.ts';
import { renderBackend, renderTemplates } from '../templates/render.ts';
import { detectEngine } from '../tools/engine.ts';
import { writeFileAtomic, writeJsonAtomic } from '../util/fs-atomic.ts';
import { cliVersion } from '../util/package-root.ts';
import { commonTfvars, initFlagValues, newDeploymentId, resolveCommon } from './init-inputs.ts';
import { completeInitInputs } from './init-prompts.ts';
import { checkTargetDir, commitStagingDir, discardStagingDir, makeStagingDir } from './target-dir.ts';

/** Input of the init action. */
export interface InitRequest {
  deploymentDir: string;
  /** Asked through the IoHost when absent. */
  provider?: ProviderId;
  /** Flag values as given (any provider's flags: a flag of another provider is refused). */
  values: FlagValues;
  env: NodeJS.ProcessEnv;
}

/** What init created, for the human summary and --json. */
export interface InitResult {
  deploymentDir: string;
  deploymentId: string;
  provider: ProviderId;
  dbVersion: string;
  clusterSize: number;
  engine: { binary: string; version: string };
  checks: CheckResult[];
  files: string[];
  /** Where terraform keeps the state, in words. */
  stateBackend: string;
  /** True when other runners share the state (pg, s3, azurerm, gcs). */
  sharedState: boolean;
}

/** Runs init; on any error the directory is left as it was. */
export async function init(request: InitRequest, io: IoHost): Promise<InitResult> {
  const dir = resolve(request.deploymentDir);
  const { exists } = await checkTargetDir(dir);
  const inputs = await completeInitInputs(request.provider, request.values, request.env, io);
  const provider = inputs.provider;
  const { values, given } = initFlagValues(provider, inputs.values, request.env);
  const req = { ...request, provider: provider.id, values, env: inputs.env };
  const defaults = loadProviderDefaults(provider.id);
  const deploymentId = newDeploymentId();
  const keys = generateSshKeyPair(`exasol-${deploymentId}`);
  const { common, version } = resolveCommon(req.values, provider, defaults, req.env, {
    deploymentId,
    sshPublicKey: keys.publicKey,
  });
  const backend = resolveBackend(req.values, deploymentId, req.env);
  const resolved = await provider.resolve(req.values, common, { env: req.env, homeDir: homedir(), given });
  const passwords = await resolvePasswords(
    {
      db: str(req.values, 'db-password-file'),
      adminUi: str(req.values, 'adminui-password-file'),
      host: str(req.values, 'host-password-file'),
    },
    req.env,
  );
  const engine = await detectEngine(str(req.values, 'terraform-binary'));
  io.log('debug', `engine ${engine.name} ${engine.version} at ${engine.binary}`);

  const progress = io.progress(`pre-flight checks for ${provider.id}`);
  const preflightCtx = {
    env: req.env,
    common,
    debug: (m: string) => io.log('debug', m),
    progress: (t: string) => progress.update(t),
  };
  // The one step that may change the target (asked for by a flag, e.g. --libvirt-create-missing),
  // then the pre-flight, which only looks.
  const setUp = provider.setUpTarget ? await provider.setUpTarget(resolved, preflightCtx) : [];
  const found = await provider.preflight(resolved, preflightCtx);
  const checks = [
    ...setUp,
    ...found.checks,
    ...(await backendPreflight(backend, req.env)),
    await ansibleCheck(req.env),
    // A provider that brings its own CLI config (Ganeti's mirror) ignores TF_CLI_CONFIG_FILE.
    ...(provider.directoryEnv
      ? []
      : await pluginMirrorCheck(req.env, await templateRequirements(provider.id))),
  ];
  if (!allPassed(checks)) {
    progress.fail(
      `pre-flight: ${checks.length} checks run for ${provider.id}, ${checks.filter((c) => c.status === 'fail').length} failed`,
    );
    throw new PreflightError(
      `pre-flight failed: ${checks
        .filter((c) => c.status === 'fail')
        .map((c) => c.title)
        .join('; ')}`,
      checks,
    );
  }
  progress.succeed(`pre-flight: ${checks.length} checks run for ${provider.id}`);

  const staging = await makeStagingDir(dir);
  try {
    const paths = deploymentPaths(staging);
    const files = await renderTemplates(provider.id, staging, {
      provider: provider.id,
      deploymentId,
      cliVersion: cliVersion(),
      ganetiProviderVersion: cliVersion(),
    });
    files.push(...(await renderBackend(staging, backend)));
    await writeJsonAtomic(paths.tfvars, { ...commonTfvars(common), ...resolved.tfvars, ...found.tfvars });
    await writeJsonAtomic(paths.secrets, {
      db_password: passwords.db,
      adminui_password: passwords.adminUi,
      host_password: passwords.host,
      provider: { ...resolved.secrets, ...found.secrets },
    });
    await mkdir(join(staging, 'ssh'), { mode: 0o700 });
    await writeFileAtomic(paths.sshKey, keys.privateKey, 0o600);
    await writeFileAtomic(paths.sshPublicKey, `${keys.publicKey}\n`, 0o600);
    await mkdir(paths.logs, { mode: 0o700 });
    if (provider.prepareDirectory) await provider.prepareDirectory(staging, dir);
    const now = new Date().toISOString();
    const state: DeploymentState = {
      schema: STATE_SCHEMA,
      schemaVersion: STATE_SCHEMA_VERSION,
      deploymentId,
      provider: provider.id,
      status: 'initialized',
      clusterSize: common.clusterSize,
      architecture: common.architecture,
      dbVersion: version.version,
      cliVersion: cliVersion(),
      engine,
      nodes: [],
      backend,
      createdAt: now,
      updatedAt: now,
    };
    await writeState(staging, state);
    await writeFile(join(staging, '.gitignore'), '*\n', { mode: 0o600 });
    await chmod(staging, 0o700);
    await commitStagingDir(staging, dir, exists);
    return {
      deploymentDir: dir,
      deploymentId,
      provider: provider.id,
      dbVersion: version.version,
      clusterSize: common.clusterSize,
      engine,
      checks,
      files,
      stateBackend: describeBackend(backend),
      sharedState: isShared(backend),
    };
  } catch (err) {
    await discardStagingDir(staging);
    throw err;
  }
}

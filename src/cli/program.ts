// The commander program: global options, commands, flag tables; actions are loaded lazily.
import { Command } from 'commander';
import {
  DEPLOY_FLAGS,
  EXPORT_FLAGS,
  HEALTH_FLAGS,
  INFO_FLAGS,
  INIT_FLAGS,
  LOCKING_FLAGS,
  PROVIDER_INSTALL_FLAGS,
  STATUS_FLAGS,
} from '../options/command-flags.ts';
import { COMMON_INIT_FLAGS } from '../options/common-flags.ts';
import { toOption } from '../options/to-commander.ts';
import { loadProviderDefaults } from '../providers/defaults.ts';
import { SUPPORTED_PROVIDERS } from '../providers/registry.ts';
import { STATE_BACKEND_FLAGS } from '../state-backend/config.ts';
import { cliVersion } from '../util/package-root.ts';
import { addFlags, addGlobalOptions } from './global-flags.ts';

/** Builds the full command tree (used by main and by the README drift test). */
export function buildProgram(): Command {
  const program = addGlobalOptions(new Command('exasol'))
    .description('Provision Exasol database clusters with Terraform/OpenTofu and Ansible')
    .version(cliVersion(), '-V, --version', 'print the version')
    .showSuggestionAfterError(true)
    .showHelpAfterError(false)
    // Wrap at the terminal's width (80 when piped) even where long flag names leave a narrow column.
    .configureHelp({ helpWidth: process.stdout.columns || 80, minWidthToWrap: 24 })
    .exitOverride();

  const init = addFlags(
    program.command('init').description('create a deployment directory for a cloud or on-premises target'),
    INIT_FLAGS,
  );
  for (const spec of COMMON_INIT_FLAGS)
    init.addOption(toOption({ group: 'Common options:', ...spec }, spec.default));
  for (const spec of STATE_BACKEND_FLAGS) init.addOption(toOption(spec, spec.default));
  for (const p of Object.values(SUPPORTED_PROVIDERS)) {
    const defaults = loadProviderDefaults(p.id);
    for (const spec of p.flags)
      init.addOption(
        toOption({ group: `${p.id} options:`, ...spec }, defaults.flags[spec.long] ?? spec.default),
      );
  }
  init.action(async (_o, cmd: Command) => (await import('./commands/init.ts')).runInit(cmd));

  addFlags(
    program
      .command('deploy')
      .description('create the infrastructure and install the database; re-run to converge after a failure'),
    DEPLOY_FLAGS,
  ).action(async (_o, cmd: Command) => (await import('./commands/deploy.ts')).runDeploy(cmd));
  addFlags(
    program
      .command('status')
      .description('show the deployment status and nodes (reads only local files unless --refresh)'),
    STATUS_FLAGS,
  ).action(async (_o, cmd: Command) => (await import('./commands/status.ts')).runStatus(cmd));
  addFlags(
    program
      .command('info')
      .description('show how to connect: DB endpoint, Admin UI, SSH and where the passwords are'),
    INFO_FLAGS,
  ).action(async (_o, cmd: Command) => (await import('./commands/info.ts')).runInfo(cmd));
  addFlags(
    program
      .command('destroy')
      .description(
        'tear everything down and verify it against the target; keeps the directory and logs ' +
          '(asks to type the deployment id on a terminal; --yes skips that and is required without one)',
      ),
    LOCKING_FLAGS,
  ).action(async (_o, cmd: Command) => (await import('./commands/destroy.ts')).runDestroy(cmd));
  addFlags(
    program
      .command('stop')
      .description(
        'on a database_ready cluster: stop the database (playbooks/stop.yml), then power the nodes off ' +
          'through terraform; on an infrastructure_ready one only the power changes',
      ),
    LOCKING_FLAGS,
  ).action(async (_o, cmd: Command) => (await import('./commands/power.ts')).runPower(cmd, 'stop'));
  addFlags(
    program
      .command('start')
      .description(
        'power the nodes on through terraform; if the cluster was database_ready before stop, also start ' +
          'the database (playbooks/start.yml); an infrastructure_ready one only gets its power back',
      ),
    LOCKING_FLAGS,
  ).action(async (_o, cmd: Command) => (await import('./commands/power.ts')).runPower(cmd, 'start'));
  addFlags(
    program
      .command('health')
      .description(
        'check SSH, services, DB port 8563 and Admin UI 8443 on every node; exit 0 only when all pass',
      ),
    HEALTH_FLAGS,
  ).action(async (_o, cmd: Command) => (await import('./commands/health.ts')).runHealth(cmd));
  addFlags(
    program
      .command('export')
      .description(
        'write the deployment directory (state, terraform state, secrets, SSH key; not logs or caches) to ' +
          'one file encrypted with EXASOL_EXPORT_PASSPHRASE, for another machine or a CI runner',
      ),
    EXPORT_FLAGS,
  ).action(async (_o, cmd: Command) => (await import('./commands/export.ts')).runExport(cmd));
  program
    .command('import')
    .description(
      'restore an export into --deployment-dir (absent or empty), decrypted with EXASOL_EXPORT_PASSPHRASE',
    )
    .argument('<file>', 'a file written by exasol export')
    .action(async (file: string, _o, cmd: Command) =>
      (await import('./commands/import.ts')).runImport(file, cmd),
    );
  addFlags(
    program
      .command('provider')
      .description('manage the Terraform providers (and the Ganeti OS definition) exasol ships')
      .command('install')
      .description(
        'install a bundled Terraform provider as a filesystem mirror (ganeti) and print the CLI config, or write the Ganeti OS definition (ganeti-os)',
      )
      .argument('<name>', 'what to install: ganeti, ganeti-os'),
    PROVIDER_INSTALL_FLAGS,
  ).action(async (name: string, _o, cmd: Command) =>
    (await import('./commands/provider-install.ts')).runProviderInstall(name, cmd),
  );
  program
    .command('version')
    .description('print the version')
    .action(async (_o, cmd: Command) => (await import('./commands/version.ts')).runVersion(cmd));
  return program;
}

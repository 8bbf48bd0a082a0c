// The commander program: global options, commands, flag tables; actions are loaded lazily.
import { Command, Option } from 'commander';
import { COMMON_INIT_FLAGS } from '../options/common-flags.ts';
import { oneOf } from '../options/parsers.ts';
import { toOption } from '../options/to-commander.ts';
import { loadProviderDefaults } from '../providers/defaults.ts';
import { SUPPORTED_PROVIDERS } from '../providers/registry.ts';
import { PROVIDER_IDS } from '../providers/types.ts';
import { STATE_BACKEND_FLAGS } from '../state-backend/config.ts';
import { parseDuration } from '../util/duration.ts';
import { cliVersion } from '../util/package-root.ts';
import { addGlobalOptions } from './global-options.ts';
import { HEALTH_TARGETS } from './health-targets.ts';

/** `--lock-timeout`: how long a mutating command waits for another operation's lock. */
function lockTimeoutOption(): Option {
  return new Option(
    '--lock-timeout <duration>',
    "wait this long (e.g. 15m) for another operation's lock instead of exiting 3: this directory's, the pg backend's across runners, terraform's state lock",
  ).argParser((raw: string) => parseDuration(raw, '--lock-timeout'));
}

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

  const init = program
    .command('init')
    .description('create a deployment directory for a cloud or on-premises target')
    .addOption(
      new Option('--cloud-provider <id>', `deployment target: ${PROVIDER_IDS.join(', ')}`).argParser(
        (raw: string) => oneOf(PROVIDER_IDS)(raw, '--cloud-provider'),
      ),
    )
    .addOption(new Option('--list-providers', 'list the supported providers'))
    .addOption(new Option('--list-versions', 'list the Exasol versions in the catalog'));
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

  program
    .command('deploy')
    .description('create the infrastructure and install the database; re-run to converge after a failure')
    .addOption(new Option('--infra-only', 'stop after the infrastructure (status infrastructure_ready)'))
    .addOption(new Option('--plan', 'show what terraform would change and stop; changes nothing'))
    .addOption(lockTimeoutOption())
    .action(async (_o, cmd: Command) => (await import('./commands/deploy.ts')).runDeploy(cmd));
  program
    .command('status')
    .description('show the deployment status and nodes (reads only local files unless --refresh)')
    .addOption(new Option('--refresh', 'ask the target for the current node states'))
    .action(async (_o, cmd: Command) => (await import('./commands/status.ts')).runStatus(cmd));
  program
    .command('info')
    .description('show how to connect: DB endpoint, Admin UI, SSH and where the passwords are')
    .addOption(new Option('--show-secrets', 'also print the database and Admin UI passwords'))
    .action(async (_o, cmd: Command) => (await import('./commands/info.ts')).runInfo(cmd));
  program
    .command('destroy')
    .description(
      'tear everything down and verify it against the target; keeps the directory and logs ' +
        '(asks to type the deployment id on a terminal; --yes skips that and is required without one)',
    )
    .addOption(lockTimeoutOption())
    .action(async (_o, cmd: Command) => (await import('./commands/destroy.ts')).runDestroy(cmd));
  program
    .command('stop')
    .description(
      'on a database_ready cluster: stop the database (playbooks/stop.yml), then power the nodes off ' +
        'through terraform; on an infrastructure_ready one only the power changes',
    )
    .addOption(lockTimeoutOption())
    .action(async (_o, cmd: Command) => (await import('./commands/stop.ts')).runStop(cmd));
  program
    .command('start')
    .description(
      'power the nodes on through terraform; if the cluster was database_ready before stop, also start ' +
        'the database (playbooks/start.yml); an infrastructure_ready one only gets its power back',
    )
    .addOption(lockTimeoutOption())
    .action(async (_o, cmd: Command) => (await import('./commands/start.ts')).runStart(cmd));
  program
    .command('health')
    .description(
      'check SSH, services, DB port 8563 and Admin UI 8443 on every node; exit 0 only when all pass',
    )
    .addOption(
      new Option('--wait-for <status>', 'repeat the checks until the cluster is in this state').argParser(
        (raw: string) => oneOf(HEALTH_TARGETS)(raw, '--wait-for'),
      ),
    )
    .addOption(
      new Option('--timeout <duration>', 'how long --wait-for waits (e.g. 90s, 15m)')
        .argParser((raw: string) => parseDuration(raw, '--timeout'))
        .default(900_000, '15m'),
    )
    .action(async (_o, cmd: Command) => (await import('./commands/health.ts')).runHealth(cmd));
  program
    .command('export')
    .description(
      'write the deployment directory (state, terraform state, secrets, SSH key; not logs or caches) to ' +
        'one file encrypted with EXASOL_EXPORT_PASSPHRASE, for another machine or a CI runner',
    )
    .requiredOption('--output <file>', 'the file to write (0600)')
    .addOption(new Option('--force', 'replace --output if it exists'))
    .action(async (_o, cmd: Command) => (await import('./commands/export.ts')).runExport(cmd));
  program
    .command('import')
    .description(
      'restore an export into --deployment-dir (absent or empty), decrypted with EXASOL_EXPORT_PASSPHRASE',
    )
    .argument('<file>', 'a file written by exasol export')
    .action(async (file: string, _o, cmd: Command) =>
      (await import('./commands/import.ts')).runImport(file, cmd),
    );
  program
    .command('provider')
    .description('manage the Terraform providers exasol ships')
    .command('install')
    .description(
      'install a bundled Terraform provider as a filesystem mirror (ganeti) and print the CLI config',
    )
    .argument('<name>', 'provider to install: ganeti')
    .requiredOption('--dir <dir>', 'directory for the mirror and the terraform.rc CLI config')
    .action(async (name: string, _o, cmd: Command) =>
      (await import('./commands/provider-install.ts')).runProviderInstall(name, cmd),
    );
  program
    .command('version')
    .description('print the version')
    .action((_o, cmd: Command) => {
      const json = (cmd.optsWithGlobals() as { json?: boolean }).json === true;
      process.stdout.write(json ? `${JSON.stringify({ version: cliVersion() })}\n` : `${cliVersion()}\n`);
    });
  return program;
}

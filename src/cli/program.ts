// The commander program: global options, commands, flag tables; actions are loaded lazily.
import { Command, Option } from 'commander';
import { COMMON_INIT_FLAGS } from '../options/common-flags.ts';
import { oneOf } from '../options/parsers.ts';
import { toOption } from '../options/to-commander.ts';
import { loadProviderDefaults } from '../providers/defaults.ts';
import { SUPPORTED_PROVIDERS } from '../providers/registry.ts';
import { PROVIDER_IDS } from '../providers/types.ts';
import { cliVersion } from '../util/package-root.ts';
import { addGlobalOptions } from './global-options.ts';

/** Builds the full command tree (used by main and by the README drift test). */
export function buildProgram(): Command {
  const program = addGlobalOptions(new Command('exasol'))
    .description('Provision Exasol database clusters with Terraform/OpenTofu and Ansible')
    .version(cliVersion(), '-V, --version', 'print the version')
    .showSuggestionAfterError(true)
    .showHelpAfterError(false)
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
  for (const p of Object.values(SUPPORTED_PROVIDERS)) {
    const defaults = loadProviderDefaults(p.id);
    for (const spec of p.flags)
      init.addOption(
        toOption({ group: `${p.id} options:`, ...spec }, defaults.flags[spec.long] ?? spec.default),
      );
  }
  init.action(async (_o, cmd: Command) => (await import('./commands/init.ts')).runInit(cmd));

  for (const [name, description] of [
    ['deploy', 'create the infrastructure and install the database'],
    ['status', 'show the deployment status and nodes'],
    ['destroy', 'tear everything down and verify it against the target'],
    ['start', 'power the nodes on and start the database'],
    ['stop', 'stop the database and power the nodes off'],
    ['health', 'check SSH, services and ports on every node'],
    ['info', 'show how to connect to the cluster'],
  ] as const) {
    program
      .command(name)
      .description(description)
      .action(async () => {
        const { ExasolError } = await import('../errors.ts');
        throw new ExasolError('E_NOT_AVAILABLE', `'exasol ${name}' is not yet available in this version`);
      });
  }
  program
    .command('version')
    .description('print the version')
    .action(() => {
      process.stdout.write(`${cliVersion()}\n`);
    });
  return program;
}

// `exasol provider install ganeti --dir DIR`: the Ganeti provider for use outside exasol deployments.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../errors.ts';
import { cliConfig, installProviderMirror, PROVIDER_SOURCE } from '../../tf-provider/install.ts';
import { cliVersion } from '../../util/package-root.ts';
import { globalsOf, ioFor } from '../global-options.ts';

/** Installs the mirror and prints how terraform finds it (data on stdout, the hint on stderr). */
export async function runProviderInstall(name: string, cmd: Command): Promise<void> {
  if (name !== 'ganeti')
    throw new UsageError(`unknown provider '${name}'`, {
      flag: 'provider install <name>',
      accepted: 'ganeti',
    });
  const io = ioFor(globalsOf(cmd));
  const dir = resolve((cmd.opts() as { dir: string }).dir);
  const version = cliVersion();
  const { mirrorDir, cliConfigPath } = await installProviderMirror(dir, version);
  if (globalsOf(cmd).json) {
    io.data(JSON.stringify({ source: PROVIDER_SOURCE, version, mirrorDir, cliConfigPath }, null, 2));
    return;
  }
  io.log('info', `installed ${PROVIDER_SOURCE} ${version} into ${mirrorDir}`);
  io.log('info', `use it with TF_CLI_CONFIG_FILE=${cliConfigPath}, or put this block into your CLI config:`);
  io.data(cliConfig(mirrorDir));
  io.data(
    `# in your configuration:\n# terraform {\n#   required_providers {\n#     ganeti = { source = "${PROVIDER_SOURCE}", version = "${version}" }\n#   }\n# }`,
  );
}

// `exasol provider install ganeti --dir DIR`: the Ganeti provider for use outside exasol deployments;
// `exasol provider install ganeti-os --dir DIR`: the shipped Ganeti OS definition for the nodes.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../errors.ts';
import type { IoHost } from '../../io/io-host.ts';
import { PROVIDER_INSTALL_FLAGS } from '../../options/command-flags.ts';
import { readFlags } from '../../options/flag.ts';
import { cliConfig, installProviderMirror, PROVIDER_SOURCE } from '../../tf-provider/install.ts';
import { cliVersion } from '../../util/package-root.ts';
import { globalsOf, ioFor } from '../global-options.ts';

/** Installs the mirror and prints how terraform finds it (data on stdout, the hint on stderr). */
export async function runProviderInstall(name: string, cmd: Command): Promise<void> {
  if (name !== 'ganeti' && name !== 'ganeti-os')
    throw new UsageError(`unknown provider '${name}'`, {
      flag: 'provider install <name>',
      accepted: 'ganeti, ganeti-os',
    });
  const io = ioFor(globalsOf(cmd));
  const dir = resolve(readFlags(cmd.opts(), PROVIDER_INSTALL_FLAGS).dir);
  if (name === 'ganeti-os') return installOs(dir, io);
  const version = cliVersion();
  const { mirrorDir, cliConfigPath } = await installProviderMirror(dir, version);
  io.result({ source: PROVIDER_SOURCE, version, mirrorDir, cliConfigPath }, () => {
    io.log('info', `installed ${PROVIDER_SOURCE} ${version} into ${mirrorDir}`);
    io.log(
      'info',
      `use it with TF_CLI_CONFIG_FILE=${cliConfigPath}, or put this block into your CLI config:`,
    );
    io.data(cliConfig(mirrorDir));
    io.data(
      `# in your configuration:\n# terraform {\n#   required_providers {\n#     ganeti = { source = "${PROVIDER_SOURCE}", version = "${version}" }\n#   }\n# }`,
    );
  });
}

async function installOs(dir: string, io: IoHost): Promise<void> {
  const { installGanetiOs, GANETI_OS_NAME } = await import('../../ganeti-os/install.ts');
  const { osDir, files } = await installGanetiOs(dir);
  io.result({ os: GANETI_OS_NAME, osDir, files }, () => {
    io.log('info', `wrote the Ganeti OS definition ${GANETI_OS_NAME} into ${osDir}`);
    io.data(
      [
        `# copy it to every node of the cluster (Ganeti reads /srv/ganeti/os by default), e.g.:`,
        `#   rsync -a ${osDir}/ NODE:/srv/ganeti/os/${GANETI_OS_NAME}/`,
        `# put the guest image at /srv/ganeti/images/${GANETI_OS_NAME}/disk.img on every node, then check:`,
        `#   gnt-os diagnose   and   exasol init --ganeti-os-type ${GANETI_OS_NAME} ...`,
      ].join('\n'),
    );
  });
}

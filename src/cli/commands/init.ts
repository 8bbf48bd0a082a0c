// `exasol init`: flags → InitRequest → init action; prints checks and a summary.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { PreflightError } from '../../errors.ts';
import type { IoHost } from '../../io/io-host.ts';
import { INIT_FLAGS } from '../../options/command-flags.ts';
import { COMMON_INIT_FLAGS } from '../../options/common-flags.ts';
import { readFlags } from '../../options/flag.ts';
import { readGivenValues } from '../../options/given-values.ts';
import { SUPPORTED_PROVIDERS } from '../../providers/registry.ts';
import { STATE_BACKEND_FLAGS } from '../../state-backend/config.ts';
import { exasolCommand } from '../../util/shell-quote.ts';
import { globalsOf, ioFor } from '../global-options.ts';
import { checksSummary, printChecks } from '../print-checks.ts';

/** Action of `exasol init`. */
export async function runInit(cmd: Command): Promise<void> {
  const g = globalsOf(cmd);
  const io = ioFor(g);
  const o = readFlags(cmd.opts(), INIT_FLAGS);
  if (o.listProviders) return listProviders(io);
  if (o.listVersions) return listVersions(io);

  // Every init flag that was given; the action asks for what is missing, refuses flags of another
  // provider and fills the defaults.
  const values = readGivenValues(cmd.opts(), [
    ...COMMON_INIT_FLAGS,
    ...STATE_BACKEND_FLAGS,
    ...Object.values(SUPPORTED_PROVIDERS).flatMap((p) => p.flags),
  ]);

  const { init } = await import('../../actions/init.ts');
  const { discardActiveStagingDirsSync } = await import('../../actions/target-dir.ts');
  // Ctrl-C during init: nothing is half-written (the directory is built beside the target and moved
  // in place at the end), so say so and exit 130 instead of dying silently.
  const onSignal = (sig: NodeJS.Signals) => {
    discardActiveStagingDirsSync();
    const done = existsSync(join(g.deploymentDir, '.exasol.json'));
    process.stderr.write(
      done
        ? `\nerror: init interrupted by ${sig} after ${g.deploymentDir} was complete\n`
        : `\nerror: init interrupted by ${sig}; no deployment directory was created\n`,
    );
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const result = await init(
      {
        deploymentDir: g.deploymentDir,
        ...(o.cloudProvider ? { provider: o.cloudProvider } : {}),
        values,
        env: process.env,
      },
      io,
    );
    io.result({ ok: true, ...result }, () => {
      printChecks(result.checks, io);
      io.log('info', checksSummary(result.checks));
      io.log(
        'info',
        `deployment ${result.deploymentId} (${result.provider}, ${result.clusterSize} node(s), ${result.dbVersion}) initialised in ${result.deploymentDir}`,
      );
      io.log('info', `terraform state: ${result.stateBackend}`);
      if (result.sharedState)
        io.log(
          'info',
          'other runners: exasol export --output FILE here, then exasol import FILE there (see docs/ci.md)',
        );
      io.log('info', `next: ${exasolCommand('deploy', '--deployment-dir', result.deploymentDir)}`);
    });
  } catch (err) {
    // Failed checks travel in the error; --json prints them in the failure document (src/cli/main.ts).
    if (err instanceof PreflightError)
      io.failureDetail(() => {
        printChecks(err.checks, io);
        io.log('error', checksSummary(err.checks));
      });
    throw err;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

function listProviders(io: IoHost): void {
  const rows = Object.values(SUPPORTED_PROVIDERS).map((p) => ({
    id: p.id,
    description: p.description,
    powerControl: p.powerControl,
  }));
  io.result(rows, (rows) => io.data(rows.map((r) => `${r.id.padEnd(8)} ${r.description}`).join('\n')));
}

async function listVersions(io: IoHost): Promise<void> {
  const { loadCatalog } = await import('../../catalog/versions.ts');
  const catalog = loadCatalog();
  const rows = catalog.versions.map((v) => ({
    version: v.version,
    architecture: v.architecture,
    default: catalog.default[v.architecture] === v.version,
  }));
  io.result(rows, (rows) =>
    io.data(
      rows
        .map((r) => `${r.version.padEnd(32)} ${r.architecture.padEnd(7)}${r.default ? ' (default)' : ''}`)
        .join('\n'),
    ),
  );
}

// `exasol init`: flags → InitRequest → init action; prints checks and a summary.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { COMMON_INIT_FLAGS } from '../../options/common-flags.ts';
import type { FlagValues } from '../../options/flag-spec.ts';
import { camelKey } from '../../options/flag-spec.ts';
import { SUPPORTED_PROVIDERS } from '../../providers/registry.ts';
import type { ProviderId } from '../../providers/types.ts';
import { STATE_BACKEND_FLAGS } from '../../state-backend/config.ts';
import { exasolCommand } from '../../util/shell-quote.ts';
import { globalsOf, ioFor } from '../global-options.ts';
import { checksSummary, printChecks } from '../print-checks.ts';

/** Action of `exasol init`. */
export async function runInit(cmd: Command): Promise<void> {
  const g = globalsOf(cmd);
  const io = ioFor(g);
  const opts = cmd.opts() as Record<string, unknown>;
  if (opts.listProviders) {
    listProviders(g.json, io.data.bind(io));
    return;
  }
  if (opts.listVersions) return listVersions(g.json, io.data.bind(io));

  // Every init flag that was given; the action asks for what is missing and refuses flags of
  // another provider.
  const values: FlagValues = {};
  const specs = [
    ...COMMON_INIT_FLAGS,
    ...STATE_BACKEND_FLAGS,
    ...Object.values(SUPPORTED_PROVIDERS).flatMap((p) => p.flags),
  ];
  for (const spec of specs) {
    const v = opts[camelKey(spec.long)];
    if (v !== undefined) values[spec.long] = v as FlagValues[string];
  }

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
        ...(opts.cloudProvider ? { provider: opts.cloudProvider as ProviderId } : {}),
        values,
        env: process.env,
      },
      io,
    );
    if (g.json) {
      io.data(JSON.stringify({ ok: true, ...result }, null, 2));
      return;
    }
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
  } catch (err) {
    const checks = (err as { checks?: Parameters<typeof printChecks>[0] }).checks;
    if (checks) {
      if (g.json) io.data(JSON.stringify({ ok: false, checks }, null, 2));
      else {
        printChecks(checks, io);
        io.log('error', checksSummary(checks));
      }
    }
    throw err;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

function listProviders(json: boolean, out: (t: string) => void): void {
  const rows = Object.values(SUPPORTED_PROVIDERS).map((p) => ({
    id: p.id,
    description: p.description,
    powerControl: p.powerControl,
  }));
  if (json) {
    out(JSON.stringify(rows, null, 2));
    return;
  }
  out(rows.map((r) => `${r.id.padEnd(8)} ${r.description}`).join('\n'));
}

async function listVersions(json: boolean, out: (t: string) => void): Promise<void> {
  const { loadCatalog } = await import('../../catalog/versions.ts');
  const catalog = loadCatalog();
  const rows = catalog.versions.map((v) => ({
    version: v.version,
    architecture: v.architecture,
    default: catalog.default[v.architecture] === v.version,
  }));
  if (json) {
    out(JSON.stringify(rows, null, 2));
    return;
  }
  out(
    rows
      .map((r) => `${r.version.padEnd(32)} ${r.architecture.padEnd(7)}${r.default ? ' (default)' : ''}`)
      .join('\n'),
  );
}

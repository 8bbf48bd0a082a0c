// `exasol init`: flags → InitRequest → init action; prints checks and a summary.
import type { Command } from 'commander';
import { PreflightError } from '../../errors.ts';
import { COMMON_INIT_FLAGS } from '../../options/common-flags.ts';
import type { FlagValues } from '../../options/flag-spec.ts';
import { camelKey } from '../../options/flag-spec.ts';
import { SUPPORTED_PROVIDERS } from '../../providers/registry.ts';
import { PROVIDER_IDS, type ProviderId } from '../../providers/types.ts';
import { STATE_BACKEND_FLAGS } from '../../state-backend/config.ts';
import { globalsOf, ioFor } from '../global-options.ts';
import { printChecks } from '../print-checks.ts';

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

  let providerId = opts.cloudProvider as string | undefined;
  if (!providerId)
    providerId = await io.ask({ message: 'Cloud provider', flag: '--cloud-provider', choices: PROVIDER_IDS });
  const provider = SUPPORTED_PROVIDERS[providerId as ProviderId];
  // Every provider's flags are collected: the action refuses those of another provider.
  const values: FlagValues = {};
  const allProviderFlags = Object.values(SUPPORTED_PROVIDERS).flatMap((p) => p.flags);
  for (const spec of [...COMMON_INIT_FLAGS, ...STATE_BACKEND_FLAGS, ...allProviderFlags]) {
    const v = opts[camelKey(spec.long)];
    if (v !== undefined) values[spec.long] = v as FlagValues[string];
  }
  for (const spec of provider.flags.filter((f) => f.required && values[f.long] === undefined)) {
    const raw = await io.ask({
      message: spec.description,
      flag: `--${spec.long}`,
      ...(spec.choices ? { choices: spec.choices } : {}),
    });
    values[spec.long] = spec.parse ? spec.parse(raw, `--${spec.long}`) : raw;
  }

  const { init } = await import('../../actions/init.ts');
  try {
    const result = await init(
      { deploymentDir: g.deploymentDir, provider: provider.id, values, env: process.env },
      io,
    );
    if (g.json) {
      io.data(JSON.stringify({ ok: true, ...result }, null, 2));
      return;
    }
    printChecks(result.checks, io);
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
    io.log('info', `next: exasol deploy --deployment-dir ${result.deploymentDir}`);
  } catch (err) {
    // Failed checks travel in the error's details; --json prints them in the failure document.
    if (err instanceof PreflightError && !g.json) printChecks(err.checks, io);
    throw err;
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

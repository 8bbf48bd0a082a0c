// `exasol health`: one line per node and check (or --json); exit 0 only when every check passes.
import type { Command } from 'commander';
import type { HealthReport } from '../../actions/health.ts';
import { HEALTH_FLAGS } from '../../options/command-flags.ts';
import { readFlags } from '../../options/flag.ts';
import { globalsOf, ioFor } from '../global-options.ts';

/** Action of `exasol health`. */
export async function runHealth(cmd: Command): Promise<void> {
  const g = globalsOf(cmd);
  const io = ioFor(g);
  const o = readFlags(cmd.opts(), HEALTH_FLAGS);
  const { health, HealthError } = await import('../../actions/health.ts');
  let report: HealthReport;
  try {
    report = await health({
      deploymentDir: g.deploymentDir,
      timeoutMs: o.timeout,
      ...(o.waitFor ? { waitFor: o.waitFor } : {}),
    });
  } catch (err) {
    // The last report travels in the error's details: printed here for people, in the failure
    // document for --json (src/cli/main.ts).
    if (err instanceof HealthError) io.failureDetail(() => io.data(format(err.report)));
    throw err;
  }
  const failed = !report.healthy && !report.waitedFor;
  if (failed) io.failureDetail(() => io.data(format(report)));
  else io.result(report, (r) => io.data(format(r)));
  if (failed)
    throw new HealthError(
      'E_UNHEALTHY',
      `${report.nodes
        .filter((n) => !isOk(n))
        .map((n) => n.name)
        .join(', ')} failed health checks`,
      report,
    );
}

function isOk(n: HealthReport['nodes'][number]): boolean {
  return n.ssh.ok && n.services.ok && n.dbPort.ok && n.adminUiPort.ok;
}

function format(r: HealthReport): string {
  const mark = (ok: boolean) => (ok ? 'ok  ' : 'FAIL');
  const lines = [`deployment ${r.deploymentId} (${r.status}): ${r.healthy ? 'healthy' : 'unhealthy'}`];
  for (const n of r.nodes) {
    lines.push(`${n.name} ${n.address ?? '-'}`);
    for (const [label, c] of [
      ['ssh', n.ssh],
      ['services', n.services],
      ['db port', n.dbPort],
      ['admin UI', n.adminUiPort],
    ] as const)
      lines.push(`  ${mark(c.ok)} ${label.padEnd(9)} ${c.detail}`);
  }
  return lines.join('\n');
}

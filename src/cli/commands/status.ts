// `exasol status`: human summary (default) or the versioned JSON report (docs/status-json.md) on stdout.

import type { Command } from 'commander';
import type { StatusReport } from '../../actions/status.ts';
import { STATUS_FLAGS } from '../../options/command-flags.ts';
import { readFlags } from '../../options/flag.ts';
import { printable } from '../../options/parsers.ts';
import { globalsOf, ioFor } from '../global-options.ts';

/** Action of `exasol status`. */
export async function runStatus(cmd: Command): Promise<void> {
  const g = globalsOf(cmd);
  const io = ioFor(g);
  const { status } = await import('../../actions/status.ts');
  const r = await status({
    deploymentDir: g.deploymentDir,
    ...readFlags(cmd.opts(), STATUS_FLAGS),
    warn: (m) => io.log('warn', m),
  });
  io.result(r, (r) => io.data(formatStatus(r)));
}

/** The human summary of a status report. */
export function formatStatus(r: StatusReport): string {
  const lines = [
    `deployment ${r.deploymentId} (${r.provider}, ${r.clusterSize} node(s)): ${r.status}`,
    `versions: db ${r.versions.db}, cli ${r.versions.cli}, engine ${r.versions.engine ?? 'none'}`,
  ];
  if (r.stateBackend !== 'local')
    lines.push(`terraform state: ${r.stateBackend} backend (shared by runners)`);
  if (r.lock)
    lines.push(
      `lock: ${r.lock.operation} by pid ${r.lock.pid} on ${r.lock.host} since ${r.lock.startedAt}${r.lock.stale ? ' (stale: that process is gone; the next command clears it)' : ''}`,
    );
  if (r.lastError) lines.push(`last error: ${printable(r.lastError)}`);
  if (
    r.stateBackend !== 'local' &&
    r.nodeStateSource !== 'recorded' &&
    r.nodes.length > 0 &&
    ['initialized', 'destroyed'].includes(r.status)
  )
    lines.push(
      `note: the shared terraform state has ${r.nodes.length} node(s) but this directory's record says ${r.status} (it was exported before another runner changed the cluster); exasol deploy brings the record up to date`,
    );
  if (r.nodes.length === 0) lines.push('nodes: none yet');
  else {
    lines.push(
      `nodes (${r.nodeStateSource === 'recorded' ? 'as last recorded; --refresh asks the target' : 'refreshed'}):`,
    );
    for (const n of r.nodes)
      lines.push(
        `  ${n.name.padEnd(6)} ${(n.public_ip ?? '-').padEnd(16)} ${(n.private_ip ?? '-').padEnd(16)} ${n.state}`,
      );
  }
  return lines.join('\n');
}

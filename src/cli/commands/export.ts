// `exasol export --output FILE`: the deployment directory as one encrypted file; summary on stderr.
import type { Command } from 'commander';
import { EXPORT_FLAGS } from '../../options/command-flags.ts';
import { readFlags } from '../../options/flag.ts';
import { globalsOf, ioFor } from '../global-options.ts';

/** Action of `exasol export`. */
export async function runExport(cmd: Command): Promise<void> {
  const g = globalsOf(cmd);
  const io = ioFor(g);
  const o = readFlags(cmd.opts(), EXPORT_FLAGS);
  const { exportDeployment } = await import('../../actions/export.ts');
  const r = await exportDeployment(
    { deploymentDir: g.deploymentDir, output: o.output, force: o.force, env: process.env },
    io,
  );
  io.result({ output: r.output, files: r.files, deploymentId: r.deploymentId }, () => {
    io.log(
      'info',
      `exported ${r.files.length} files of deployment ${r.deploymentId} (${formatBytes(r.bytes)}, encrypted) to ${r.output}`,
    );
    io.log(
      'warn',
      'the file holds the deployment secrets (passwords, SSH private key): keep it as a CI secret, not as a public artifact',
    );
  });
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

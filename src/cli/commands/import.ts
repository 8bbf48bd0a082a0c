// `exasol import FILE`: restores an export into a new deployment directory; summary on stderr.
import type { Command } from 'commander';
import { exasolCommand } from '../../util/shell-quote.ts';
import { globalsOf, ioFor } from '../global-options.ts';

/** Action of `exasol import`. */
export async function runImport(file: string, cmd: Command): Promise<void> {
  const g = globalsOf(cmd);
  const io = ioFor(g);
  const { importDeployment } = await import('../../actions/import.ts');
  const r = await importDeployment({ file, deploymentDir: g.deploymentDir, env: process.env });
  io.result(r, (r) => {
    io.log(
      'info',
      `imported deployment ${r.deploymentId} (${r.provider}, ${r.status}): ${r.files.length} files into ${r.deploymentDir}`,
    );
    if (r.engine)
      io.log(
        'warn',
        `the exported terraform binary is not the one on this machine; using ${r.engine.name} ${r.engine.version} at ${r.engine.binary}`,
      );
    io.log('info', `next: ${exasolCommand('status', '--deployment-dir', r.deploymentDir)}`);
  });
}

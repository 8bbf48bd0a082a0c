// `exasol stop`: no flags of its own; the stop action decides from the recorded status what to do.
import type { Command } from 'commander';
import { globalsOf, ioFor, lockTimeout } from '../global-options.ts';

/** Action of `exasol stop`. */
export async function runStop(cmd: Command): Promise<void> {
  const g = globalsOf(cmd);
  const io = ioFor(g);
  const { stop } = await import('../../actions/power.ts');
  const r = await stop({ ...lockTimeout(cmd), deploymentDir: g.deploymentDir }, io);
  if (g.json) io.data(JSON.stringify(r, null, 2));
  else io.log('info', `deployment ${r.deploymentId} is ${r.status} (database ${r.database})`);
}

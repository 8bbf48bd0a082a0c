// `exasol start` and `exasol stop`: no flags of their own; the power action decides from the
// recorded status what to do.
import type { Command } from 'commander';
import { globalsOf, ioFor, lockTimeout } from '../global-options.ts';

/** Action of `exasol start` and `exasol stop`. */
export async function runPower(cmd: Command, op: 'start' | 'stop'): Promise<void> {
  const g = globalsOf(cmd);
  const io = ioFor(g);
  const power = await import('../../actions/power.ts');
  const r = await power[op]({ ...lockTimeout(cmd), deploymentDir: g.deploymentDir }, io);
  if (g.json) io.data(JSON.stringify(r, null, 2));
  else io.log('info', `deployment ${r.deploymentId} is ${r.status} (database ${r.database})`);
}

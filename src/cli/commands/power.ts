// `exasol start` and `exasol stop`: no flags of their own; the power action decides from the
// recorded status what to do.
import type { Command } from 'commander';
import { LOCKING_FLAGS, lockTimeoutField } from '../../options/command-flags.ts';
import { readFlags } from '../../options/flag.ts';
import { globalsOf, ioFor } from '../global-options.ts';

/** Action of `exasol start` and `exasol stop`. */
export async function runPower(cmd: Command, op: 'start' | 'stop'): Promise<void> {
  const g = globalsOf(cmd);
  const io = ioFor(g);
  const o = readFlags(cmd.opts(), LOCKING_FLAGS);
  const power = await import('../../actions/power.ts');
  const r = await power[op]({ ...lockTimeoutField(o.lockTimeout), deploymentDir: g.deploymentDir }, io);
  io.result(r, (r) => io.log('info', `deployment ${r.deploymentId} is ${r.status} (database ${r.database})`));
}

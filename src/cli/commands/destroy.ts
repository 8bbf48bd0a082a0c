// `exasol destroy`: confirmation (type the deployment id on a terminal, --yes otherwise), then the action.
import type { Command } from 'commander';
import { readState } from '../../deployment/state.ts';
import { LOCKING_FLAGS, lockTimeoutField } from '../../options/command-flags.ts';
import { readFlags } from '../../options/flag.ts';
import { globalsOf, ioFor } from '../global-options.ts';

/** Action of `exasol destroy`. */
export async function runDestroy(cmd: Command): Promise<void> {
  const g = globalsOf(cmd);
  const io = ioFor(g);
  const o = readFlags(cmd.opts(), LOCKING_FLAGS);
  const state = await readState(g.deploymentDir);
  await io.confirm({
    message: `This destroys every resource of ${state.deploymentId}. Type the deployment id to confirm`,
    typed: state.deploymentId,
    flag: '--yes',
    stake: 'destroy deletes every resource of the deployment',
    notDone: 'nothing was destroyed',
  });
  const { destroy } = await import('../../actions/destroy.ts');
  const r = await destroy({ ...lockTimeoutField(o.lockTimeout), deploymentDir: g.deploymentDir }, io);
  io.result(r, (r) => {
    io.log(
      'info',
      `deployment ${r.deploymentId} destroyed; ${r.verification.checked ? `verified with ${r.verification.method}: nothing left` : 'not verified against the target'}`,
    );
    io.log('info', `the directory ${g.deploymentDir} and its logs are kept`);
  });
}

// `exasol destroy`: confirmation (type the deployment id on a terminal, --yes otherwise), then the action.
import type { Command } from 'commander';
import { readState } from '../../deployment/state.ts';
import { ExasolError, UsageError } from '../../errors.ts';
import { globalsOf, ioFor, lockTimeout } from '../global-options.ts';

/** Action of `exasol destroy`. */
export async function runDestroy(cmd: Command): Promise<void> {
  const g = globalsOf(cmd);
  const io = ioFor(g);
  const state = await readState(g.deploymentDir);
  if (!g.yes) {
    if (!io.interactive)
      throw new UsageError(
        'destroy deletes every resource of the deployment; pass --yes to confirm when not on a terminal',
        {
          flag: '--yes',
        },
      );
    const typed = await io.ask({
      message: `This destroys every resource of ${state.deploymentId}. Type the deployment id to confirm`,
      flag: '--yes',
    });
    if (typed.trim() !== state.deploymentId)
      throw new ExasolError(
        'E_NOT_CONFIRMED',
        `'${typed.trim()}' is not ${state.deploymentId}; nothing was destroyed`,
        {
          exitCode: 2,
        },
      );
  }
  const { destroy } = await import('../../actions/destroy.ts');
  const r = await destroy({ ...lockTimeout(cmd), deploymentDir: g.deploymentDir }, io);
  if (g.json) {
    io.data(JSON.stringify(r, null, 2));
    return;
  }
  io.log(
    'info',
    `deployment ${r.deploymentId} destroyed; ${r.verification.checked ? `verified with ${r.verification.method}: nothing left` : 'not verified against the target'}`,
  );
  io.log('info', `the directory ${g.deploymentDir} and its logs are kept`);
}

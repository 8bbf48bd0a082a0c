// `exasol deploy`: flags → deploy action; summary on stderr, data (--json, --plan text) on stdout.
import type { Command } from 'commander';
import { UsageError } from '../../errors.ts';
import { exasolCommand } from '../../util/shell-quote.ts';
import { globalsOf, ioFor, lockTimeout } from '../global-options.ts';

/** Action of `exasol deploy`. */
export async function runDeploy(cmd: Command): Promise<void> {
  const g = globalsOf(cmd);
  const io = ioFor(g);
  const o = cmd.opts() as { infraOnly?: boolean; plan?: boolean };
  if (o.infraOnly && o.plan)
    throw new UsageError('cannot be combined with --infra-only', { flag: '--plan', accepted: 'one of them' });
  const { deploy } = await import('../../actions/deploy.ts');
  const r = await deploy(
    {
      ...lockTimeout(cmd),
      deploymentDir: g.deploymentDir,
      infraOnly: o.infraOnly === true,
      planOnly: o.plan === true,
    },
    io,
  );
  if (g.json) {
    io.data(JSON.stringify(r, null, 2));
    return;
  }
  if (r.plan !== undefined) {
    io.data(r.plan);
    io.log('info', 'plan only: nothing was changed');
    return;
  }
  for (const n of r.nodes) io.log('info', `${n.name} ${n.publicIp ?? '(no address)'}`);
  io.log('info', `deployment ${r.deploymentId} is ${r.status}`);
  io.log('info', `next: ${exasolCommand('info', '--deployment-dir', g.deploymentDir)}`);
}

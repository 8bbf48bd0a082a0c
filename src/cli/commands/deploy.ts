// `exasol deploy`: flags → deploy action; summary on stderr, data (--json, --plan text) on stdout.
import type { Command } from 'commander';
import { UsageError } from '../../errors.ts';
import { DEPLOY_FLAGS, lockTimeoutField } from '../../options/command-flags.ts';
import { readFlags } from '../../options/flag.ts';
import { exasolCommand } from '../../util/shell-quote.ts';
import { globalsOf, ioFor } from '../global-options.ts';

/** Action of `exasol deploy`. */
export async function runDeploy(cmd: Command): Promise<void> {
  const g = globalsOf(cmd);
  const io = ioFor(g);
  const o = readFlags(cmd.opts(), DEPLOY_FLAGS);
  if (o.infraOnly && o.plan)
    throw new UsageError('cannot be combined with --infra-only', { flag: '--plan', accepted: 'one of them' });
  const { deploy } = await import('../../actions/deploy.ts');
  const r = await deploy(
    {
      ...lockTimeoutField(o.lockTimeout),
      deploymentDir: g.deploymentDir,
      infraOnly: o.infraOnly,
      planOnly: o.plan,
    },
    io,
  );
  io.result(r, (r) => {
    if (r.plan !== undefined) {
      io.data(r.plan);
      io.log('info', 'plan only: nothing was changed');
      return;
    }
    for (const n of r.nodes) io.log('info', `${n.name} ${n.publicIp ?? '(no address)'}`);
    io.log('info', `deployment ${r.deploymentId} is ${r.status}`);
    io.log('info', `next: ${exasolCommand('info', '--deployment-dir', g.deploymentDir)}`);
  });
}

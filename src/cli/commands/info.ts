// `exasol info`: connection details on stdout (human or --json); passwords only with --show-secrets.
import type { Command } from 'commander';
import type { InfoReport } from '../../actions/info.ts';
import { INFO_FLAGS } from '../../options/command-flags.ts';
import { readFlags } from '../../options/flag.ts';
import { globalsOf, ioFor } from '../global-options.ts';

/** Action of `exasol info`. */
export async function runInfo(cmd: Command): Promise<void> {
  const g = globalsOf(cmd);
  const io = ioFor(g);
  const { info } = await import('../../actions/info.ts');
  const { showSecrets } = readFlags(cmd.opts(), INFO_FLAGS);
  const r = await info({ deploymentDir: g.deploymentDir, showSecrets });
  io.result(r, (r) => io.data(formatInfo(r)));
}

/** The human view of `exasol info`. */
function formatInfo(r: InfoReport): string {
  const lines = [
    `deployment ${r.deploymentId} (${r.status})`,
    `database:  ${r.dbEndpoint}  (user sys)`,
    `admin UI:  ${r.adminUiUrl}  (user admin)`,
    `ssh:       ${r.ssh.command}`,
    ...r.nodes.map((n) => `  ${n.name.padEnd(6)} ${n.public_ip ?? '-'}`),
  ];
  if (r.secrets)
    lines.push(
      `db password:       ${r.secrets.dbPassword}`,
      `admin UI password: ${r.secrets.adminUiPassword}`,
    );
  else
    lines.push(
      `passwords: ${r.passwords.file} (keys db_password, adminui_password); --show-secrets prints them`,
    );
  return lines.join('\n');
}

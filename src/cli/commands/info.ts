// `exasol info`: connection details on stdout (human or --json); passwords only with --show-secrets.
import type { Command } from 'commander';
import { globalsOf, ioFor } from '../global-options.ts';

/** Action of `exasol info`. */
export async function runInfo(cmd: Command): Promise<void> {
  const g = globalsOf(cmd);
  const io = ioFor(g);
  const { info } = await import('../../actions/info.ts');
  const r = await info({ deploymentDir: g.deploymentDir, showSecrets: cmd.opts().showSecrets === true });
  if (g.json) {
    io.data(JSON.stringify(r, null, 2));
    return;
  }
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
  io.data(lines.join('\n'));
}

// `exasol info`: how to connect (DB endpoint, Admin UI, SSH) and where the passwords are. Reads only.
import { ExasolError } from '../errors.ts';
import { exasolCommand } from '../util/shell-quote.ts';
import { loadDeployment, readSecrets } from './deployment.ts';

/** DB port and Admin UI port of every Exasol node. */
export const DB_PORT = 8563;
export const ADMINUI_PORT = 8443;

/** Connection details of a deployment. */
export interface InfoReport {
  deploymentId: string;
  status: string;
  dbEndpoint: string;
  adminUiUrl: string;
  ssh: { config: string; command: string; user: string | null };
  nodes: { name: string; public_ip: string | null; private_ip: string | null }[];
  passwords: { file: string; keys: { db: 'db_password'; adminUi: 'adminui_password' } };
  /** Present only with --show-secrets. */
  secrets?: { dbPassword: string; adminUiPassword: string };
}

/** `word` as one POSIX shell word, so a printed command can be pasted as it is. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_/.,:@%+=-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}

/** Builds the report; passwords only when `showSecrets`. */
export async function info(req: { deploymentDir: string; showSecrets: boolean }): Promise<InfoReport> {
  const dep = await loadDeployment(req.deploymentDir);
  const first = dep.state.nodes[0];
  if (!first?.publicIp)
    throw new ExasolError(
      'E_NOT_DEPLOYED',
      `deployment ${dep.state.deploymentId} has no nodes yet (status ${dep.state.status})`,
      {
        hint: `run: ${exasolCommand('deploy', '--deployment-dir', dep.dir)}`,
      },
    );
  const report: InfoReport = {
    deploymentId: dep.state.deploymentId,
    status: dep.state.status,
    dbEndpoint: `${first.publicIp}:${DB_PORT}`,
    adminUiUrl: `https://${first.publicIp}:${ADMINUI_PORT}`,
    ssh: {
      config: dep.paths.sshConfig,
      command: `ssh -F ${shellWord(dep.paths.sshConfig)} ${first.name}`,
      user: dep.state.sshUser ?? null,
    },
    nodes: dep.state.nodes.map((n) => ({ name: n.name, public_ip: n.publicIp, private_ip: n.privateIp })),
    passwords: { file: dep.paths.secrets, keys: { db: 'db_password', adminUi: 'adminui_password' } },
  };
  if (req.showSecrets) {
    const s = await readSecrets(dep);
    report.secrets = { dbPassword: s.db_password, adminUiPassword: s.adminui_password };
  }
  return report;
}

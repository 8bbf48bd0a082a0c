// Names of the files in a deployment directory, in one place.
import { join } from 'node:path';

/** File and folder names inside a deployment directory. */
export const FILES = {
  state: '.exasol.json',
  lock: '.exasol.lock',
  plan: '.exasol.tfplan',
  tfvars: 'terraform.tfvars.json',
  secrets: 'secrets.json',
  sshKey: 'ssh/id_ed25519',
  sshPublicKey: 'ssh/id_ed25519.pub',
  sshConfig: 'ssh_config',
  inventory: 'inventory.yml',
  ansibleCfg: 'ansible.cfg',
  logs: 'logs',
  terraformRc: 'terraform.rc',
  terraformDir: '.terraform',
} as const;

/** Absolute paths of a deployment directory's files. */
export function deploymentPaths(dir: string): { [K in keyof typeof FILES]: string } {
  return Object.fromEntries(Object.entries(FILES).map(([k, v]) => [k, join(dir, v)])) as {
    [K in keyof typeof FILES]: string;
  };
}

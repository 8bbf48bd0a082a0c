// Builds the ansible-playbook command line and environment; secrets only ever travel in the vars file.
import { join, resolve } from 'node:path';
import { deploymentPaths } from '../deployment/layout.ts';
import { packageRoot } from '../util/package-root.ts';

/** The playbooks shipped in the package's playbooks/ folder. */
export const PLAYBOOKS = ['setup', 'start', 'stop'] as const;
export type PlaybookName = (typeof PLAYBOOKS)[number];

/** One playbook run against a deployment. */
export interface PlaybookInvocation {
  deploymentDir: string;
  playbook: PlaybookName;
  /** Absolute path from writeExtraVars (0600). */
  extraVarsPath: string;
  /** Restrict to these hosts (`--limit`). */
  limit?: string[];
  /** Dry run (`--check`). */
  check?: boolean;
  /** Extra `-v` count (0-4). */
  verbosity?: number;
}

/** A ready-to-run command: binary arguments, environment overrides and working directory. */
export interface PlaybookCommand {
  args: string[];
  env: Record<string, string>;
  cwd: string;
}

/** Absolute path of a shipped playbook. */
export function playbookPath(name: PlaybookName, root = packageRoot()): string {
  return join(root, 'playbooks', `${name}.yml`);
}

/** argv (after `ansible-playbook`) and env for a run; never contains a secret value. */
export function buildPlaybookCommand(inv: PlaybookInvocation, root = packageRoot()): PlaybookCommand {
  const dir = resolve(inv.deploymentDir);
  const paths = deploymentPaths(dir);
  const args = ['-i', paths.inventory, '-e', `@${resolve(inv.extraVarsPath)}`];
  if (inv.limit && inv.limit.length > 0) args.push('--limit', inv.limit.join(','));
  if (inv.check) args.push('--check');
  const v = Math.min(Math.max(inv.verbosity ?? 0, 0), 4);
  if (v > 0) args.push(`-${'v'.repeat(v)}`);
  args.push(playbookPath(inv.playbook, root));
  return {
    args,
    cwd: dir,
    env: {
      ANSIBLE_CONFIG: paths.ansibleCfg,
      ANSIBLE_NOCOLOR: '1',
      ANSIBLE_FORCE_COLOR: '0',
      ANSIBLE_RETRY_FILES_ENABLED: 'False',
      ANSIBLE_LOCAL_TEMP: join(dir, '.ansible', 'tmp'),
      PYTHONUNBUFFERED: '1',
    },
  };
}

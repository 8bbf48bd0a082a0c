// Pre-flight checks of local tools that later commands need (a PATH lookup only: running them costs time).
import { findAnsiblePlaybook } from '../tools/ansible.ts';
import type { CheckResult } from './types.ts';

/** ansible-playbook on PATH (or EXASOL_ANSIBLE_PLAYBOOK): deploy needs it after the infrastructure. */
export async function ansibleCheck(env: NodeJS.ProcessEnv): Promise<CheckResult> {
  const binary = await findAnsiblePlaybook(env);
  if (binary)
    return { id: 'tools.ansible-playbook', title: 'ansible-playbook', status: 'pass', detail: binary };
  return {
    id: 'tools.ansible-playbook',
    title: 'ansible-playbook',
    status: 'warn',
    detail: 'not on PATH; deploy needs it to install the database (deploy --infra-only does not)',
    fix: 'apt-get install ansible-core   # or: pipx install ansible-core',
  };
}

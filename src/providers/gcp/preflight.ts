// GCP pre-flight: a readable, well-formed credentials file (service-account key, or the gcloud
// application-default login) and a project id (flag, environment or the key's project_id).
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { CheckResult } from '../../preflight/types.ts';
import { gcpProbe, identityCheck } from '../cloud-identity.ts';
import { fail, pass } from '../shared.ts';
import type { PreflightContext, ResolvedProvider } from '../types.ts';

/** Standard ways to give the google provider credentials, one per line. */
export const GCP_CREDENTIAL_FIXES = [
  "run 'gcloud iam service-accounts keys create key.json --iam-account SA_EMAIL' and pass --gcp-credentials-file key.json",
  'export GOOGLE_APPLICATION_CREDENTIALS=/path/to/key.json',
  "run 'gcloud auth application-default login'",
].join('\n');

/** Standard ways to name the project, one per line. */
export const GCP_PROJECT_FIXES = [
  'pass --gcp-project ID',
  'export GOOGLE_CLOUD_PROJECT=ID',
  'pass --gcp-credentials-file with a service account key whose project_id is the project',
].join('\n');

const PROJECT = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;

interface KeyFile {
  type?: string;
  project_id?: string;
  quota_project_id?: string;
  client_email?: string;
  private_key?: string;
  client_id?: string;
  refresh_token?: string;
}

/** Checks the credentials file and fills the project from it when no flag/env gave one. */
export async function gcpPreflight(
  resolved: ResolvedProvider,
  ctx: PreflightContext,
): Promise<CheckResult[]> {
  const results: CheckResult[] = [
    pass('gcp.instance-type', 'machine type', `${ctx.common.instanceType} (${ctx.common.architecture})`),
  ];
  const given = resolved.summary.credentialsFile;
  const adc = join(ctx.env.HOME ?? homedir(), '.config', 'gcloud', 'application_default_credentials.json');
  const file = given || adc;
  let projectFromFile: string | undefined;
  const text = await readFile(file, 'utf8').catch((err: Error) => err);
  if (text instanceof Error) {
    const detail = given
      ? `${file}: cannot read (${(text as NodeJS.ErrnoException).code ?? text.message})`
      : 'none found: no --gcp-credentials-file, GOOGLE_APPLICATION_CREDENTIALS unset, no gcloud application-default login';
    results.push(fail('gcp.credentials', 'GCP credentials', detail, GCP_CREDENTIAL_FIXES));
  } else {
    const problem = checkKey(text);
    if (typeof problem === 'string') {
      results.push(fail('gcp.credentials', 'GCP credentials', `${file}: ${problem}`, GCP_CREDENTIAL_FIXES));
    } else {
      projectFromFile = problem.project_id ?? problem.quota_project_id;
      const who = problem.client_email ?? 'application-default login';
      results.push(pass('gcp.credentials', 'GCP credentials', `${who} from ${file}`));
      results.push(await identityCheck('gcp', gcpProbe(file, ctx.env)));
    }
  }
  const project = resolved.summary.project || projectFromFile;
  if (project && !PROJECT.test(project)) {
    const detail = `'${project}' is not a project id (6-30 lowercase letters, digits, hyphens)`;
    results.push(fail('gcp.project', 'GCP project', detail, GCP_PROJECT_FIXES));
  } else if (project) {
    resolved.tfvars.gcp_project = project;
    resolved.summary.project = project;
    results.push(pass('gcp.project', 'GCP project', project));
  } else {
    results.push(fail('gcp.project', 'GCP project', 'no project id', GCP_PROJECT_FIXES));
  }
  return results;
}

/** The parsed key, or what is wrong with it. */
function checkKey(text: string): KeyFile | string {
  let key: KeyFile;
  try {
    key = JSON.parse(text) as KeyFile;
  } catch {
    return 'not JSON (expected a service account key file)';
  }
  if (key.type === 'service_account') {
    if (!key.client_email || !key.private_key?.includes('PRIVATE KEY'))
      return 'service account key lacks client_email or private_key';
    return key;
  }
  if (key.type === 'authorized_user') {
    if (!key.client_id || !key.refresh_token)
      return 'authorized_user credentials lack client_id or refresh_token';
    return key;
  }
  return `unsupported credentials type '${key.type ?? '(none)'}' (expected service_account)`;
}

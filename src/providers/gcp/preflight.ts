// GCP pre-flight: a readable, well-formed service-account key and a project id.
import { readFile } from 'node:fs/promises';
import type { CheckResult } from '../../preflight/types.ts';
import { fail, pass } from '../shared.ts';
import type { PreflightContext, ResolvedProvider } from '../types.ts';

/** Checks the credentials file and fills the project from it when no flag/env gave one. */
export async function gcpPreflight(
  resolved: ResolvedProvider,
  _ctx: PreflightContext,
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const file = resolved.summary.credentialsFile;
  let projectFromFile: string | undefined;
  if (!file) {
    results.push(
      fail(
        'gcp.credentials',
        'GCP credentials',
        'no service account key: --gcp-credentials-file not given and GOOGLE_APPLICATION_CREDENTIALS unset',
        "create a key with 'gcloud iam service-accounts keys create key.json --iam-account SA' and pass --gcp-credentials-file key.json",
      ),
    );
  } else {
    try {
      const key = JSON.parse(await readFile(file, 'utf8')) as {
        type?: string;
        project_id?: string;
        client_email?: string;
        private_key?: string;
      };
      if (key.type !== 'service_account' || !key.client_email || !key.private_key)
        throw new Error('not a service account key (type, client_email, private_key)');
      projectFromFile = key.project_id;
      results.push(pass('gcp.credentials', 'GCP credentials', `${key.client_email} from ${file}`));
    } catch (err) {
      results.push(
        fail(
          'gcp.credentials',
          'GCP credentials',
          `${file}: ${(err as Error).message.split('\n')[0]}`,
          'pass a service account key JSON file',
        ),
      );
    }
  }
  const project = resolved.summary.project || projectFromFile;
  if (project) {
    resolved.tfvars.gcp_project = project;
    results.push(pass('gcp.project', 'GCP project', project));
  } else {
    results.push(
      fail(
        'gcp.project',
        'GCP project',
        'no project id',
        'pass --gcp-project ID or export GOOGLE_CLOUD_PROJECT',
      ),
    );
  }
  return results;
}

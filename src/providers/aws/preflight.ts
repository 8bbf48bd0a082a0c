// AWS pre-flight: region format and resolvable credentials (env vars, or the profile in ~/.aws files).
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { CheckResult } from '../../preflight/types.ts';
import { fail, pass } from '../shared.ts';
import type { PreflightContext, ResolvedProvider } from '../types.ts';

/** Checks that terraform's AWS provider will find credentials. */
export async function awsPreflight(
  resolved: ResolvedProvider,
  ctx: PreflightContext,
): Promise<CheckResult[]> {
  const profile = resolved.summary.profile ?? 'default';
  const env = ctx.env;
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    return [pass('aws.credentials', 'AWS credentials', 'from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY')];
  }
  const home = env.HOME ?? homedir();
  const files = [
    env.AWS_SHARED_CREDENTIALS_FILE ?? join(home, '.aws', 'credentials'),
    env.AWS_CONFIG_FILE ?? join(home, '.aws', 'config'),
  ];
  for (const file of files) {
    const text = await readFile(file, 'utf8').catch(() => '');
    const header = file.endsWith('config') && profile !== 'default' ? `[profile ${profile}]` : `[${profile}]`;
    if (text.split('\n').some((l) => l.trim() === header)) {
      return [pass('aws.credentials', 'AWS credentials', `profile '${profile}' in ${file}`)];
    }
  }
  return [
    fail(
      'aws.credentials',
      'AWS credentials',
      `no credentials: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY unset and profile '${profile}' not in ~/.aws/credentials or ~/.aws/config`,
      "export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY; or run 'aws configure --profile NAME' and pass --aws-profile NAME",
    ),
  ];
}

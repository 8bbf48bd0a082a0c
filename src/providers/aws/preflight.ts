// AWS pre-flight: region format, instance type and resolvable credentials (env vars, or the profile in ~/.aws files).
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { CheckResult } from '../../preflight/types.ts';
import { awsProbe, identityCheck } from '../cloud-identity.ts';
import { fail, pass } from '../shared.ts';
import type { PreflightContext, ResolvedProvider } from '../types.ts';

const REGION = /^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/;

/** Standard ways to give terraform's AWS provider credentials, one per line. */
export const AWS_CREDENTIAL_FIXES = [
  'export AWS_ACCESS_KEY_ID=... and AWS_SECRET_ACCESS_KEY=... (plus AWS_SESSION_TOKEN for temporary keys)',
  "run 'aws configure' to write the default profile to ~/.aws/credentials",
  "run 'aws configure --profile NAME' (or 'aws configure sso --profile NAME') and pass --aws-profile NAME",
].join('\n');

/** Checks the region and instance type and that terraform's AWS provider will find credentials. */
export async function awsPreflight(
  resolved: ResolvedProvider,
  ctx: PreflightContext,
): Promise<CheckResult[]> {
  const region = resolved.summary.region ?? '';
  const results: CheckResult[] = [
    REGION.test(region)
      ? pass('aws.region', 'AWS region', region)
      : fail(
          'aws.region',
          'AWS region',
          `'${region}' is not a region name`,
          'pass --aws-region, e.g. us-east-2',
        ),
    pass('aws.instance-type', 'instance type', `${ctx.common.instanceType} (${ctx.common.architecture})`),
  ];
  const profile = resolved.summary.profile ?? 'default';
  const creds = await awsCredentials(profile, ctx.env);
  results.push(creds);
  if (creds.status === 'pass') results.push(await identityCheck('aws', awsProbe(profile, ctx.env)));
  return results;
}

/** Where terraform's AWS SDK would find credentials (env keys, web identity, a profile in ~/.aws). The
 * s3 state backend reads the same sources, so its pre-flight reuses this with its own id and title. */
export async function awsCredentials(
  profile: string,
  env: NodeJS.ProcessEnv,
  id = 'aws.credentials',
  title = 'AWS credentials',
): Promise<CheckResult> {
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY)
    return pass(id, title, 'from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY');
  if (env.AWS_ACCESS_KEY_ID || env.AWS_SECRET_ACCESS_KEY) {
    const missing = env.AWS_ACCESS_KEY_ID ? 'AWS_SECRET_ACCESS_KEY' : 'AWS_ACCESS_KEY_ID';
    return fail(id, title, `${missing} is unset`, `export ${missing} as well`);
  }
  if (env.AWS_WEB_IDENTITY_TOKEN_FILE && env.AWS_ROLE_ARN)
    return pass(id, title, 'web identity from AWS_ROLE_ARN');
  const home = env.HOME ?? homedir();
  const files = [
    { file: env.AWS_SHARED_CREDENTIALS_FILE ?? join(home, '.aws', 'credentials'), config: false },
    { file: env.AWS_CONFIG_FILE ?? join(home, '.aws', 'config'), config: true },
  ];
  for (const { file, config } of files) {
    const text = await readFile(file, 'utf8').catch(() => '');
    const headers = config && profile !== 'default' ? [`[profile ${profile}]`] : [`[${profile}]`];
    if (config && profile === 'default') headers.push('[profile default]');
    if (text.split(/\r?\n/).some((l) => headers.includes(l.trim())))
      return pass(id, title, `profile '${profile}' in ${file}`);
  }
  return fail(
    id,
    title,
    `none found: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY unset and profile '${profile}' not in ~/.aws/credentials or ~/.aws/config`,
    AWS_CREDENTIAL_FIXES,
  );
}

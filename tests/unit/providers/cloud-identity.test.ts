// Cloud identity at pre-flight with the stand-in aws/az/gcloud of tests/fixtures/bin (the clouds
// cannot be reached here): verified, refused, hanging (bounded), or not installed (presence only).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { awsProbe, azureProbe, gcpProbe, identityCheck } from '../../../src/providers/cloud-identity.ts';
import { CLOUD_CLI_TIMEOUT_MS } from '../../../src/tools/cloud-cli.ts';
import { GCP_KEY, put, tempDir } from '../../helpers/cloud-init.ts';
import { emptyHome, preflightOf } from '../../helpers/cloud-preflight.ts';
import { FIXTURE_BIN } from '../../helpers/orchestration.ts';

// The stand-ins first; node (their interpreter) after them.
const standIns = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  PATH: `${FIXTURE_BIN}:${dirname(process.execPath)}`,
  ...extra,
});

describe('cloud identity with the cloud CLI', () => {
  it('aws: verified with sts get-caller-identity (the ARN shown), profile passed on', async () => {
    const record = join(tempDir('cli-'), 'calls.jsonl');
    const home = emptyHome();
    put(home, '.aws/credentials', '[ops]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = x\n');
    const { byId } = await preflightOf(
      'aws',
      home,
      { 'aws-region': 'eu-west-1', 'aws-profile': 'ops' },
      standIns({ FAKE_CLOUD_CLI_RECORD: record }),
    );
    expect(byId('aws.identity')).toMatchObject({
      status: 'pass',
      detail:
        'arn:aws:iam::123456789012:user/deployer (verified with aws sts get-caller-identity --output json --profile ops)',
    });
    const calls = readFileSync(record, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(calls.map((c: { tool: string; argv: string[] }) => [c.tool, ...c.argv])).toEqual([
      ['aws', 'sts', 'get-caller-identity', '--output', 'json', '--profile', 'ops'],
    ]);
  });

  it('azure: the az login is verified with az account show', async () => {
    const r = await identityCheck('azure', azureProbe(standIns()));
    expect(r).toMatchObject({
      status: 'pass',
      detail: 'deployer@example.com (verified with az account show --output json)',
    });
  });

  it('gcp: the credentials file is handed to gcloud; the access token is never shown', async () => {
    const home = emptyHome();
    const key = put(home, 'key.json', GCP_KEY);
    const record = join(tempDir('cli-'), 'calls.jsonl');
    const r = await identityCheck('gcp', gcpProbe(key, standIns({ FAKE_CLOUD_CLI_RECORD: record })));
    expect(r).toMatchObject({ status: 'pass' });
    expect(r.detail).toContain(`credentials in ${key} accepted`);
    expect(JSON.stringify(r)).not.toContain('ya29');
    expect(JSON.parse(readFileSync(record, 'utf8')).env).toContain('GOOGLE_APPLICATION_CREDENTIALS');
  });

  it('refused credentials fail the line with the CLI message', async () => {
    const r = await identityCheck(
      'aws',
      awsProbe('default', standIns({ FAKE_CLOUD_CLI: 'denied', AWS_ACCESS_KEY_ID: 'x' })),
    );
    expect(r.status).toBe('fail');
    expect(r.detail).toContain(
      'aws sts get-caller-identity --output json refused the credentials: An error occurred (InvalidClientTokenId)',
    );
  });

  it('a CLI that never answers is stopped at the bound (10 s by default) and the line says only presence was checked', async () => {
    expect(CLOUD_CLI_TIMEOUT_MS).toBe(10_000);
    const t0 = Date.now();
    const r = await identityCheck('azure', azureProbe(standIns({ FAKE_CLOUD_CLI: 'hang' })), '', 500);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(450);
    expect(r).toMatchObject({
      status: 'warn',
      detail:
        'az account show --output json did not answer within 0.5 s; only the presence of credentials was checked',
    });
  }, 30_000);

  it('without the CLI the line says plainly that only presence was checked', async () => {
    const r = await identityCheck('aws', awsProbe('default', { PATH: '/nonexistent' }));
    expect(r).toMatchObject({
      status: 'skip',
      detail:
        'only the presence of credentials was checked (aws CLI not installed, so they were not verified)',
    });
  });
});

// AWS credential pre-flight with fake HOME directories: each failure mode names its fixes, one per line.
import { describe, expect, it } from 'vitest';
import { aws } from '../../../src/providers/aws/index.ts';
import { put } from '../../helpers/cloud-init.ts';
import { emptyHome, preflightOf } from '../../helpers/cloud-preflight.ts';

describe('aws pre-flight', () => {
  it('fails without any credentials and lists the three standard ways, one per line', async () => {
    const { byId } = await preflightOf('aws', emptyHome());
    const c = byId('aws.credentials');
    expect(c?.status).toBe('fail');
    expect(c?.detail).toContain("profile 'default' not in ~/.aws/credentials");
    const ways = c?.fix?.split('\n') ?? [];
    expect(ways).toHaveLength(3);
    expect(ways[0]).toContain('AWS_ACCESS_KEY_ID');
    expect(ways[1]).toContain('aws configure');
    expect(ways[2]).toContain('--aws-profile NAME');
  });

  it('passes with access keys in the environment', async () => {
    const env = { AWS_ACCESS_KEY_ID: 'AKIA', AWS_SECRET_ACCESS_KEY: 's' };
    const { byId } = await preflightOf('aws', emptyHome(), {}, env);
    expect(byId('aws.credentials')?.status).toBe('pass');
  });

  it('names the missing half of an access key pair', async () => {
    const { byId } = await preflightOf('aws', emptyHome(), {}, { AWS_ACCESS_KEY_ID: 'AKIA' });
    expect(byId('aws.credentials')).toMatchObject({
      status: 'fail',
      detail: 'AWS_SECRET_ACCESS_KEY is unset',
    });
  });

  it('finds the default profile in ~/.aws/credentials and a named profile in ~/.aws/config', async () => {
    const home = emptyHome();
    put(home, '.aws/credentials', '[default]\naws_access_key_id = A\n');
    put(home, '.aws/config', '[profile sso-dev]\nsso_session = x\n');
    expect((await preflightOf('aws', home)).byId('aws.credentials')?.detail).toContain("profile 'default'");
    const named = await preflightOf('aws', home, { 'aws-profile': 'sso-dev' });
    expect(named.byId('aws.credentials')?.status).toBe('pass');
    expect(named.resolved.tfvars.aws_profile).toBe('sso-dev');
  });

  it('fails for a named profile that exists nowhere', async () => {
    const home = emptyHome();
    put(home, '.aws/credentials', '[default]\naws_access_key_id = A\n');
    const { byId } = await preflightOf('aws', home, { 'aws-profile': 'prod' });
    expect(byId('aws.credentials')).toMatchObject({ status: 'fail' });
    expect(byId('aws.credentials')?.detail).toContain("profile 'prod'");
  });

  it('reports region and instance type lines and flags a malformed region', async () => {
    const home = emptyHome();
    put(home, '.aws/credentials', '[default]\n');
    const ok = await preflightOf('aws', home, { 'aws-region': 'eu-central-1' });
    expect(ok.byId('aws.region')).toMatchObject({ status: 'pass', detail: 'eu-central-1' });
    expect(ok.byId('aws.instance-type')?.detail).toBe('t3a.medium (x86_64)');
    const bad = await preflightOf('aws', home, { 'aws-region': 'Mars' });
    expect(bad.byId('aws.region')?.status).toBe('fail');
  });

  it('describes how to look for leftovers by tag (and open spot requests) without calling AWS', async () => {
    const report = await aws.findLeftovers?.({
      deploymentId: 'exa-abc123',
      tfvars: { aws_region: 'eu-west-1' },
      secrets: {},
      env: {},
    });
    expect(report).toEqual({
      checked: false,
      leftovers: [],
      method: expect.stringContaining(
        '--region eu-west-1 --tag-filters Key=exasol-deployment,Values=exa-abc123',
      ),
    });
    expect(report?.method).not.toContain('spot');
    const spot = await aws.findLeftovers?.({
      deploymentId: 'exa-abc123',
      tfvars: { aws_region: 'eu-west-1', enable_spot_instances: true },
      secrets: {},
      env: {},
    });
    expect(spot?.method).toContain('aws ec2 describe-spot-instance-requests --region eu-west-1');
  });
});

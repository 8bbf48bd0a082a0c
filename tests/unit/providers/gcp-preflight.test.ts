// GCP credential pre-flight with fake HOME directories: key file, GOOGLE_APPLICATION_CREDENTIALS, gcloud ADC.
import { describe, expect, it } from 'vitest';
import { gcp } from '../../../src/providers/gcp/index.ts';
import { GCP_KEY, put } from '../../helpers/cloud-init.ts';
import { emptyHome, preflightOf } from '../../helpers/cloud-preflight.ts';

describe('gcp pre-flight', () => {
  it('fails without credentials or project and lists the standard ways, one per line', async () => {
    const { byId } = await preflightOf('gcp', emptyHome());
    expect(byId('gcp.credentials')?.status).toBe('fail');
    expect(byId('gcp.credentials')?.fix?.split('\n')).toEqual([
      expect.stringContaining('--gcp-credentials-file key.json'),
      expect.stringContaining('GOOGLE_APPLICATION_CREDENTIALS'),
      expect.stringContaining('gcloud auth application-default login'),
    ]);
    expect(byId('gcp.project')?.fix?.split('\n')).toHaveLength(3);
  });

  it('takes the project from the key file and passes the absolute key path in the environment only', async () => {
    const home = emptyHome();
    const key = put(home, 'key.json', GCP_KEY);
    const { byId, resolved } = await preflightOf('gcp', home, {}, { GOOGLE_APPLICATION_CREDENTIALS: key });
    expect(byId('gcp.credentials')?.status).toBe('pass');
    expect(byId('gcp.project')?.detail).toBe('exasol-test-project');
    expect(resolved.tfvars.gcp_project).toBe('exasol-test-project');
    expect(resolved.secrets.GOOGLE_APPLICATION_CREDENTIALS).toBe(key);
    expect(JSON.stringify(resolved.tfvars)).not.toContain('key.json');
  });

  it('prefers the project flag over the key file', async () => {
    const home = emptyHome();
    const key = put(home, 'key.json', GCP_KEY);
    const r = await preflightOf('gcp', home, { 'gcp-credentials-file': key, 'gcp-project': 'other-project' });
    expect(r.resolved.tfvars.gcp_project).toBe('other-project');
  });

  it('rejects an unreadable, non-JSON or non-service-account key file', async () => {
    const home = emptyHome();
    const cases: Array<[string, string]> = [
      [`${home}/missing.json`, 'cannot read (ENOENT)'],
      [put(home, 'text.json', 'not json'), 'not JSON'],
      [
        put(home, 'other.json', JSON.stringify({ type: 'external_account' })),
        "unsupported credentials type 'external_account'",
      ],
      [
        put(home, 'nokey.json', JSON.stringify({ type: 'service_account', client_email: 'x' })),
        'lacks client_email or private_key',
      ],
    ];
    for (const [file, detail] of cases) {
      const { byId } = await preflightOf('gcp', home, {
        'gcp-credentials-file': file,
        'gcp-project': 'my-project',
      });
      expect(byId('gcp.credentials')?.status).toBe('fail');
      expect(byId('gcp.credentials')?.detail).toContain(detail);
    }
  });

  it('accepts the gcloud application-default login with a project from the environment', async () => {
    const home = emptyHome();
    put(
      home,
      '.config/gcloud/application_default_credentials.json',
      JSON.stringify({ type: 'authorized_user', client_id: 'c', refresh_token: 'r' }),
    );
    const { checks } = await preflightOf('gcp', home, {}, { GOOGLE_CLOUD_PROJECT: 'env-project' });
    // No gcloud on this (empty) PATH: the identity line says only presence was checked.
    expect(checks.map((c) => [c.id, c.status])).toEqual([
      ['gcp.instance-type', 'pass'],
      ['gcp.credentials', 'pass'],
      ['gcp.identity', 'skip'],
      ['gcp.project', 'pass'],
    ]);
  });

  it('rejects a malformed project id from the environment', async () => {
    const home = emptyHome();
    const key = put(home, 'key.json', GCP_KEY);
    const env = { GOOGLE_APPLICATION_CREDENTIALS: key, GOOGLE_CLOUD_PROJECT: 'My Project' };
    const { byId } = await preflightOf('gcp', home, {}, env);
    expect(byId('gcp.project')).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining("'My Project'"),
    });
  });

  it('forces the multicast overlay on (GCP VPCs carry no multicast)', async () => {
    const home = emptyHome();
    const key = put(home, 'key.json', GCP_KEY);
    const { resolved } = await preflightOf('gcp', home, { 'gcp-credentials-file': key });
    expect(resolved.tfvars.enable_multicast_overlay).toBe(true);
  });

  it('describes how to look for leftovers by label', async () => {
    const report = await gcp.findLeftovers?.({
      deploymentId: 'exa-abc123',
      tfvars: { gcp_project: 'p-1' },
      secrets: {},
      env: {},
    });
    expect(report).toMatchObject({ checked: false, leftovers: [] });
    expect(report?.method).toContain("--scope projects/p-1 --query 'labels.exasol-deployment=exa-abc123");
  });
});

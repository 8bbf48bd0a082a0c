// The provider block: every setting validated with an error on the attribute, explicit settings beating
// GANETI_* variables (tested with real terraform in tests/integration/tf-provider/features.test.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { ganetiProvider } from '../../../src/tf-provider/provider.ts';

const block = (v: Record<string, unknown>) => ({
  endpoint: null,
  username: null,
  password: null,
  ca_cert: null,
  ca_fingerprint: null,
  insecure: null,
  timeout: null,
  ...v,
});
const saved = { ...process.env };

afterEach(() => {
  for (const k of Object.keys(process.env)) if (k.startsWith('GANETI_')) delete process.env[k];
  Object.assign(process.env, saved);
});

describe('provider settings', () => {
  it('rejects a malformed fingerprint, a missing ca_cert file and a bad timeout on the attribute', () => {
    const diags = ganetiProvider.validate(
      block({ ca_fingerprint: 'md5:zz', timeout: 0, endpoint: 'http://x:5080' }) as never,
    );
    expect(diags.map((d) => [d.summary, d.attribute])).toEqual([
      ['Invalid endpoint', ['endpoint']],
      ['Invalid timeout', ['timeout']],
      ['Invalid ca_fingerprint', ['ca_fingerprint']],
    ]);
    const ca = ganetiProvider.validate(block({ ca_cert: '/nonexistent/rapi.pem' }) as never);
    expect(ca[0]?.detail).toBe(
      'Cannot read ca_cert file /nonexistent/rapi.pem: no such file. Give the PEM text or a readable file.',
    );
    expect(ca[0]?.attribute).toEqual(['ca_cert']);
    const junk = ganetiProvider.validate(block({ ca_cert: '-----BEGIN CERTIFICATE-----\nzz' }) as never);
    expect(junk[0]?.detail).toBe('ca_cert holds no PEM certificate.');
  });

  it('names the variable when a GANETI_* value is malformed, without an attribute', async () => {
    Object.assign(process.env, {
      GANETI_ENDPOINT: 'https://127.0.0.1:1',
      GANETI_USERNAME: 'u',
      GANETI_PASSWORD: 'p',
      GANETI_CA_FINGERPRINT: 'nope',
    });
    const { client, diagnostics } = await ganetiProvider.configure(block({}) as never);
    expect(client).toBeNull();
    expect(diagnostics[0]?.detail).toContain('(from GANETI_CA_FINGERPRINT)');
    expect(diagnostics[0]?.attribute).toBeUndefined();
  });

  it('names each missing setting with its variable', async () => {
    Object.assign(process.env, { GANETI_ENDPOINT: 'https://127.0.0.1:1', GANETI_USERNAME: 'u' });
    delete process.env.GANETI_PASSWORD;
    const missing = await ganetiProvider.configure(block({}) as never);
    expect(missing.diagnostics[0]?.detail).toBe('Missing: password (GANETI_PASSWORD).');
  });
});

// TLS modes against a real TLS server with throwaway certificates: CA chain with host name check,
// pinning of the exact leaf, fingerprint pinning, and what the user reads when verification fails.
import { afterEach, describe, expect, it } from 'vitest';
import { RapiClient } from '../../../src/ganeti/client.ts';
import { GanetiTlsError } from '../../../src/ganeti/errors.ts';
import { normalizeFingerprint } from '../../../src/ganeti/tls.ts';
import type { RapiTls } from '../../../src/ganeti/types.ts';
import { cliFix } from '../../../src/providers/ganeti/rapi-fix.ts';
import { type FakeRapi, json, startFakeRapi } from '../../helpers/fake-rapi.ts';
import { caSignedCert } from '../../helpers/self-signed.ts';

let fake: FakeRapi | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function versionWith(cert: { certPem: string; keyPem: string }, tls: (f: FakeRapi) => RapiTls) {
  fake = await startFakeRapi((_q, res) => json(res, 200, 2), { cert });
  const client = new RapiClient({
    endpoint: fake.endpoint,
    username: 'u',
    password: 'p',
    tls: tls(fake),
    retries: 1,
  });
  return client.version().catch((e: unknown) => e);
}

describe('RAPI TLS verification', () => {
  it('accepts a server certificate signed by the given CA with a matching IP SAN', async () => {
    const pki = caSignedCert('IP:127.0.0.1');
    expect(await versionWith(pki, () => ({ mode: 'ca', caPem: pki.caPem }))).toBe(2);
  });

  it('rejects a CA-signed certificate whose SAN does not name the host, and sends nothing', async () => {
    const pki = caSignedCert('DNS:other.example.org');
    const err = await versionWith(pki, () => ({ mode: 'ca', caPem: pki.caPem }));
    expect(err).toBeInstanceOf(GanetiTlsError);
    expect((err as Error).message).toContain(
      'certificate not accepted with the given CA file: it does not name the host 127.0.0.1 (ERR_TLS_CERT_ALTNAME_INVALID)',
    );
    expect(fake?.requests).toHaveLength(0);
  });

  it('pins the leaf when the CA file is the server certificate itself (Ganeti rapi.pem, no SAN)', async () => {
    const pki = caSignedCert('DNS:other.example.org');
    expect(await versionWith(pki, () => ({ mode: 'ca', caPem: pki.certPem + pki.keyPem }))).toBe(2);
  });

  it('accepts the pinned fingerprint in any notation and rejects another one without sending', async () => {
    const pki = caSignedCert('IP:127.0.0.1');
    const colons = (f: FakeRapi) => `sha256:${f.fingerprint.match(/../g)?.join(':').toLowerCase()}`;
    expect(await versionWith(pki, (f) => ({ mode: 'fingerprint', sha256: colons(f) }))).toBe(2);
    await fake?.close();
    const err = await versionWith(pki, () => ({ mode: 'fingerprint', sha256: 'ab'.repeat(32) }));
    expect((err as GanetiTlsError).serverFingerprint).toBe(fake?.fingerprint);
    expect((err as Error).message).toContain(`The server presents certificate sha256:${fake?.fingerprint}.`);
    expect(fake?.requests).toHaveLength(0);
  });

  it('says which form a fingerprint must have, naming the caller’s input only when told it', () => {
    expect(() => normalizeFingerprint('md5:1234', '--ganeti-ca-fingerprint')).toThrow(
      '--ganeti-ca-fingerprint: not a SHA-256 fingerprint: md5:1234 (accepted: sha256:HEX (64 hex digits, colons allowed))',
    );
    expect(() => normalizeFingerprint('md5:1234')).toThrow(
      /^not a SHA-256 fingerprint: md5:1234 \(accepted: sha256:HEX/,
    );
  });

  it('the client’s TLS error names no CLI flag (the Terraform provider shows it too); init’s fix does', async () => {
    const pki = caSignedCert('IP:127.0.0.1');
    const err = (await versionWith(pki, () => ({
      mode: 'fingerprint',
      sha256: 'ab'.repeat(32),
    }))) as GanetiTlsError;
    expect(`${err.message} ${err.hint}`).not.toContain('--');
    expect(err.message).toContain(`The server presents certificate sha256:${err.serverFingerprint}.`);
    expect(cliFix(err)).toBe(
      `if sha256:${err.serverFingerprint} matches rapi.pem on the master node ` +
        '(openssl x509 -in /var/lib/ganeti/rapi.pem -noout -fingerprint -sha256), ' +
        `pass --ganeti-ca-fingerprint sha256:${err.serverFingerprint}`,
    );
  });
});

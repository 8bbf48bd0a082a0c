// RAPI errors carry facts only; the CLI and the terraform provider each word the fix for their user.
import { describe, expect, it } from 'vitest';
import { GanetiConnectionError, GanetiTlsError } from '../../../src/ganeti/errors.ts';
import { cliFix } from '../../../src/providers/ganeti/rapi-fix.ts';
import { ganetiDiag } from '../../../src/tf-provider/ganeti-errors.ts';

const FP = 'AB'.repeat(32);
const tls = new GanetiTlsError(
  'https://m:5080',
  'certificate fingerprint does not match the pinned sha256:00',
  FP,
);
const conn = new GanetiConnectionError('https://m:5080', 'connection refused');

describe('RAPI error wording per caller', () => {
  it('keeps CLI flags and provider settings out of the client errors', () => {
    for (const err of [tls, conn]) {
      expect(err.message).not.toMatch(/--ganeti|ca_fingerprint|GANETI_/);
      expect(err.hint).toBeUndefined();
    }
    expect(tls.message).toContain(`The server presents certificate sha256:${FP}.`);
  });

  it('words the CLI fix with its flags', () => {
    expect(cliFix(tls)).toMatch(new RegExp(`pass --ganeti-ca-fingerprint sha256:${FP}$`));
    expect(cliFix(new GanetiTlsError('https://m:5080', 'TLS handshake failed'))).toContain(
      '--ganeti-ca-cert FILE',
    );
    expect(cliFix(conn)).toContain('check --ganeti-endpoint');
  });

  it('words the provider fix with its settings and variables', () => {
    const d = ganetiDiag('Cannot read the Ganeti cluster', tls);
    expect(d.detail).toContain(
      `set ca_fingerprint = "sha256:${FP}" in the provider "ganeti" block (or GANETI_CA_FINGERPRINT)`,
    );
    expect(d.detail).not.toContain('--ganeti');
    expect(ganetiDiag('x', conn).detail).toContain('(or GANETI_ENDPOINT)');
  });
});

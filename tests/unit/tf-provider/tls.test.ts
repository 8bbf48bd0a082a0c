import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { handshakeLine } from '../../../src/tf-provider/handshake.ts';
import { makeSelfSignedCert } from '../../../src/tf-provider/tls.ts';

describe('AutoMTLS certificates', () => {
  it.each(['P-256', 'P-521'] as const)(
    '%s: self-signed CA for localhost with server and client auth',
    (curve) => {
      for (let i = 0; i < 10; i++) {
        const c = makeSelfSignedCert(curve);
        const x = new X509Certificate(c.certPem);
        expect(x.ca).toBe(true);
        expect(x.checkHost('localhost')).toBe('localhost');
        expect(x.checkIP('127.0.0.1')).toBe('127.0.0.1');
        expect(x.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2']);
        expect(x.verify(x.publicKey)).toBe(true);
        expect(Buffer.from(c.der).equals(x.raw)).toBe(true);
        expect(c.certPem).not.toMatch(/\n\n/);
      }
    },
  );

  it('puts the DER leaf in the handshake as unpadded standard base64', () => {
    const c = makeSelfSignedCert();
    const field = handshakeLine('unix', '/tmp/s', c.der).trim().split('|')[5] ?? '';
    expect(field).not.toMatch(/=/);
    expect(Buffer.from(field, 'base64').equals(Buffer.from(c.der))).toBe(true);
  });
});

// Fresh self-signed certificates for go-plugin AutoMTLS (server side, and the client side in tests),
// built with node:crypto and a small DER writer.
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { bits, bool, explicit, octets, oid, seq, set, tlv, uint, utcTime, utf8 } from './der.ts';

/** A PEM certificate with its private key and DER bytes. */
export interface SelfSignedCert {
  certPem: string;
  keyPem: string;
  der: Uint8Array;
}

const CURVES = {
  'P-256': { name: 'prime256v1', hash: 'sha256', sigOid: '1.2.840.10045.4.3.2' },
  'P-521': { name: 'secp521r1', hash: 'sha512', sigOid: '1.2.840.10045.4.3.4' },
} as const;

const ext = (id: string, critical: boolean, value: Buffer) =>
  critical ? seq(oid(id), bool(true), octets(value)) : seq(oid(id), octets(value));

/** Creates a certificate for host name `localhost` (CA, server+client auth), as go-plugin's AutoMTLS expects. */
export function makeSelfSignedCert(curve: keyof typeof CURVES = 'P-256'): SelfSignedCert {
  const c = CURVES[curve];
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: c.name });
  const name = seq(set(seq(oid('2.5.4.10'), utf8('HashiCorp'))), set(seq(oid('2.5.4.3'), utf8('localhost'))));
  const serial = randomBytes(16);
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x40;
  const now = Date.now();
  const algorithm = seq(oid(c.sigOid));
  const extensions = seq(
    ext('2.5.29.19', true, seq(bool(true))),
    // digitalSignature | keyEncipherment | keyAgreement | keyCertSign
    ext('2.5.29.15', true, bits(Buffer.from([0xac]), 2)),
    ext('2.5.29.37', false, seq(oid('1.3.6.1.5.5.7.3.1'), oid('1.3.6.1.5.5.7.3.2'))),
    ext('2.5.29.17', false, seq(tlv(0x82, Buffer.from('localhost')), tlv(0x87, Buffer.from([127, 0, 0, 1])))),
  );
  const tbs = seq(
    explicit(0, uint(Buffer.from([2]))),
    uint(serial),
    algorithm,
    name,
    seq(utcTime(new Date(now - 30_000)), utcTime(new Date(now + 30 * 24 * 3600_000))),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, extensions),
  );
  const signature = sign(c.hash, tbs, { key: privateKey, dsaEncoding: 'der' });
  const der = seq(tbs, algorithm, bits(signature));
  const b64 = der
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '');
  return {
    certPem: `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`,
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    der: new Uint8Array(der),
  };
}

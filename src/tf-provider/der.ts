// Minimal DER encoder: just enough ASN.1 to write a self-signed X.509 certificate (fast start-up:
// loading a general X.509 library costs ~0.4 s per provider launch).

/** DER length octets. */
function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** A TLV with the given tag byte. */
export const tlv = (tag: number, ...content: Buffer[]): Buffer => {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
};

/** SEQUENCE. */
export const seq = (...items: Buffer[]) => tlv(0x30, ...items);
/** SET. */
export const set = (...items: Buffer[]) => tlv(0x31, ...items);
/** Context-specific constructed tag [n] (EXPLICIT). */
export const explicit = (n: number, inner: Buffer) => tlv(0xa0 + n, inner);
/** OCTET STRING. */
export const octets = (b: Buffer) => tlv(0x04, b);
/** BIT STRING with the given number of unused bits. */
export const bits = (b: Buffer, unused = 0) => tlv(0x03, Buffer.from([unused]), b);
/** BOOLEAN. */
export const bool = (v: boolean) => tlv(0x01, Buffer.from([v ? 0xff : 0x00]));
/** UTF8String. */
export const utf8 = (s: string) => tlv(0x0c, Buffer.from(s, 'utf8'));
/** UTCTime (years 1950–2049). */
export const utcTime = (d: Date) =>
  tlv(0x17, Buffer.from(`${d.toISOString().slice(2, 19).replace(/[-:T]/g, '')}Z`));

/** INTEGER from unsigned big-endian bytes (minimal, positive). */
export function uint(b: Buffer): Buffer {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  const v = b.subarray(i);
  return tlv(0x02, (v[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), v]) : v);
}

/** OBJECT IDENTIFIER from dotted form. */
export function oid(dotted: string): Buffer {
  const [a = 0, b = 0, ...rest] = dotted.split('.').map(Number);
  const out = [40 * a + b];
  for (const arc of rest) {
    const chunk = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80);
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}

// The export file format: a gzipped JSON file list, encrypted with AES-256-GCM under a scrypt key.
// Layout: header (48 bytes, plaintext, authenticated as GCM additional data) | ciphertext | GCM tag (16).
// Header: magic "EXAEXPRT" | format version u16 | kdf id u8 (1 = scrypt) | log2 N u8 | r u32 | p u32 |
// salt (16) | iv (12); integers big-endian.
import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { ExasolError } from '../errors.ts';
import { hasControlChar } from '../options/parsers.ts';

/** One file of an archive: path relative to the deployment directory (posix), its mode, its bytes. */
export interface ArchiveEntry {
  path: string;
  mode: number;
  data: Buffer;
}

/** scrypt cost parameters, recorded in the header so later versions can raise them. */
export interface KdfParams {
  log2N: number;
  r: number;
  p: number;
}

export const FORMAT_VERSION = 1;
export const DEFAULT_KDF: KdfParams = { log2N: 15, r: 8, p: 1 };
const MAGIC = Buffer.from('EXAEXPRT', 'ascii');
const KDF_SCRYPT = 1;
const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = MAGIC.length + 2 + 1 + 1 + 4 + 4 + SALT_BYTES + IV_BYTES;
/** Largest export file read (a deployment directory is a few megabytes). */
export const MAX_ARCHIVE_BYTES = 64 * 1024 * 1024;
/** Largest unpacked payload accepted. */
export const MAX_PAYLOAD_BYTES = 256 * 1024 * 1024;

/** The one-line refusal of an input over `limit` bytes. */
export function tooLarge(file: string, what: string, limit: number): ExasolError {
  return new ExasolError(
    'E_IMPORT_TOO_LARGE',
    `${file} is too large: ${what} more than ${+(limit / (1024 * 1024)).toFixed(2)} MiB (an export of a deployment is a few MiB)`,
  );
}

function deriveKey(passphrase: string, salt: Buffer, kdf: KdfParams): Promise<Buffer> {
  const N = 2 ** kdf.log2N;
  return new Promise((resolve, reject) =>
    scrypt(
      passphrase.normalize('NFC'),
      salt,
      32,
      { N, r: kdf.r, p: kdf.p, maxmem: 256 * N * kdf.r + 1024 * 1024 },
      (err, key) => (err ? reject(err) : resolve(key)),
    ),
  );
}

function encodeHeader(kdf: KdfParams, salt: Buffer, iv: Buffer): Buffer {
  const h = Buffer.alloc(HEADER_BYTES);
  let o = MAGIC.copy(h, 0);
  o = h.writeUInt16BE(FORMAT_VERSION, o);
  o = h.writeUInt8(KDF_SCRYPT, o);
  o = h.writeUInt8(kdf.log2N, o);
  o = h.writeUInt32BE(kdf.r, o);
  o = h.writeUInt32BE(kdf.p, o);
  o += salt.copy(h, o);
  iv.copy(h, o);
  return h;
}

/** Fails unless `path` is a plain relative posix path that stays inside the directory it is restored to. */
export function checkArchivePath(path: string, file: string): void {
  const parts = path.split('/');
  if (
    path === '' ||
    path.startsWith('/') ||
    path.includes('\\') ||
    hasControlChar(path) ||
    parts.some((p) => p === '' || p === '.' || p === '..')
  )
    throw new ExasolError(
      'E_IMPORT_UNSAFE_PATH',
      `${file} contains the unsafe path ${JSON.stringify(path)} (absolute, '..', control characters or not normalised); nothing was imported`,
    );
}

/** Encrypts `entries` with `passphrase` into the bytes of an export file. */
export async function sealArchive(
  entries: readonly ArchiveEntry[],
  passphrase: string,
  kdf: KdfParams = DEFAULT_KDF,
): Promise<Buffer> {
  const payload = JSON.stringify(
    entries.map((e) => ({ path: e.path, mode: e.mode, data: e.data.toString('base64') })),
  );
  const salt = randomBytes(SALT_BYTES);
  const iv = randomBytes(IV_BYTES);
  const header = encodeHeader(kdf, salt, iv);
  const key = await deriveKey(passphrase, salt, kdf);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(header);
  const body = Buffer.concat([cipher.update(gzipSync(payload)), cipher.final()]);
  return Buffer.concat([header, body, cipher.getAuthTag()]);
}

/** Decrypts and unpacks an export file; `file` names it in messages. Every path is checked. Only the
 * scrypt cost export writes (`accepted`) is tried: the header must not choose how much work we do. */
export async function openArchive(
  data: Buffer,
  passphrase: string,
  file: string,
  limits: { kdf?: KdfParams; maxPayloadBytes?: number } = {},
): Promise<ArchiveEntry[]> {
  const accepted = limits.kdf ?? DEFAULT_KDF;
  if (data.length < MAGIC.length || !data.subarray(0, MAGIC.length).equals(MAGIC))
    throw new ExasolError('E_IMPORT_NOT_EXPORT', `${file} is not an exasol export file`, {
      hint: "create one with 'exasol export --output FILE'",
    });
  if (data.length < HEADER_BYTES + TAG_BYTES)
    throw new ExasolError('E_IMPORT_TRUNCATED', `${file} is truncated (${data.length} bytes)`);
  const header = data.subarray(0, HEADER_BYTES);
  const version = header.readUInt16BE(MAGIC.length);
  if (version !== FORMAT_VERSION)
    throw new ExasolError(
      'E_IMPORT_VERSION',
      `${file} has export format version ${version}; this exasol reads version ${FORMAT_VERSION}`,
      { hint: 'import it with the exasol version that exported it, or a newer one' },
    );
  const kdfId = header.readUInt8(MAGIC.length + 2);
  const kdf: KdfParams = {
    log2N: header.readUInt8(MAGIC.length + 3),
    r: header.readUInt32BE(MAGIC.length + 4),
    p: header.readUInt32BE(MAGIC.length + 8),
  };
  const salt = header.subarray(MAGIC.length + 12, MAGIC.length + 12 + SALT_BYTES);
  const iv = header.subarray(HEADER_BYTES - IV_BYTES);
  const cannotDecrypt = (cause?: unknown) =>
    new ExasolError(
      'E_IMPORT_DECRYPT',
      `cannot decrypt ${file}: wrong EXASOL_EXPORT_PASSPHRASE or the file was changed (the two cannot be told apart)`,
      { cause },
    );
  // Changed parameters would also fail authentication; refusing them first avoids a huge scrypt run.
  if (kdfId !== KDF_SCRYPT || kdf.log2N !== accepted.log2N || kdf.r !== accepted.r || kdf.p !== accepted.p)
    throw cannotDecrypt();
  let packed: Buffer;
  try {
    const key = await deriveKey(passphrase, salt, kdf);
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(header);
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    packed = Buffer.concat([
      decipher.update(data.subarray(HEADER_BYTES, data.length - TAG_BYTES)),
      decipher.final(),
    ]);
  } catch (err) {
    throw cannotDecrypt(err);
  }
  return parsePayload(packed, file, limits.maxPayloadBytes ?? MAX_PAYLOAD_BYTES);
}

function parsePayload(packed: Buffer, file: string, maxBytes: number): ArchiveEntry[] {
  const corrupt = (what: string, cause?: unknown) =>
    new ExasolError('E_IMPORT_CORRUPT', `${file} decrypted but its content is invalid: ${what}`, { cause });
  let list: unknown;
  try {
    list = JSON.parse(gunzipSync(packed, { maxOutputLength: maxBytes }).toString('utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
      throw tooLarge(file, 'unpacked it holds', maxBytes);
    throw corrupt('not a gzipped JSON file list', err);
  }
  if (!Array.isArray(list)) throw corrupt('not a file list');
  const seen = new Set<string>();
  const entries = list.map((raw: unknown) => {
    const e = raw as { path?: unknown; mode?: unknown; data?: unknown };
    if (typeof e?.path !== 'string' || typeof e.mode !== 'number' || typeof e.data !== 'string')
      throw corrupt('an entry lacks path, mode or data');
    checkArchivePath(e.path, file);
    if (seen.has(e.path)) throw corrupt(`${e.path} appears twice`);
    seen.add(e.path);
    return { path: e.path, mode: e.mode, data: Buffer.from(e.data, 'base64') };
  });
  for (const { path } of entries) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++)
      if (seen.has(parts.slice(0, i).join('/')))
        throw corrupt(`${path} lies below the file ${parts.slice(0, i).join('/')}`);
  }
  return entries;
}

// The export file format: what comes out is what went in, and any change to any byte is refused.
import { describe, expect, it } from 'vitest';
import {
  type ArchiveEntry,
  checkArchivePath,
  DEFAULT_KDF,
  MAX_PAYLOAD_BYTES,
  openArchive,
  sealArchive,
} from '../../../src/archive/sealed-archive.ts';

// The smallest cost the reader accepts keeps the byte-by-byte tests fast; the CLI uses DEFAULT_KDF.
const FAST = { log2N: 10, r: 8, p: 1 };
const entries: ArchiveEntry[] = [
  { path: '.exasol.json', mode: 0o600, data: Buffer.from('{"schema":"exasol-deployer/state"}\n') },
  { path: 'ssh/id_ed25519', mode: 0o600, data: Buffer.from([0, 1, 2, 255, 254, 10]) },
  { path: 'terraform.tfstate', mode: 0o644, data: Buffer.alloc(0) },
];
const message = async (p: Promise<unknown>) =>
  p.then(
    () => 'opened',
    (err: Error & { code?: string }) => `${err.code}: ${err.message}`,
  );

describe('sealed archive', () => {
  it('opens what it sealed, byte for byte, with the default scrypt cost recorded in the header', async () => {
    const sealed = await sealArchive(entries, 'correct horse');
    expect(sealed.subarray(0, 8).toString('ascii')).toBe('EXAEXPRT');
    expect(sealed.readUInt16BE(8)).toBe(1);
    expect([sealed.readUInt8(11), sealed.readUInt32BE(12), sealed.readUInt32BE(16)]).toEqual([
      DEFAULT_KDF.log2N,
      DEFAULT_KDF.r,
      DEFAULT_KDF.p,
    ]);
    expect(await openArchive(sealed, 'correct horse', 'x.exa')).toEqual(entries);
    expect(sealed.includes(Buffer.from('exasol-deployer/state'))).toBe(false);
  });

  it('uses a fresh salt and IV each time', async () => {
    const [a, b] = await Promise.all([sealArchive(entries, 'pw', FAST), sealArchive(entries, 'pw', FAST)]);
    expect(a.subarray(20, 48).equals(b.subarray(20, 48))).toBe(false);
  });

  it('refuses a wrong passphrase with the one message that also covers a changed file', async () => {
    const sealed = await sealArchive(entries, 'right', FAST);
    expect(await message(openArchive(sealed, 'wrong', 'x.exa', { kdf: FAST }))).toBe(
      'E_IMPORT_DECRYPT: cannot decrypt x.exa: wrong EXASOL_EXPORT_PASSPHRASE or the file was changed (the two cannot be told apart)',
    );
  });

  it('refuses the file when any single byte of header, body or tag is flipped', async () => {
    const sealed = await sealArchive(entries, 'pw', FAST);
    const outcomes = new Map<string, number>();
    for (let i = 0; i < sealed.length; i++) {
      const bad = Buffer.from(sealed);
      bad[i] = (bad[i] ?? 0) ^ 0x01;
      const m = await message(openArchive(bad, 'pw', 'x.exa', { kdf: FAST }));
      const code = m.split(':')[0] ?? m;
      outcomes.set(code, (outcomes.get(code) ?? 0) + 1);
    }
    expect(outcomes.has('opened')).toBe(false);
    // magic → not an export; version → unknown version; every other byte fails authentication
    expect(Object.fromEntries(outcomes)).toEqual({
      E_IMPORT_NOT_EXPORT: 8,
      E_IMPORT_VERSION: 2,
      E_IMPORT_DECRYPT: sealed.length - 10,
    });
  }, 60_000);

  it('names a file that is no export, an unknown format version and a truncated file', async () => {
    const sealed = await sealArchive(entries, 'pw', FAST);
    expect(
      await message(openArchive(Buffer.from('{"not":"an export"}'), 'pw', 'a.json', { kdf: FAST })),
    ).toBe('E_IMPORT_NOT_EXPORT: a.json is not an exasol export file');
    const v2 = Buffer.from(sealed);
    v2.writeUInt16BE(2, 8);
    expect(await message(openArchive(v2, 'pw', 'v2.exa', { kdf: FAST }))).toBe(
      'E_IMPORT_VERSION: v2.exa has export format version 2; this exasol reads version 1',
    );
    expect(await message(openArchive(sealed.subarray(0, 40), 'pw', 't.exa', { kdf: FAST }))).toBe(
      'E_IMPORT_TRUNCATED: t.exa is truncated (40 bytes)',
    );
    expect(
      await message(openArchive(sealed.subarray(0, sealed.length - 1), 'pw', 't.exa', { kdf: FAST })),
    ).toMatch(/^E_IMPORT_DECRYPT: cannot decrypt t\.exa/);
  });

  it('refuses unsafe paths inside an authentic archive', async () => {
    for (const path of ['../x', '/etc/passwd', 'a/../../x', 'a//b', './a', 'a\\..\\b', '']) {
      const sealed = await sealArchive([{ path, mode: 0o600, data: Buffer.from('x') }], 'pw', FAST);
      expect(await message(openArchive(sealed, 'pw', 'evil.exa', { kdf: FAST }))).toMatch(
        /^E_IMPORT_UNSAFE_PATH: evil\.exa contains the unsafe path/,
      );
    }
  });

  it('refuses an archive whose files collide (twice the same path, a file used as a folder)', async () => {
    const twice = await sealArchive([entries[0] as ArchiveEntry, entries[0] as ArchiveEntry], 'pw', FAST);
    expect(await message(openArchive(twice, 'pw', 'd.exa', { kdf: FAST }))).toMatch(
      /^E_IMPORT_CORRUPT: .*appears twice/,
    );
    const nested = await sealArchive(
      [
        { path: 'ssh', mode: 0o600, data: Buffer.from('x') },
        { path: 'ssh/key', mode: 0o600, data: Buffer.from('x') },
      ],
      'pw',
      FAST,
    );
    expect(await message(openArchive(nested, 'pw', 'n.exa', { kdf: FAST }))).toMatch(
      /ssh\/key lies below the file ssh/,
    );
  });

  it.each([
    ['a cost raised to log2N 20 (seconds and a gigabyte of scrypt)', { log2N: 20, r: 8, p: 1 }],
    ['r raised to 32', { log2N: 15, r: 32, p: 1 }],
    ['p raised to 16', { log2N: 15, r: 8, p: 16 }],
    ['a lowered cost (log2N 10)', { log2N: 10, r: 8, p: 1 }],
  ])('refuses a header asking for %s before deriving any key', async (_what, kdf) => {
    // Sealed with the default cost, then only the header's parameters are changed: the reader must
    // refuse without running scrypt on them (which would take far longer than this test allows).
    const sealed = await sealArchive(entries, 'pw');
    sealed.writeUInt8(kdf.log2N, 11);
    sealed.writeUInt32BE(kdf.r, 12);
    sealed.writeUInt32BE(kdf.p, 16);
    const started = process.hrtime.bigint();
    expect(await message(openArchive(sealed, 'pw', 'k.exa'))).toMatch(
      /^E_IMPORT_DECRYPT: cannot decrypt k\.exa/,
    );
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(5_000);
  });

  it('refuses a payload that unpacks to more than the limit, in one line', async () => {
    // Highly compressible: a few hundred KiB sealed, over the unpacked limit once gunzipped.
    const big = { path: 'terraform.tfstate', mode: 0o600, data: Buffer.alloc(MAX_PAYLOAD_BYTES * 0.76) };
    const sealed = await sealArchive([big], 'pw', FAST);
    expect(sealed.length).toBeLessThan(2 * 1024 * 1024);
    expect(await message(openArchive(sealed, 'pw', 'bomb.exa', { kdf: FAST }))).toBe(
      'E_IMPORT_TOO_LARGE: bomb.exa is too large: unpacked it holds more than 256 MiB (an export of a deployment is a few MiB)',
    );
  }, 60_000);

  it('accepts names that merely start with dots', () => {
    expect(() => checkArchivePath('..hidden', 'f')).not.toThrow();
    expect(() => checkArchivePath('.terraform.lock.hcl', 'f')).not.toThrow();
    expect(() => checkArchivePath('a/..b/c', 'f')).not.toThrow();
  });
});

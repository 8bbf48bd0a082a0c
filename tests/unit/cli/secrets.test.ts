// Passwords and SSH keys: generated safely, read from env/file, validated.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatePassword, resolvePasswords } from '../../../src/secrets/passwords.ts';
import { generateSshKeyPair } from '../../../src/secrets/ssh-key.ts';

describe('secrets', () => {
  it('generates distinct alphanumeric passwords', () => {
    const a = generatePassword();
    expect(a).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(generatePassword()).not.toBe(a);
  });

  it('rejects unusable passwords naming their source', async () => {
    await expect(resolvePasswords({}, { EXASOL_DB_PASSWORD: 'short' })).rejects.toThrow(
      'EXASOL_DB_PASSWORD: password shorter than 8 characters',
    );
    const f = join(mkdtempSync(join(tmpdir(), 'exa-pw-')), 'pw');
    writeFileSync(f, 'has "quote"');
    await expect(resolvePasswords({ host: f }, {})).rejects.toThrow(
      /--host-password-file: password contains whitespace, quotes/,
    );
    await expect(resolvePasswords({ db: '/nonexistent/pw' }, {})).rejects.toThrow(
      '--db-password-file: cannot read /nonexistent/pw: ENOENT',
    );
  });

  it('writes an ed25519 key OpenSSH can read, matching its public key', () => {
    const k = generateSshKeyPair('exasol-test');
    const f = join(mkdtempSync(join(tmpdir(), 'exa-key-')), 'id');
    writeFileSync(f, k.privateKey, { mode: 0o600 });
    const derived = execFileSync('ssh-keygen', ['-y', '-f', f], { encoding: 'utf8' }).trim();
    expect(k.publicKey).toBe(`${derived.split(' ').slice(0, 2).join(' ')} exasol-test`);
  });
});

// Database, Admin UI and host passwords: generated, or read from the environment or a file.
import { randomInt } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { UsageError } from '../errors.ts';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** A random password of letters and digits (no look-alikes), safe in any config format. */
export function generatePassword(length = 20): string {
  return Array.from({ length }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}

/** The three cluster passwords. */
export interface ClusterPasswords {
  db: string;
  adminUi: string;
  host: string;
}

const SOURCES = [
  { key: 'db', env: 'EXASOL_DB_PASSWORD', flag: '--db-password-file' },
  { key: 'adminUi', env: 'EXASOL_ADMINUI_PASSWORD', flag: '--adminui-password-file' },
  { key: 'host', env: 'EXASOL_HOST_PASSWORD', flag: '--host-password-file' },
] as const;

/** Resolves each password: file flag, then environment, then generated. */
export async function resolvePasswords(
  files: Partial<Record<keyof ClusterPasswords, string>>,
  env: NodeJS.ProcessEnv,
): Promise<ClusterPasswords> {
  const out: Partial<ClusterPasswords> = {};
  for (const s of SOURCES) {
    const file = files[s.key];
    let value: string | undefined;
    if (file) {
      value = await readFile(file, 'utf8').then(
        (t) => t.replace(/\r?\n$/, ''),
        (err: NodeJS.ErrnoException) => {
          throw new UsageError(`cannot read ${file}: ${err.code ?? 'error'}`, { flag: s.flag, cause: err });
        },
      );
    } else {
      value = env[s.env];
    }
    if (value !== undefined) checkPassword(value, file ? s.flag : s.env);
    out[s.key] = value ?? generatePassword();
  }
  return out as ClusterPasswords;
}

function checkPassword(value: string, source: string): void {
  if (value.length < 8) throw new UsageError('password shorter than 8 characters', { flag: source });
  if (/[\s'"\\]/.test(value))
    throw new UsageError('password contains whitespace, quotes or backslashes', {
      flag: source,
      accepted: 'printable characters except whitespace, quotes and \\',
    });
}

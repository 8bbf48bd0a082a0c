// Validators for flag values; each throws a one-line UsageError naming the flag and what is accepted.
import { UsageError } from '../errors.ts';

import type { Parser } from './flag-spec.ts';

/** Integer within [min, max]. */
export function intInRange(min: number, max: number): Parser<number> {
  return (raw, flag) => {
    const text = raw.trim();
    if (!/^\d+$/.test(text)) {
      throw new UsageError(`'${raw}' is not a whole number`, { flag, accepted: `${min}..${max}` });
    }
    const n = Number(text);
    if (n < min || n > max)
      throw new UsageError(`${n} is out of range`, { flag, accepted: `${min}..${max}` });
    return n;
  };
}

/** One of a fixed set of values (typed as that set). */
export function oneOf<T extends string>(values: readonly T[]): Parser<T> {
  return (raw, flag) => {
    const hit = values.find((v) => v === raw);
    if (hit === undefined)
      throw new UsageError(`unknown value '${raw}'`, { flag, accepted: values.join(', ') });
    return hit;
  };
}

/** Matches a pattern; `accepted` describes it for people. */
export function matching(pattern: RegExp, accepted: string): Parser<string> {
  return (raw, flag) => {
    if (!pattern.test(raw)) throw new UsageError(`invalid value '${printable(raw)}'`, { flag, accepted });
    return raw;
  };
}

/** An https:// URL with a host. */
export const httpsUrl: Parser<string> = (raw, flag) => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`'${printable(raw)}' is not a URL`, { flag, accepted: 'https://HOST[:PORT]' });
  }
  if (url.protocol !== 'https:' || !url.hostname) {
    throw new UsageError(`'${printable(raw)}' is not an https URL`, {
      flag,
      accepted: 'https://HOST[:PORT]',
    });
  }
  return raw.replace(/\/+$/, '');
};

/** An IPv4 CIDR such as 203.0.113.0/24. */
export const ipv4Cidr: Parser<string> = (raw, flag) => {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(raw.trim());
  const ok = m?.slice(1, 5).every((o) => Number(o) <= 255) && Number(m?.[5]) <= 32;
  if (!m || !ok)
    throw new UsageError(`'${printable(raw)}' is not an IPv4 CIDR`, { flag, accepted: 'A.B.C.D/N' });
  return raw.trim();
};

/** A readable file path (checked when used); rejects empty strings and newlines. */
export const filePath: Parser<string> = (raw, flag) => {
  if (!raw || /[\r\n]/.test(raw))
    throw new UsageError('empty or multi-line path', { flag, accepted: 'a file path' });
  return raw;
};

/** KEY=VALUE pair (repeatable flags collect them). */
export const keyValue: Parser<string> = (raw, flag) => {
  if (!/^[A-Za-z0-9_.-]+=[^\r\n]*$/.test(raw)) {
    throw new UsageError(`'${printable(raw)}' is not KEY=VALUE`, {
      flag,
      accepted: 'KEY=VALUE, KEY of [A-Za-z0-9_.-]',
    });
  }
  return raw;
};

/** Shows control characters visibly in error messages so the line stays one line. */
export function printable(raw: string): string {
  return JSON.stringify(raw).slice(1, -1);
}

/** True when `raw` holds a control character (C0 or DEL): never one line of a config or a terminal. */
export function hasControlChar(raw: string): boolean {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

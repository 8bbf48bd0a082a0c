import { ExtData, encode } from '@msgpack/msgpack';
import { describe, expect, it } from 'vitest';
import {
  type CtyType,
  containsUnknown,
  decodeValue,
  encodeValue,
  fromJson,
  UNKNOWN,
  type Value,
} from '../../../src/tf-provider/codec.ts';

const T: CtyType = [
  'object',
  { id: 'string', n: 'number', ok: 'bool', tags: ['set', 'string'], m: ['map', 'string'] },
];

describe('cty msgpack codec', () => {
  it('encodes unknown as extension type 0 with one zero byte (d4 00 00)', () => {
    expect(encodeValue('string', UNKNOWN).toString('hex')).toBe('d40000');
  });

  it('encodes every object attribute, missing ones as nil', () => {
    const bytes = encodeValue(T, { id: 'x' });
    expect(decodeValue(T, bytes)).toEqual({ id: 'x', n: null, ok: null, tags: null, m: null });
    expect(bytes.subarray(0, 1).toString('hex')).toBe('85');
  });

  it('round-trips nested values and unknowns', () => {
    const v: Value = { id: UNKNOWN, n: 1.5, ok: true, tags: ['a', 'b'], m: { k: 'v', u: UNKNOWN } };
    expect(decodeValue(T, encodeValue(T, v))).toEqual(v);
  });

  it('decodes any extension type (refined unknown, type 12) as unknown', () => {
    const bytes = encode({ id: new ExtData(12, encode({ 1: false })), n: 1, ok: false, tags: [], m: {} });
    expect(decodeValue(T, bytes)).toMatchObject({ id: UNKNOWN });
  });

  it('decodes numbers sent as strings (arbitrary precision) and empty bytes as null', () => {
    expect(decodeValue('number', encode('12345678901234'))).toBe(12345678901234);
    expect(decodeValue(T, new Uint8Array())).toBeNull();
  });

  it('decodes a dynamic value from its [type JSON, value] pair', () => {
    expect(decodeValue('dynamic', encode([Buffer.from('"number"'), 7]))).toBe(7);
  });

  it('reads state JSON with missing attributes as null', () => {
    expect(fromJson(T, { id: 'a', extra: 1 })).toEqual({ id: 'a', n: null, ok: null, tags: null, m: null });
  });

  it('finds unknowns deep inside values', () => {
    expect(containsUnknown({ a: [{ b: UNKNOWN }] })).toBe(true);
    expect(containsUnknown({ a: [{ b: null }] })).toBe(false);
  });
});

// Schema-driven cty values over msgpack, the DynamicValue encoding of the Terraform plugin protocol.
// Unknown values travel as msgpack extension type 0 (`d4 00 00`); any extension type decodes as unknown.
import { decode, Encoder, ExtData } from '@msgpack/msgpack';

/** Marker of a value that is not known until apply. */
export const UNKNOWN: unique symbol = Symbol('unknown');
/** Type of the unknown marker. */
export type Unknown = typeof UNKNOWN;

/** A cty type in its JSON form, as sent in schema attribute `type` bytes. */
export type CtyType =
  | 'string'
  | 'number'
  | 'bool'
  | 'dynamic'
  | readonly ['list' | 'set' | 'map', CtyType]
  | readonly ['object', Readonly<Record<string, CtyType>>]
  | readonly ['tuple', readonly CtyType[]];

/** A decoded cty value: null, primitives, unknown, lists/sets/tuples as arrays, maps/objects as records. */
export type Value = null | string | number | boolean | Unknown | Value[] | ObjectValue;
/** An object or map value. */
export type ObjectValue = { [key: string]: Value };

/** True when a value is a record (object or map), not an array or primitive. */
export function isObject(v: Value | undefined): v is ObjectValue {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** True when the value or anything inside it is unknown. */
export function containsUnknown(v: Value | undefined): boolean {
  if (v === UNKNOWN) return true;
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (isObject(v)) return Object.values(v).some(containsUnknown);
  return false;
}

const encoder = new Encoder({ ignoreUndefined: false });
const unknownExt = new ExtData(0, new Uint8Array([0]));

/** Encodes a value of the given type as msgpack bytes (every object attribute present, null as nil). */
export function encodeValue(type: CtyType, value: Value | undefined): Buffer {
  const bytes = encoder.encode(toWire(type, value ?? null));
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function toWire(type: CtyType, v: Value): unknown {
  if (v === UNKNOWN) return unknownExt;
  if (v === null) return null;
  if (typeof type === 'string') {
    if (type === 'dynamic') throw new TypeError('dynamic values are not supported by this provider');
    if (type === 'number') return typeof v === 'number' ? v : Number(v);
    if (type === 'bool') return Boolean(v);
    return typeof v === 'string' ? v : String(v);
  }
  const [kind, inner] = type;
  if (kind === 'object') {
    const obj = isObject(v) ? v : {};
    return Object.fromEntries(Object.entries(inner).map(([k, t]) => [k, toWire(t, obj[k] ?? null)]));
  }
  if (kind === 'map') {
    const obj = isObject(v) ? v : {};
    return Object.fromEntries(Object.entries(obj).map(([k, item]) => [k, toWire(inner, item)]));
  }
  const arr = Array.isArray(v) ? v : [];
  if (kind === 'tuple') return arr.map((item, i) => toWire(inner[i] ?? 'dynamic', item));
  return arr.map((item) => toWire(inner, item));
}

/** Decodes msgpack bytes of the given type; empty bytes decode as null. */
export function decodeValue(type: CtyType, bytes: Uint8Array | undefined | null): Value {
  if (!bytes || bytes.length === 0) return null;
  return fromWire(type, decode(bytes));
}

/** Converts a JSON value (state file form) of the given type to a Value; missing attributes become null. */
export function fromJson(type: CtyType, json: unknown): Value {
  return fromWire(type, json);
}

function fromWire(type: CtyType, raw: unknown): Value {
  if (raw instanceof ExtData) return UNKNOWN;
  if (raw === null || raw === undefined) return null;
  if (typeof type === 'string') {
    if (type === 'number') return typeof raw === 'bigint' ? Number(raw) : Number(raw as number | string);
    if (type === 'bool') return raw === true;
    if (type === 'string') return String(raw);
    if (Array.isArray(raw) && raw.length === 2) return fromWire(parseType(raw[0]), raw[1]);
    return null;
  }
  const [kind, inner] = type;
  if (kind === 'object') {
    const obj = (typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
    return Object.fromEntries(Object.entries(inner).map(([k, t]) => [k, fromWire(t, obj[k])]));
  }
  if (kind === 'map') {
    const obj = raw as Record<string, unknown>;
    return Object.fromEntries(Object.entries(obj).map(([k, item]) => [k, fromWire(inner, item)]));
  }
  const arr = Array.isArray(raw) ? raw : [];
  if (kind === 'tuple') return arr.map((item, i) => fromWire(inner[i] ?? 'dynamic', item));
  return arr.map((item) => fromWire(inner, item));
}

function parseType(raw: unknown): CtyType {
  const text = raw instanceof Uint8Array ? Buffer.from(raw).toString('utf8') : String(raw);
  return JSON.parse(text) as CtyType;
}

import { utf8 } from './_internal/bytes.js';
import { pointer } from './_internal/pointer.js';
import { GdsCryptoError } from './errors.js';

const MAX_DEPTH = 1000;

/** A value {@link canonicalize} accepts: JSON data as plain objects, arrays and primitives. */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | JsonValue[]
  | { [key: string]: JsonValue | undefined };

// With the `u` flag a well-formed surrogate pair is one code point outside this range, so only a lone
// surrogate matches.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * RFC 8785 (JSON Canonicalization Scheme) text of a value: members sorted by the UTF-16 code units of
 * their names, no whitespace, numbers as ECMAScript `Number::toString`, strings escaped as
 * `JSON.stringify` does. Refuses what JCS forbids or cannot represent faithfully, throwing
 * `GdsCryptoError`: NaN and infinities (`GDS_CRYPTO_JSON_NON_FINITE`), lone surrogates in strings or
 * names (`GDS_CRYPTO_JSON_LONE_SURROGATE`), `bigint`, functions, symbols, class instances such as `Date`
 * or `Uint8Array`, `undefined` inside arrays, and cycles (`GDS_CRYPTO_JSON_UNSUPPORTED_TYPE`). Object
 * members whose value is `undefined` are left out, as `JSON.stringify` does. Numbers are already IEEE
 * doubles here, so nothing is rounded; integers too large for a double are refused where they appear, in
 * {@link parseJson}.
 *
 * @example
 * ```ts
 * import { canonicalize } from '@gds/crypto';
 * canonicalize({ b: [1, 2.50, -0], a: 'é' }); // '{"a":"é","b":[1,2.5,0]}'
 * ```
 */
export function canonicalize(value: unknown): string {
  return write(value, []);
}

/**
 * The UTF-8 bytes of {@link canonicalize}: what GDS signs and hashes.
 *
 * @example
 * ```ts
 * import { canonicalizeToBytes, sha256 } from '@gds/crypto';
 * const digest = sha256(canonicalizeToBytes({ id: '1', name: '张三' }));
 * ```
 */
export function canonicalizeToBytes(value: unknown): Uint8Array {
  return utf8(write(value, []));
}

function write(v: unknown, path: (string | number)[]): string {
  switch (typeof v) {
    case 'string':
      if (LONE_SURROGATE.test(v)) throw loneSurrogate(path);
      return JSON.stringify(v);
    case 'number':
      if (!Number.isFinite(v)) {
        throw new GdsCryptoError(
          'GDS_CRYPTO_JSON_NON_FINITE',
          `JSON 不能表示 ${String(v)}，位置 ${pointer(path)}`,
          `JSON cannot represent ${String(v)}, at ${pointer(path)}`,
        );
      }
      // Doubles from 2^53 up to 1e21 print as plain integers that parseJson would refuse as unsafe
      // (their text stands for integers a double cannot hold); from 1e21 on they print in exponent form.
      if ((v > Number.MAX_SAFE_INTEGER || v < -Number.MAX_SAFE_INTEGER) && v < 1e21 && v > -1e21) {
        throw new GdsCryptoError(
          'GDS_CRYPTO_JSON_UNSAFE_INTEGER',
          `整数 ${String(v)} 超出 ±(2^53-1)，已不精确；请以字符串传递，位置 ${pointer(path)}`,
          `integer ${String(v)} is beyond ±(2^53-1) and not exact; send it as a string, at ${pointer(path)}`,
        );
      }
      // -0 serialises as 0 (ES Number::toString); every other finite double as toString does.
      return v === 0 ? '0' : String(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'object': {
      if (v === null) return 'null';
      // A cycle shows up as unbounded depth; checking depth costs less than tracking visited objects.
      if (path.length > MAX_DEPTH) throw unsupported('nested too deep, or cyclic', path);
      if (Array.isArray(v)) return writeArray(v, path);
      const proto = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) {
        throw unsupported((v as object).constructor?.name ?? 'object', path);
      }
      return writeObject(v as Record<string, unknown>, path);
    }
    default:
      throw unsupported(typeof v, path);
  }
}

function writeArray(a: unknown[], path: (string | number)[]): string {
  let out = '[';
  for (let i = 0; i < a.length; i++) {
    const item = a[i];
    path.push(i);
    if (item === undefined) throw unsupported('undefined', path);
    out += (i === 0 ? '' : ',') + write(item, path);
    path.pop();
  }
  return `${out}]`;
}

function writeObject(o: Record<string, unknown>, path: (string | number)[]): string {
  // Array.prototype.sort compares strings by UTF-16 code units, exactly as RFC 8785 section 3.2.3 asks.
  const keys = Object.keys(o).sort();
  let out = '{';
  let first = true;
  for (const k of keys) {
    const item = o[k];
    if (item === undefined) continue;
    path.push(k);
    if (LONE_SURROGATE.test(k)) throw loneSurrogate(path);
    out += (first ? '' : ',') + JSON.stringify(k) + ':' + write(item, path);
    first = false;
    path.pop();
  }
  return `${out}}`;
}

function loneSurrogate(path: (string | number)[]): GdsCryptoError {
  return new GdsCryptoError(
    'GDS_CRYPTO_JSON_LONE_SURROGATE',
    `字符串含有孤立的代理项，不是合法的 Unicode，位置 ${pointer(path)}`,
    `string contains a lone surrogate and is not valid Unicode, at ${pointer(path)}`,
  );
}

function unsupported(what: string, path: (string | number)[]): GdsCryptoError {
  return new GdsCryptoError(
    'GDS_CRYPTO_JSON_UNSUPPORTED_TYPE',
    `无法规范化为 JSON 的值（${what}），位置 ${pointer(path)}`,
    `value cannot be canonicalised as JSON (${what}), at ${pointer(path)}`,
  );
}

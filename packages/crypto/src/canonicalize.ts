import { utf8 } from './_internal/bytes.js';
import { pointer } from './_internal/pointer.js';
import { sortKeys } from './_internal/sortKeys.js';
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
  try {
    return write(value, 0);
  } catch (e) {
    throw e instanceof Located ? e.toError() : e;
  }
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
  return utf8(canonicalize(value));
}

// Errors carry their location outwards: each level prepends its key while unwinding, so the hot path
// keeps no path array (try/catch costs nothing in V8 until something throws).
class Located {
  readonly path: (string | number)[] = [];
  constructor(readonly make: (where: string) => GdsCryptoError) {}
  toError(): GdsCryptoError {
    return this.make(pointer(this.path));
  }
}

// Strings that need nothing escaped and hold no surrogate are written as they are; the rest go through
// JSON.stringify (which escapes exactly as RFC 8785 section 3.2.2.2 asks) after the lone-surrogate check.
// A character loop: record values are short, where it beats a regular expression's call overhead.
function plain(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return false;
  }
  return true;
}

function writeString(s: string): string {
  if (plain(s)) return `"${s}"`;
  if (LONE_SURROGATE.test(s)) throw new Located(loneSurrogate);
  return JSON.stringify(s);
}

// Member names repeat across records of a standard: each is checked and quoted once (bounded cache).
const quotedNames = new Map<string, string>();
function writeName(k: string): string {
  let q = quotedNames.get(k);
  if (q === undefined) {
    q = writeString(k);
    if (quotedNames.size >= 4096) quotedNames.clear();
    quotedNames.set(k, q);
  }
  return q;
}

function write(v: unknown, depth: number): string {
  switch (typeof v) {
    case 'string':
      return writeString(v);
    case 'number':
      return writeNumber(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'object': {
      if (v === null) return 'null';
      // A cycle shows up as unbounded depth; checking depth costs less than tracking visited objects.
      if (depth > MAX_DEPTH) throw new Located((w) => unsupported('nested too deep, or cyclic', w));
      if (Array.isArray(v)) return writeArray(v, depth);
      const proto = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) {
        const name = (v as object).constructor?.name ?? 'object';
        throw new Located((w) => unsupported(name, w));
      }
      return writeObject(v as Record<string, unknown>, depth);
    }
    default: {
      const t = typeof v;
      throw new Located((w) => unsupported(t, w));
    }
  }
}

function writeNumber(v: number): string {
  if (!Number.isFinite(v)) {
    throw new Located(
      (w) =>
        new GdsCryptoError(
          'GDS_CRYPTO_JSON_NON_FINITE',
          `JSON 不能表示 ${String(v)}，位置 ${w}`,
          `JSON cannot represent ${String(v)}, at ${w}`,
        ),
    );
  }
  // Doubles from 2^53 up to 1e21 print as plain integers that parseJson would refuse as unsafe
  // (their text stands for integers a double cannot hold); from 1e21 on they print in exponent form.
  if ((v > Number.MAX_SAFE_INTEGER || v < -Number.MAX_SAFE_INTEGER) && v < 1e21 && v > -1e21) {
    throw new Located(
      (w) =>
        new GdsCryptoError(
          'GDS_CRYPTO_JSON_UNSAFE_INTEGER',
          `整数 ${String(v)} 超出 ±(2^53-1)，已不精确；请以字符串传递，位置 ${w}`,
          `integer ${String(v)} is beyond ±(2^53-1) and not exact; send it as a string, at ${w}`,
        ),
    );
  }
  // -0 serialises as 0 (ES Number::toString); every other finite double as toString does.
  return v === 0 ? '0' : String(v);
}

function writeArray(a: unknown[], depth: number): string {
  let out = '[';
  const n = a.length;
  for (let i = 0; i < n; i++) {
    const item = a[i];
    try {
      if (item === undefined) throw new Located((w) => unsupported('undefined', w));
      out += i === 0 ? write(item, depth + 1) : `,${write(item, depth + 1)}`;
    } catch (e) {
      if (e instanceof Located) e.path.unshift(i);
      throw e;
    }
  }
  return `${out}]`;
}

function writeObject(o: Record<string, unknown>, depth: number): string {
  const keys = sortKeys(Object.keys(o));
  let out = '{';
  let first = true;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const item = o[k];
    if (item === undefined) continue;
    try {
      out += `${first ? '' : ','}${writeName(k)}:${write(item, depth + 1)}`;
    } catch (e) {
      if (e instanceof Located) e.path.unshift(k);
      throw e;
    }
    first = false;
  }
  return `${out}}`;
}

function loneSurrogate(where: string): GdsCryptoError {
  return new GdsCryptoError(
    'GDS_CRYPTO_JSON_LONE_SURROGATE',
    `字符串含有孤立的代理项，不是合法的 Unicode，位置 ${where}`,
    `string contains a lone surrogate and is not valid Unicode, at ${where}`,
  );
}

function unsupported(what: string, where: string): GdsCryptoError {
  return new GdsCryptoError(
    'GDS_CRYPTO_JSON_UNSUPPORTED_TYPE',
    `无法规范化为 JSON 的值（${what}），位置 ${where}`,
    `value cannot be canonicalised as JSON (${what}), at ${where}`,
  );
}

import { GdsCryptoError } from '../errors.js';

const URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < 64; i++) DECODE[URL_ALPHABET.charCodeAt(i)] = i;

// Characters are written as bytes into a scratch buffer and turned into a string by one native
// latin1 decode: several times faster than building the string piece by piece, for short field
// ciphertexts and kilobyte payloads alike.
const URL_CODES = codes(URL_ALPHABET);
const latin1 = new TextDecoder('latin1');
let scratch = new Uint8Array(1024);

function codes(alphabet: string): Uint8Array {
  const t = new Uint8Array(64);
  for (let i = 0; i < 64; i++) t[i] = alphabet.charCodeAt(i);
  return t;
}

// Writes the base64url of b into `scratch` from `o` (room made by the caller) and returns the new end.
function encodeInto(b: Uint8Array, t: Uint8Array, o: number): number {
  const out = scratch;
  const n = b.length;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const x = (b[i]! << 16) | (b[i + 1]! << 8) | b[i + 2]!;
    out[o++] = t[x >> 18]!;
    out[o++] = t[(x >> 12) & 63]!;
    out[o++] = t[(x >> 6) & 63]!;
    out[o++] = t[x & 63]!;
  }
  const rest = n - i;
  if (rest === 1) {
    const x = b[i]! << 16;
    out[o++] = t[x >> 18]!;
    out[o++] = t[(x >> 12) & 63]!;
  } else if (rest === 2) {
    const x = (b[i]! << 16) | (b[i + 1]! << 8);
    out[o++] = t[x >> 18]!;
    out[o++] = t[(x >> 12) & 63]!;
    out[o++] = t[(x >> 6) & 63]!;
  }
  return o;
}

function reserve(size: number): void {
  if (scratch.length < size) scratch = new Uint8Array(Math.max(size, 2 * scratch.length));
}

function encode(b: Uint8Array): string {
  reserve(Math.ceil(b.length / 3) * 4);
  const o = encodeInto(b, URL_CODES, 0);
  return latin1.decode(scratch.subarray(0, o));
}

// Node's Buffer encodes natively, several times faster than the loop above for the few hundred bytes
// of a record's field ciphertexts; browsers take the loop. Views are kept per underlying buffer.
interface NodeBufferLike {
  toString(encoding: 'base64url', start: number, end: number): string;
}
const NodeBuffer = (
  globalThis as {
    Buffer?: { from(b: ArrayBufferLike, offset: number, length: number): NodeBufferLike };
  }
).Buffer;
const views = new WeakMap<Uint8Array, NodeBufferLike>();

/** `toBase64Url(bytes.subarray(from, to))`, natively where the runtime can. */
export function toBase64UrlRange(bytes: Uint8Array, from: number, to: number): string {
  if (!NodeBuffer) return toBase64Url(bytes.subarray(from, to));
  let view = views.get(bytes);
  if (!view) {
    view = NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
    views.set(bytes, view);
  }
  return view.toString('base64url', from, to);
}

/** base64url without padding (RFC 4648 section 5), as JOSE and GDS envelopes use. */
export function toBase64Url(b: Uint8Array): string {
  return encode(b);
}

/**
 * Strict decoder for base64url without padding: refuses other characters (standard base64's `+/` and
 * `=` too) and non-canonical trailing bits, so one byte string has exactly one text form.
 */
export function fromBase64Url(s: string, what = 'base64url'): Uint8Array {
  if (typeof s !== 'string') throw bad(what);
  const out = new Uint8Array(decodedLength(s, what));
  fromBase64UrlInto(s, out, 0, what);
  return out;
}

/** The byte length `s` decodes to; throws for a length no base64url text has. */
export function decodedLength(s: string, what = 'base64url'): number {
  if (s.length % 4 === 1) throw bad(what);
  return Math.floor((s.length * 3) / 4);
}

/**
 * {@link fromBase64Url} into `out` at `at` (room for {@link decodedLength} bytes is the caller's to
 * make), returning the number of bytes written: for decoding straight into a staging buffer.
 */
export function fromBase64UrlInto(s: string, out: Uint8Array, at: number, what = 'base64url'): number {
  const len = s.length;
  if (len % 4 === 1) throw bad(what);
  const D = DECODE;
  let o = at;
  let i = 0;
  // Four characters, three bytes at a time; any character outside the alphabet (or beyond ASCII)
  // makes a value negative.
  for (; i + 4 <= len; i += 4) {
    const c0 = s.charCodeAt(i);
    const c1 = s.charCodeAt(i + 1);
    const c2 = s.charCodeAt(i + 2);
    const c3 = s.charCodeAt(i + 3);
    if ((c0 | c1 | c2 | c3) >= 128) throw bad(what);
    const a = D[c0]!;
    const b = D[c1]!;
    const c = D[c2]!;
    const d = D[c3]!;
    if ((a | b | c | d) < 0) throw bad(what);
    const x = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = x >> 16;
    out[o++] = (x >> 8) & 0xff;
    out[o++] = x & 0xff;
  }
  // Two or three characters left: one or two bytes, the unused low bits zero.
  const rest = len - i;
  if (rest > 0) {
    const c0 = s.charCodeAt(i);
    const c1 = s.charCodeAt(i + 1);
    const c2 = rest === 3 ? s.charCodeAt(i + 2) : 0x41;
    if ((c0 | c1 | c2) >= 128) throw bad(what);
    const a = D[c0]!;
    const b = D[c1]!;
    const c = D[c2]!;
    if ((a | b | c) < 0) throw bad(what);
    const x = (a << 18) | (b << 12) | (c << 6);
    out[o++] = x >> 16;
    if (rest === 3) {
      out[o++] = (x >> 8) & 0xff;
      if ((x & 0xff) !== 0) throw bad(what);
    } else if ((x & 0xffff) !== 0) throw bad(what);
  }
  return o - at;
}

function bad(what: string): GdsCryptoError {
  return new GdsCryptoError('GDS_CRYPTO_MALFORMED', `${what} 编码无效`, `invalid ${what} encoding`);
}

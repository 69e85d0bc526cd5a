import { GdsCryptoError } from '../errors.js';

export function assertBytes(value: unknown, name: string, length?: number): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array)) {
    throw new GdsCryptoError(
      'GDS_CRYPTO_INVALID_INPUT',
      `${name} 必须是 Uint8Array`,
      `${name} must be a Uint8Array`,
    );
  }
  if (length !== undefined && value.length !== length) {
    throw new GdsCryptoError(
      'GDS_CRYPTO_INVALID_INPUT',
      `${name} 必须是 ${length} 字节，实际 ${value.length} 字节`,
      `${name} must be ${length} bytes, got ${value.length}`,
    );
  }
}

export function assertKey(value: unknown, name: string, length: number): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array) || value.length !== length) {
    throw new GdsCryptoError(
      'GDS_CRYPTO_INVALID_KEY',
      `${name} 必须是 ${length} 字节的 Uint8Array`,
      `${name} must be a Uint8Array of ${length} bytes`,
    );
  }
}

export function assertKeyAtLeast(value: unknown, name: string, min: number): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array) || value.length < min) {
    throw new GdsCryptoError(
      'GDS_CRYPTO_INVALID_KEY',
      `${name} 必须是至少 ${min} 字节的 Uint8Array`,
      `${name} must be a Uint8Array of at least ${min} bytes`,
    );
  }
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a[i]! ^ b[i]!;
  return d === 0;
}

const encoder = new TextEncoder();

// TextEncoder crosses into native code on every call, which dominates for the short strings of field
// encryption (values, associated data); short strings are encoded here, long ones natively.
// Short strings are encoded into this buffer and copied out at their exact length (one allocation, on
// V8's heap when it is 64 bytes or less; larger typed arrays cost an off-heap allocation each), and
// the buffer is wiped at once: values and blind-index inputs pass through it.
const scratch = new Uint8Array(3 * 96);
export function utf8(s: string): Uint8Array {
  if (s.length > 96) return encoder.encode(s);
  const n = utf8Into(s, scratch, 0);
  const out = scratch.slice(0, n);
  scratch.fill(0, 0, n);
  return out;
}

/**
 * Writes the UTF-8 of `s` into `out` at `at` (room for `3 * s.length` bytes is the caller's to make)
 * and returns the number of bytes written; lone surrogates become U+FFFD, as with TextEncoder.
 */
export function utf8Into(s: string, out: Uint8Array, at: number): number {
  const n = s.length;
  if (n > 96) return encoder.encodeInto(s, out.subarray(at, at + 3 * n)).written;
  let o = at;
  for (let i = 0; i < n; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      out[o++] = c;
    } else if (c < 0x800) {
      out[o++] = 0xc0 | (c >> 6);
      out[o++] = 0x80 | (c & 63);
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      c = 0x10000 + ((c - 0xd800) << 10) + (s.charCodeAt(++i) - 0xdc00);
      out[o++] = 0xf0 | (c >> 18);
      out[o++] = 0x80 | ((c >> 12) & 63);
      out[o++] = 0x80 | ((c >> 6) & 63);
      out[o++] = 0x80 | (c & 63);
    } else {
      if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
      out[o++] = 0xe0 | (c >> 12);
      out[o++] = 0x80 | ((c >> 6) & 63);
      out[o++] = 0x80 | (c & 63);
    }
  }
  return o - at;
}
const decoder = new TextDecoder('utf-8', { fatal: true });
export function fromUtf8(b: Uint8Array): string {
  return decoder.decode(b);
}

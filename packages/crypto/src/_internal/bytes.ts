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
export function utf8(s: string): Uint8Array {
  return encoder.encode(s);
}
const decoder = new TextDecoder('utf-8', { fatal: true });
export function fromUtf8(b: Uint8Array): string {
  return decoder.decode(b);
}

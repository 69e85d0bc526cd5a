import { GdsCryptoError } from '../errors.js';

// Web Crypto's getRandomValues (Node >= 19 and every browser) rather than libsodium's randombytes_buf,
// which in libsodium-wrappers 0.8 costs ~95 µs per call against ~3 µs here.
export function randomBytes(n: number): Uint8Array {
  const c = (globalThis as { crypto?: Crypto }).crypto;
  if (!c?.getRandomValues) {
    throw new GdsCryptoError(
      'GDS_CRYPTO_UNSUPPORTED',
      '此运行环境没有安全随机数源',
      'no secure random source in this runtime',
    );
  }
  const out = new Uint8Array(n);
  for (let o = 0; o < n; o += 65536) c.getRandomValues(out.subarray(o, Math.min(n, o + 65536)));
  return out;
}

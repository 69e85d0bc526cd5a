import { GdsCryptoError } from '../errors.js';

const POOL_SIZE = 4096;
let pool = new Uint8Array(0);
let offset = 0;

/** Fills `out` from the secure source (Web Crypto), in the chunks getRandomValues allows. */
export function fillRandom(out: Uint8Array): void {
  const c = (globalThis as { crypto?: Crypto }).crypto;
  if (!c?.getRandomValues) {
    throw new GdsCryptoError(
      'GDS_CRYPTO_UNSUPPORTED',
      '此运行环境没有安全随机数源',
      'no secure random source in this runtime',
    );
  }
  for (let o = 0; o < out.length; o += 65536)
    c.getRandomValues(out.subarray(o, Math.min(out.length, o + 65536)));
}

// Web Crypto's getRandomValues (Node >= 19 and every browser) rather than libsodium's randombytes_buf,
// which in libsodium-wrappers 0.8 costs ~95 µs per call. Small requests (nonces, data keys) are served
// from a pool refilled 4 KiB at a time, because even getRandomValues costs ~3 µs per call and field
// encryption needs several values per record; served bytes are wiped from the pool.
export function randomBytes(n: number): Uint8Array {
  if (n > 256) {
    const out = new Uint8Array(n);
    fillRandom(out);
    return out;
  }
  return randomInto(new Uint8Array(n), 0, n);
}

/** Writes n <= 256 random bytes into `out` at `at`, from the pool: for keys drawn straight into place. */
export function randomInto(out: Uint8Array, at: number, n: number): Uint8Array {
  if (offset + n > pool.length) {
    pool = new Uint8Array(POOL_SIZE);
    fillRandom(pool);
    offset = 0;
  }
  for (let i = 0; i < n; i++) {
    out[at + i] = pool[offset + i]!;
    pool[offset + i] = 0;
  }
  offset += n;
  return out;
}

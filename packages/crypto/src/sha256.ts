import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { assertBytes } from './_internal/bytes.js';

/**
 * SHA-256 (FIPS 180-4) of bytes. Synchronous and needs no initialisation (pure JavaScript, because the
 * standard libsodium build has no SHA-256).
 *
 * @example
 * ```ts
 * import { sha256 } from '@gds/crypto';
 * const digest = sha256(new TextEncoder().encode('abc')); // 32 bytes, ba7816bf...
 * ```
 */
export function sha256(data: Uint8Array): Uint8Array {
  assertBytes(data, 'data');
  return nobleSha256(data);
}

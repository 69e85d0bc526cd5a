import { sm4 } from 'sm-crypto-v2';
import { assertBytes, assertKey, concatBytes } from './_internal/bytes.js';
import { GCM_NONCE } from './_internal/sm.js';

/**
 * SM4-GCM with an explicit 12-byte nonce, returning ciphertext ‖ tag: for known-answer tests
 * (RFC 8998 appendix A.1) and interop. `smSuite.encrypt` draws the nonce for you.
 *
 * @example
 * ```ts
 * import { sm4GcmEncrypt } from '@gds/crypto/sm';
 * const ct = sm4GcmEncrypt(key16, nonce12, plaintext, associatedData);
 * ```
 */
export function sm4GcmEncrypt(
  key: Uint8Array,
  nonce: Uint8Array,
  plaintext: Uint8Array,
  associatedData: Uint8Array,
): Uint8Array {
  assertKey(key, 'key', 16);
  assertBytes(nonce, 'nonce', GCM_NONCE);
  const r = sm4.encrypt(plaintext, key, {
    mode: 'gcm',
    iv: nonce,
    associatedData,
    output: 'array',
    outputTag: true,
  });
  return concatBytes(r.output, r.tag!);
}

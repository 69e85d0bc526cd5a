import { assertBytes, assertKey } from './_internal/bytes.js';
import { loadSodium, sodiumSync } from './_internal/sodium.js';
import { GdsCryptoError } from './errors.js';

/**
 * XChaCha20-Poly1305 (draft-irtf-cfrg-xchacha) encryption with an explicit 24-byte nonce: returns
 * ciphertext ‖ 16-byte tag. Prefer `Suite.encrypt`, which draws the nonce for you.
 *
 * @example
 * ```ts
 * import { xchacha20poly1305Encrypt } from '@gds/crypto';
 * const ct = await xchacha20poly1305Encrypt(key32, nonce24, plaintext, associatedData);
 * ```
 */
export async function xchacha20poly1305Encrypt(
  key: Uint8Array,
  nonce: Uint8Array,
  plaintext: Uint8Array,
  associatedData: Uint8Array,
): Promise<Uint8Array> {
  const s = await loadSodium();
  assertKey(key, 'key', 32);
  assertBytes(nonce, 'nonce', 24);
  return s.crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, associatedData, null, nonce, key);
}

/**
 * Decrypts {@link xchacha20poly1305Encrypt}'s output; throws `GDS_CRYPTO_DECRYPT_FAILED` when the tag,
 * key, nonce or associated data do not match.
 *
 * @example
 * ```ts
 * import { xchacha20poly1305Decrypt } from '@gds/crypto';
 * const pt = await xchacha20poly1305Decrypt(key32, nonce24, ct, associatedData);
 * ```
 */
export async function xchacha20poly1305Decrypt(
  key: Uint8Array,
  nonce: Uint8Array,
  ciphertext: Uint8Array,
  associatedData: Uint8Array,
): Promise<Uint8Array> {
  await loadSodium();
  const s = sodiumSync();
  assertKey(key, 'key', 32);
  assertBytes(nonce, 'nonce', 24);
  try {
    return s.crypto_aead_xchacha20poly1305_ietf_decrypt(null, ciphertext, associatedData, nonce, key);
  } catch (cause) {
    throw new GdsCryptoError('GDS_CRYPTO_DECRYPT_FAILED', '解密失败', 'decryption failed', { cause });
  }
}

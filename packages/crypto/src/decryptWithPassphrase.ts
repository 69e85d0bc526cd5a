import { deriveKey, passphraseAd } from './_internal/atRest.js';
import { fromBase64Url } from './_internal/base64.js';
import type { PassphraseEncrypted } from './encryptWithPassphrase.js';
import { GdsCryptoError } from './errors.js';
import { loadSodiumSuite } from './loadSodiumSuite.js';

/**
 * Decrypts a {@link PassphraseEncrypted}. A wrong passphrase or a damaged file throws
 * `GDS_CRYPTO_WRONG_PASSPHRASE`; a file of another shape or context throws `GDS_CRYPTO_MALFORMED`.
 *
 * @example
 * ```ts
 * import { decryptWithPassphrase } from '@gds/crypto';
 * const secret = await decryptWithPassphrase(JSON.parse(text), passphrase, { context: 'my-app-token' });
 * ```
 */
export async function decryptWithPassphrase(
  box: unknown,
  passphrase: string,
  options: { context: string },
): Promise<Uint8Array> {
  const b = box as Partial<PassphraseEncrypted> | null;
  if (
    typeof b !== 'object' ||
    b === null ||
    b.gds !== 'passphrase/v1' ||
    b.aead !== 'XChaCha20-Poly1305' ||
    typeof b.ciphertext !== 'string' ||
    typeof b.kdf !== 'object' ||
    b.kdf === null ||
    typeof b.kdf.salt !== 'string'
  ) {
    throw new GdsCryptoError(
      'GDS_CRYPTO_MALFORMED',
      '不是 GDS 口令加密文件',
      'not a GDS passphrase-encrypted file',
    );
  }
  if (b.context !== options.context) {
    throw new GdsCryptoError(
      'GDS_CRYPTO_MALFORMED',
      `口令加密文件的用途是 ${String(b.context)}，不是 ${options.context}`,
      `the passphrase-encrypted file is for ${String(b.context)}, not ${options.context}`,
    );
  }
  const key = await deriveKey(passphrase, b.kdf);
  try {
    const s = await loadSodiumSuite();
    return s.decrypt(key, fromBase64Url(b.ciphertext, 'ciphertext'), passphraseAd(options.context));
  } catch (cause) {
    if (cause instanceof GdsCryptoError && cause.code === 'GDS_CRYPTO_MALFORMED') throw cause;
    throw new GdsCryptoError(
      'GDS_CRYPTO_WRONG_PASSPHRASE',
      '口令错误，或密文已损坏',
      'wrong passphrase, or the encrypted secret is damaged',
      { cause },
    );
  } finally {
    key.fill(0);
  }
}

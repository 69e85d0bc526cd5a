import { deriveKey, type KdfParams, newKdfParams, passphraseAd } from './_internal/atRest.js';
import { toBase64Url } from './_internal/base64.js';
import { assertBytes } from './_internal/bytes.js';
import { loadSodiumSuite } from './loadSodiumSuite.js';

/**
 * A secret encrypted under a passphrase, as JSON: the keyring's scheme (scrypt, N = 2^15, r = 8, p = 1,
 * a 16-byte salt, then XChaCha20-Poly1305), with `context` naming what the secret is bound into the
 * associated data, so a file of one kind cannot be passed off as another.
 *
 * @example
 * ```ts
 * import type { PassphraseEncrypted } from '@gds/crypto';
 * const kind = (box: PassphraseEncrypted) => box.context; // e.g. 'gds-note-signer-key'
 * ```
 */
export interface PassphraseEncrypted {
  gds: 'passphrase/v1';
  context: string;
  kdf: KdfParams;
  aead: 'XChaCha20-Poly1305';
  /** base64url of nonce ‖ ciphertext ‖ tag. */
  ciphertext: string;
}

/**
 * Encrypts a secret under a passphrase with the keyring's scheme (scrypt then XChaCha20-Poly1305), for
 * secrets kept in files: a log's signing key, an exported key. `context` says what the secret is and
 * must be given again to decrypt it. The passphrase is NFC-normalised.
 *
 * @example
 * ```ts
 * import { decryptWithPassphrase, encryptWithPassphrase } from '@gds/crypto';
 * const box = await encryptWithPassphrase(secret, process.env.GDS_PASSPHRASE!, { context: 'my-app-token' });
 * const back = await decryptWithPassphrase(box, process.env.GDS_PASSPHRASE!, { context: 'my-app-token' });
 * ```
 */
export async function encryptWithPassphrase(
  secret: Uint8Array,
  passphrase: string,
  options: { context: string; scryptN?: number },
): Promise<PassphraseEncrypted> {
  assertBytes(secret, 'secret');
  const kdf = newKdfParams(options.scryptN);
  const key = await deriveKey(passphrase, kdf);
  try {
    const s = await loadSodiumSuite();
    const ciphertext = toBase64Url(s.encrypt(key, secret, passphraseAd(options.context)));
    return { gds: 'passphrase/v1', context: options.context, kdf, aead: 'XChaCha20-Poly1305', ciphertext };
  } finally {
    key.fill(0);
  }
}

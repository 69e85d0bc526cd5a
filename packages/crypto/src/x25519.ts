import { assertKey } from './_internal/bytes.js';
import { loadSodium, sodiumSync } from './_internal/sodium.js';
import { GdsCryptoError } from './errors.js';

/**
 * X25519 (RFC 7748) shared secret of a 32-byte secret key and a 32-byte public key. A result of all
 * zeros (a low-order public key) is refused with `GDS_CRYPTO_INVALID_KEY`, as libsodium does.
 *
 * @example
 * ```ts
 * import { x25519 } from '@gds/crypto';
 * const shared = await x25519(mySecretKey, theirPublicKey);
 * ```
 */
export async function x25519(secretKey: Uint8Array, publicKey: Uint8Array): Promise<Uint8Array> {
  await loadSodium();
  return x25519Sync(secretKey, publicKey);
}

/**
 * Synchronous {@link x25519}; call `await ready()` once before.
 *
 * @example
 * ```ts
 * import { ready, x25519Sync } from '@gds/crypto';
 * await ready();
 * const shared = x25519Sync(mySecretKey, theirPublicKey);
 * ```
 */
export function x25519Sync(secretKey: Uint8Array, publicKey: Uint8Array): Uint8Array {
  const s = sodiumSync();
  assertKey(secretKey, 'secretKey', 32);
  assertKey(publicKey, 'publicKey', 32);
  try {
    return s.crypto_scalarmult(secretKey, publicKey);
  } catch (cause) {
    throw new GdsCryptoError(
      'GDS_CRYPTO_INVALID_KEY',
      'X25519 公钥阶数过低，共享密钥为零',
      'X25519 public key has low order: the shared secret is zero',
      { cause },
    );
  }
}

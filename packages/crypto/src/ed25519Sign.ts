import { assertBytes, assertKey } from './_internal/bytes.js';
import { loadSodium, sodiumSync } from './_internal/sodium.js';

/**
 * Detached Ed25519 signature (RFC 8032, pure Ed25519) over raw bytes. `secretKey` is the 64-byte
 * secret key of {@link generateEd25519KeyPair}. Returns the 64-byte signature.
 *
 * @example
 * ```ts
 * import { ed25519Sign, generateEd25519KeyPair } from '@gds/crypto';
 * const { secretKey } = await generateEd25519KeyPair();
 * const signature = await ed25519Sign(new TextEncoder().encode('hello'), secretKey);
 * ```
 */
export async function ed25519Sign(message: Uint8Array, secretKey: Uint8Array): Promise<Uint8Array> {
  await loadSodium();
  return ed25519SignSync(message, secretKey);
}

/**
 * Synchronous {@link ed25519Sign}; call `await ready()` once before.
 *
 * @example
 * ```ts
 * import { ready, ed25519SignSync } from '@gds/crypto';
 * await ready();
 * const signature = ed25519SignSync(message, secretKey);
 * ```
 */
export function ed25519SignSync(message: Uint8Array, secretKey: Uint8Array): Uint8Array {
  const s = sodiumSync();
  assertBytes(message, 'message');
  assertKey(secretKey, 'secretKey', 64);
  return s.crypto_sign_detached(message, secretKey);
}

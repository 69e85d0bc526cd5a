import { assertBytes, assertKey } from './_internal/bytes.js';
import { ed25519AsyncBackend, ed25519Backend } from './_internal/ed25519.js';
import { loadSodium, sodiumSync } from './_internal/sodium.js';

/**
 * Detached Ed25519 signature (RFC 8032, pure Ed25519) over raw bytes: node:crypto in Node, WebCrypto
 * in browsers that have Ed25519, libsodium otherwise (the same bytes on each). `secretKey` is the 64-byte
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
  const s = await loadSodium();
  const web = ed25519AsyncBackend();
  if (!web) return ed25519SignSync(message, secretKey);
  assertBytes(message, 'message');
  assertKey(secretKey, 'secretKey', 64);
  try {
    return await web.sign(message, secretKey);
  } catch {
    // A browser whose WebCrypto refuses this key or call: libsodium makes the same signature.
    return ed25519Backend(s).sign(message, secretKey);
  }
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
  return ed25519Backend(s).sign(message, secretKey);
}

import { assertBytes, assertKey } from './_internal/bytes.js';
import { ed25519AsyncBackend, ed25519Backend } from './_internal/ed25519.js';
import { loadSodium, sodiumSync } from './_internal/sodium.js';

/**
 * Verifies a detached Ed25519 signature (RFC 8032) over raw bytes with libsodium's strict rules
 * (canonical S, no small-order R or key, canonical key) on every backend (node:crypto, WebCrypto, libsodium). A signature that does not verify, or is not 64 bytes, yields
 * `false`; a public key that is not 32 bytes is a caller fault and throws `GDS_CRYPTO_INVALID_KEY`.
 *
 * @example
 * ```ts
 * import { ed25519Sign, ed25519Verify, generateEd25519KeyPair } from '@gds/crypto';
 * const { publicKey, secretKey } = await generateEd25519KeyPair();
 * const msg = new TextEncoder().encode('hello');
 * const ok = await ed25519Verify(await ed25519Sign(msg, secretKey), msg, publicKey); // true
 * ```
 */
export async function ed25519Verify(
  signature: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array,
): Promise<boolean> {
  await loadSodium();
  const web = ed25519AsyncBackend();
  if (!web) return ed25519VerifySync(signature, message, publicKey);
  assertBytes(signature, 'signature');
  assertBytes(message, 'message');
  assertKey(publicKey, 'publicKey', 32);
  if (signature.length !== 64) return false;
  return web.verify(signature, message, publicKey);
}

/**
 * Synchronous {@link ed25519Verify}; call `await ready()` once before.
 *
 * @example
 * ```ts
 * import { ready, ed25519VerifySync } from '@gds/crypto';
 * await ready();
 * if (!ed25519VerifySync(signature, message, publicKey)) throw new Error('bad signature');
 * ```
 */
export function ed25519VerifySync(
  signature: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array,
): boolean {
  const s = sodiumSync();
  assertBytes(signature, 'signature');
  assertBytes(message, 'message');
  assertKey(publicKey, 'publicKey', 32);
  if (signature.length !== 64) return false;
  return ed25519Backend(s).verify(signature, message, publicKey);
}

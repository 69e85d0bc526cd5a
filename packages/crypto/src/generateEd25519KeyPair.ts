import { assertKey } from './_internal/bytes.js';
import { loadSodium, sodiumSync } from './_internal/sodium.js';

/** An Ed25519 key pair in libsodium's layout. */
export interface Ed25519KeyPair {
  /** 32-byte public key. */
  publicKey: Uint8Array;
  /** 64-byte secret key: the 32-byte seed followed by the public key (libsodium's layout). */
  secretKey: Uint8Array;
}

/**
 * Generates an Ed25519 (RFC 8032) key pair, from the system's secure random generator or, when `seed` is
 * given, deterministically from that 32-byte seed.
 *
 * @example
 * ```ts
 * import { generateEd25519KeyPair } from '@gds/crypto';
 * const random = await generateEd25519KeyPair();
 * const fixed = await generateEd25519KeyPair(new Uint8Array(32).fill(7)); // same keys every time
 * ```
 */
export async function generateEd25519KeyPair(seed?: Uint8Array): Promise<Ed25519KeyPair> {
  await loadSodium();
  return generateEd25519KeyPairSync(seed);
}

/**
 * Synchronous {@link generateEd25519KeyPair}; call `await ready()` once before.
 *
 * @example
 * ```ts
 * import { ready, generateEd25519KeyPairSync } from '@gds/crypto';
 * await ready();
 * const { publicKey, secretKey } = generateEd25519KeyPairSync();
 * ```
 */
export function generateEd25519KeyPairSync(seed?: Uint8Array): Ed25519KeyPair {
  const s = sodiumSync();
  if (seed !== undefined) assertKey(seed, 'seed', 32);
  const kp = seed === undefined ? s.crypto_sign_keypair() : s.crypto_sign_seed_keypair(seed);
  return { publicKey: kp.publicKey, secretKey: kp.privateKey };
}

import { sm2 } from 'sm-crypto-v2';
import { assertBytes } from './_internal/bytes.js';
import { toHex } from './_internal/hex.js';
import { assertPublicKey } from './_internal/sm.js';

/**
 * Verifies an SM2 signature (raw r ‖ s, 64 bytes) over an already computed digest
 * e = SM3(Z_A ‖ M), as OpenSSL's EVP interface and HSMs take it. Most callers want `smSuite.verify`,
 * which computes Z_A with the default user id and e itself.
 *
 * @example
 * ```ts
 * import { sm2VerifyDigest } from '@gds/crypto/sm';
 * sm2VerifyDigest(signature64, digest32, publicKey65); // boolean
 * ```
 */
export function sm2VerifyDigest(signature: Uint8Array, digest: Uint8Array, publicKey: Uint8Array): boolean {
  assertPublicKey(publicKey);
  assertBytes(digest, 'digest', 32);
  if (!(signature instanceof Uint8Array) || signature.length !== 64) return false;
  try {
    return sm2.doVerifySignature(digest, toHex(signature), toHex(publicKey), { hash: false });
  } catch {
    return false;
  }
}

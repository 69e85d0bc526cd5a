import { textDigestFor } from './_internal/sodiumRaw.js';
import { keyId } from './keyId.js';
import type { Suite } from './suite.js';

/**
 * Something that signs as one key: a keyring entry (`keyring.signer(kid)`), an HSM, or raw key
 * material ({@link createSigner}). `kid` and `suite` are written into every proof it makes.
 *
 * @example
 * ```ts
 * import type { Signer } from '@gds/crypto';
 * const signer: Signer = keyring.signer();
 * ```
 */
export interface Signer {
  kid: string;
  suite: string;
  /** The department the key speaks for; a proof's `iss`. */
  issuer?: string;
  sign(message: Uint8Array): Uint8Array | Promise<Uint8Array>;
  /** The suite's `digest` (BLAKE2b-256 for sodium, SM3 for sm), used for envelope proofs. */
  digest(data: Uint8Array): Uint8Array;
}

/**
 * A {@link Signer} over a raw secret key of `suite`, with its derived key id. For keys managed with a
 * lifecycle use `keyring.signer(kid)` instead.
 *
 * @example
 * ```ts
 * import { createSigner, loadSodiumSuite } from '@gds/crypto';
 * const suite = await loadSodiumSuite();
 * const kp = suite.generateKeyPair('sign');
 * const signer = createSigner(suite, kp.secretKey, { issuer: 'dept:mca' });
 * ```
 */
export function createSigner(suite: Suite, secretKey: Uint8Array, options: { issuer?: string } = {}): Signer {
  const publicKey = suite.publicKeyOf('sign', secretKey);
  const sk = secretKey.slice();
  return {
    kid: keyId(suite.id, 'sign', publicKey),
    suite: suite.id,
    issuer: options.issuer,
    sign: (message) => suite.sign(message, sk),
    // The suite's own function where it has a text form, so envelopes can digest text directly.
    digest: textDigestFor(suite.digest) ? suite.digest : (data) => suite.digest(data),
  };
}

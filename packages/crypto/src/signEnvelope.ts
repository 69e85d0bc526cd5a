import { addProof, type HeaderOptions, makeHeader } from './_internal/envelope.js';
import type { JsonValue } from './canonicalize.js';
import type { SignedEnvelope } from './Envelope.js';
import { GdsCryptoError } from './errors.js';
import type { Signer } from './Signer.js';

/** Options of {@link signEnvelope}. */
export interface SignEnvelopeOptions extends HeaderOptions {
  /** One signer, or several departments co-signing at once. */
  signer: Signer | Signer[];
}

/**
 * Wraps a payload in a signed envelope (format in the package README): header (version, suite, issuer,
 * audience, issued-at, expiry, jti, standard) and payload, with one proof per signer over
 * `"GDS-ENVELOPE-PROOF/v1\n" ‖ JCS(envelope without proofs + this proof's metadata)`.
 *
 * @example
 * ```ts
 * import { Keyring, signEnvelope } from '@gds/crypto';
 * const ring = await Keyring.create();
 * await ring.generate({ use: 'sign', label: '民政局', issuer: 'dept:mca' });
 * const env = await signEnvelope(
 *   { id: 'p-1', name: '张三' },
 *   { signer: ring.signer(), aud: 'dept:health', expiresIn: 3600, std: { id: 'person', version: '1.0.0' } },
 * );
 * ```
 */
export async function signEnvelope(
  payload: JsonValue,
  options: SignEnvelopeOptions,
): Promise<SignedEnvelope> {
  const signers = Array.isArray(options.signer) ? options.signer : [options.signer];
  if (signers.length === 0) {
    throw new GdsCryptoError(
      'GDS_CRYPTO_INVALID_INPUT',
      '至少需要一个签名者',
      'at least one signer is needed',
    );
  }
  if (payload === undefined) {
    throw new GdsCryptoError(
      'GDS_CRYPTO_INVALID_INPUT',
      '载荷不能为 undefined',
      'the payload must not be undefined',
    );
  }
  // The header becomes the envelope (members in the same order as a spread copy would have them).
  const env = makeHeader('signed', signers[0]!.suite, signers, options) as SignedEnvelope;
  env.payload = payload;
  env.proofs = [];
  for (const s of signers) {
    const proof = addProof(env, s, options.iat);
    env.proofs.push(proof instanceof Promise ? await proof : proof);
  }
  return env;
}

import { addProof, parseEnvelope } from './_internal/envelope.js';
import type { TimeInput } from './_internal/time.js';
import type { Envelope } from './Envelope.js';
import type { Signer } from './Signer.js';

/**
 * Adds a co-signature to an envelope (signed or sealed) and returns the new envelope. Each proof
 * covers the envelope without the other proofs, so departments can co-sign in any order and
 * independently; removing a proof never invalidates the others (require the signers you need with
 * `verifyEnvelope`'s `requiredIssuers`).
 *
 * @example
 * ```ts
 * import { cosignEnvelope } from '@gds/crypto';
 * const both = await cosignEnvelope(env, publicSecurityKeyring.signer());
 * ```
 */
export async function cosignEnvelope<E extends Envelope>(
  envelope: E,
  signer: Signer,
  options: { at?: TimeInput } = {},
): Promise<E> {
  const env = parseEnvelope(envelope) as E;
  const proof = await addProof(env, signer, options.at);
  return { ...env, proofs: [...env.proofs, proof] };
}

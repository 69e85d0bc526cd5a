import type { JsonValue } from './canonicalize.js';

/** The standard (and its version) a payload conforms to, e.g. `{ id: 'person', version: '1.0.0' }`. */
export interface StandardRef {
  id: string;
  version: string;
}

/** One signature over an envelope. Several proofs = several departments co-signing. */
export interface Proof {
  /** Suite of this signature (chosen by the signer, accepted only if in the verifier's allow-list). */
  suite: string;
  kid: string;
  /** The department this proof speaks for. */
  iss: string;
  /** When it was signed (RFC 3339 UTC); checked against the key's retirement and revocation. */
  created: string;
  /** base64url signature. */
  sig: string;
}

/** Fields common to signed and sealed envelopes; all covered by every proof. */
export interface EnvelopeHeader {
  gds: 'envelope/v1';
  typ: 'signed' | 'sealed';
  /** Suite of the envelope (for sealed envelopes, the encryption). */
  suite: string;
  iss: string;
  aud?: string[];
  iat: string;
  exp?: string;
  /** Unique id (nonce) of this envelope, for replay detection. */
  jti: string;
  std?: StandardRef;
}

/**
 * A signed envelope: the payload in clear, proofs over its canonical bytes.
 *
 * @example
 * ```ts
 * import type { SignedEnvelope } from '@gds/crypto';
 * const env: SignedEnvelope = await signEnvelope({ name: '张三' }, { signer });
 * ```
 */
export interface SignedEnvelope extends EnvelopeHeader {
  typ: 'signed';
  payload: JsonValue;
  proofs: Proof[];
}

/** One recipient of a sealed envelope: the content key sealed to its encryption key. */
export interface SealedRecipient {
  kid: string;
  key: string;
}

/**
 * A sealed envelope: the payload encrypted for its recipients, proofs over the ciphertext and header.
 *
 * @example
 * ```ts
 * import type { SealedEnvelope } from '@gds/crypto';
 * const env: SealedEnvelope = await sealEnvelope(record, { signer, to: [healthBureauKey] });
 * ```
 */
export interface SealedEnvelope extends EnvelopeHeader {
  typ: 'sealed';
  sealed: { aead: string; recipients: SealedRecipient[]; ct: string };
  proofs: Proof[];
}

/**
 * Either kind of envelope.
 *
 * @example
 * ```ts
 * import type { Envelope } from '@gds/crypto';
 * const env: Envelope = JSON.parse(text);
 * ```
 */
export type Envelope = SignedEnvelope | SealedEnvelope;

import { toBase64Url } from './_internal/base64.js';
import { addProof, type HeaderOptions, makeHeader, sealAd } from './_internal/envelope.js';
import { canonicalizeToBytes, type JsonValue } from './canonicalize.js';
import type { SealedEnvelope } from './Envelope.js';
import { GdsCryptoError } from './errors.js';
import type { KeyInfo } from './KeyInfo.js';
import { loadSodiumSuite } from './loadSodiumSuite.js';
import type { Signer } from './Signer.js';
import type { Suite } from './suite.js';

/** Options of {@link sealEnvelope}. */
export interface SealEnvelopeOptions extends HeaderOptions {
  signer: Signer | Signer[];
  /** Recipients' encryption keys (use `encrypt`, same suite as the envelope). */
  to: KeyInfo | KeyInfo[];
  /** The suite that encrypts; the sodium suite by default. Must match the recipients' keys. */
  suite?: Suite;
}

/**
 * Encrypts a payload for one or more recipients and signs the result, so anyone holding the sender's
 * public key can check who sent it, and only recipients can read it.
 *
 * Order: encrypt, then sign, with binding. The payload (JCS bytes) is encrypted under a fresh content
 * key with the suite's AEAD, whose associated data is the header (issuer, audience, times, jti,
 * standard) plus the recipients' key ids; the content key is sealed to each recipient; then every
 * proof signs the whole envelope, ciphertext included. Why: (1) the origin is checkable without
 * decrypting (by a gateway, the ledger, an auditor); (2) a recipient verifies before decrypting, so
 * tampered ciphertext never reaches the decryptor; (3) an attacker who strips the proofs and re-signs
 * must change `iss`, which is in the associated data, so decryption then fails: the sender cannot be
 * swapped; (4) a recipient cannot forward it as if addressed to someone else: the recipient list is
 * signed and bound. Plain sign-then-encrypt would allow (4) and hide the sender from intermediaries.
 *
 * @example
 * ```ts
 * import { sealEnvelope } from '@gds/crypto';
 * const healthKey = theirRing.activeKey({ use: 'encrypt' });
 * const env = await sealEnvelope({ id: 'p-1', idNumber: '110101199003077777' }, {
 *   signer: ring.signer(), to: healthKey, aud: 'dept:health',
 * });
 * ```
 */
export async function sealEnvelope(
  payload: JsonValue,
  options: SealEnvelopeOptions,
): Promise<SealedEnvelope> {
  const suite = options.suite ?? (await loadSodiumSuite());
  const signers = Array.isArray(options.signer) ? options.signer : [options.signer];
  const to = Array.isArray(options.to) ? options.to : [options.to];
  if (signers.length === 0 || to.length === 0) {
    throw new GdsCryptoError(
      'GDS_CRYPTO_INVALID_INPUT',
      '需要签名者和收件人',
      'signers and recipients are needed',
    );
  }
  for (const r of to) {
    if (r.use !== 'encrypt' || r.suite !== suite.id) {
      throw new GdsCryptoError(
        'GDS_CRYPTO_WRONG_KEY_USE',
        `收件人密钥 ${r.kid} 必须是 ${suite.id} 套件的加密密钥`,
        `recipient key ${r.kid} must be an encryption key of suite ${suite.id}`,
      );
    }
    if (r.status === 'revoked') {
      throw new GdsCryptoError(
        'GDS_CRYPTO_REVOKED_KEY',
        `收件人密钥 ${r.kid} 已吊销`,
        `recipient key ${r.kid} is revoked`,
      );
    }
  }
  const header = makeHeader('sealed', suite.id, signers, options);
  const kids = to.map((r) => r.kid);
  const cek = suite.randomBytes(suite.symmetricKeyLength);
  const ct = suite.encrypt(cek, canonicalizeToBytes(payload), sealAd(header, kids));
  const recipients = to.map((r) => ({ kid: r.kid, key: toBase64Url(suite.seal(cek, r.publicKey)) }));
  cek.fill(0);
  const env: SealedEnvelope = {
    ...header,
    typ: 'sealed',
    sealed: { aead: suite.algorithms.aead, recipients, ct: toBase64Url(ct) },
    proofs: [],
  };
  for (const s of signers) env.proofs.push(await addProof(env, s, options.iat));
  return env;
}

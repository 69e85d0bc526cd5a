import { fromBase64Url } from './_internal/base64.js';
import { fromUtf8 } from './_internal/bytes.js';
import { headerOnly, malformed, parseEnvelope, sealAd } from './_internal/envelope.js';
import { GdsCryptoError } from './errors.js';
import type { KeyStore } from './KeyStore.js';
import { loadSodiumSuite } from './loadSodiumSuite.js';
import { parseJson } from './parseJson.js';
import {
  type VerifiedEnvelope,
  type VerifyEnvelopeOptions,
  verifyProofsAndClaims,
} from './verifyEnvelope.js';

/** Options of {@link openEnvelope}: verification options, plus the recipient's keys. */
export interface OpenEnvelopeOptions extends VerifyEnvelopeOptions {
  /** Holds the recipient's encryption keys (a `Keyring` or any `KeyStore`). */
  decryptWith: Pick<KeyStore, 'has' | 'open'>;
}

/**
 * Verifies a sealed envelope exactly as `verifyEnvelope` does, then, only if it verified, decrypts the
 * payload with a recipient key held in `decryptWith`. Throws `GDS_CRYPTO_NOT_A_RECIPIENT` when none of
 * the recipients' keys is held, and `GDS_CRYPTO_DECRYPT_FAILED` when the ciphertext does not
 * authenticate against the signed header.
 *
 * @example
 * ```ts
 * import { openEnvelope } from '@gds/crypto';
 * const { payload } = await openEnvelope(text, { keys: directory, decryptWith: myRing, audience: 'dept:health' });
 * ```
 */
export async function openEnvelope<T = unknown>(
  envelope: unknown,
  options: OpenEnvelopeOptions,
): Promise<VerifiedEnvelope<T>> {
  const env = parseEnvelope(envelope);
  if (env.typ !== 'sealed')
    throw malformed('这不是密封信封，请用 verifyEnvelope', 'not a sealed envelope: use verifyEnvelope');
  const proofs = await verifyProofsAndClaims(env, options);
  const suites = options.suites ?? [await loadSodiumSuite()];
  const suite = suites.find((s) => s.id === env.suite)!;
  let recipient: { kid: string; key: string } | undefined;
  for (const r of env.sealed.recipients) {
    if (await options.decryptWith.has(r.kid)) {
      recipient = r;
      break;
    }
  }
  if (!recipient) {
    throw new GdsCryptoError(
      'GDS_CRYPTO_NOT_A_RECIPIENT',
      '没有任何收件人密钥可以打开此信封',
      'none of the recipient keys is held here',
    );
  }
  const header = headerOnly(env);
  let payloadText: string;
  try {
    const cek = await options.decryptWith.open(recipient.kid, fromBase64Url(recipient.key));
    const pt = suite.decrypt(
      cek,
      fromBase64Url(env.sealed.ct),
      sealAd(
        header,
        env.sealed.recipients.map((r) => r.kid),
      ),
    );
    cek.fill(0);
    payloadText = fromUtf8(pt);
  } catch (cause) {
    throw new GdsCryptoError(
      'GDS_CRYPTO_DECRYPT_FAILED',
      '无法解密信封内容：密文与签名的信封头不符',
      'the sealed payload does not decrypt against the signed header',
      { cause },
    );
  }
  return { header, payload: parseJson(payloadText) as T, proofs };
}

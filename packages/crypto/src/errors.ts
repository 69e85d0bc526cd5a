import { GdsError, type GdsErrorKind } from '@gds/errors';

/**
 * Every stable error code `@gds/crypto` can throw. The union is closed: a new code is a minor release,
 * a removed one a major release.
 */
export type GdsCryptoErrorCode =
  | 'GDS_CRYPTO_NOT_READY'
  | 'GDS_CRYPTO_INVALID_INPUT'
  | 'GDS_CRYPTO_INVALID_KEY'
  | 'GDS_CRYPTO_JSON_SYNTAX'
  | 'GDS_CRYPTO_JSON_NON_FINITE'
  | 'GDS_CRYPTO_JSON_LONE_SURROGATE'
  | 'GDS_CRYPTO_JSON_DUPLICATE_KEY'
  | 'GDS_CRYPTO_JSON_UNSAFE_INTEGER'
  | 'GDS_CRYPTO_JSON_UNSUPPORTED_TYPE'
  | 'GDS_CRYPTO_MALFORMED'
  | 'GDS_CRYPTO_BAD_SIGNATURE'
  | 'GDS_CRYPTO_UNKNOWN_KEY'
  | 'GDS_CRYPTO_REVOKED_KEY'
  | 'GDS_CRYPTO_RETIRED_KEY'
  | 'GDS_CRYPTO_WRONG_KEY_USE'
  | 'GDS_CRYPTO_EXPIRED'
  | 'GDS_CRYPTO_NOT_YET_VALID'
  | 'GDS_CRYPTO_WRONG_AUDIENCE'
  | 'GDS_CRYPTO_WRONG_ISSUER'
  | 'GDS_CRYPTO_SUITE_NOT_ALLOWED'
  | 'GDS_CRYPTO_NOT_ENOUGH_PROOFS'
  | 'GDS_CRYPTO_NOT_A_RECIPIENT'
  | 'GDS_CRYPTO_DECRYPT_FAILED'
  | 'GDS_CRYPTO_WRONG_PASSPHRASE'
  | 'GDS_CRYPTO_KEY_STORE'
  | 'GDS_CRYPTO_UNSUPPORTED';

/** Whose fault each code is: JSON, envelopes and proofs that do not check out are the data's; keys, passphrases and arguments the call's; a key store the environment's. */
const KINDS: Readonly<Record<GdsCryptoErrorCode, GdsErrorKind>> = {
  GDS_CRYPTO_NOT_READY: 'caller',
  GDS_CRYPTO_INVALID_INPUT: 'caller',
  GDS_CRYPTO_INVALID_KEY: 'caller',
  GDS_CRYPTO_JSON_SYNTAX: 'input',
  GDS_CRYPTO_JSON_NON_FINITE: 'input',
  GDS_CRYPTO_JSON_LONE_SURROGATE: 'input',
  GDS_CRYPTO_JSON_DUPLICATE_KEY: 'input',
  GDS_CRYPTO_JSON_UNSAFE_INTEGER: 'input',
  GDS_CRYPTO_JSON_UNSUPPORTED_TYPE: 'caller',
  GDS_CRYPTO_MALFORMED: 'input',
  GDS_CRYPTO_BAD_SIGNATURE: 'input',
  GDS_CRYPTO_UNKNOWN_KEY: 'input',
  GDS_CRYPTO_REVOKED_KEY: 'input',
  GDS_CRYPTO_RETIRED_KEY: 'input',
  GDS_CRYPTO_WRONG_KEY_USE: 'input',
  GDS_CRYPTO_EXPIRED: 'input',
  GDS_CRYPTO_NOT_YET_VALID: 'input',
  GDS_CRYPTO_WRONG_AUDIENCE: 'input',
  GDS_CRYPTO_WRONG_ISSUER: 'input',
  GDS_CRYPTO_SUITE_NOT_ALLOWED: 'input',
  GDS_CRYPTO_NOT_ENOUGH_PROOFS: 'input',
  GDS_CRYPTO_NOT_A_RECIPIENT: 'input',
  GDS_CRYPTO_DECRYPT_FAILED: 'input',
  GDS_CRYPTO_WRONG_PASSPHRASE: 'caller',
  GDS_CRYPTO_KEY_STORE: 'environment',
  GDS_CRYPTO_UNSUPPORTED: 'caller',
};

/**
 * The one error class of `@gds/crypto`. `code` is stable; `message` is `"<zh>（<en>）"`, with the two
 * halves on `messageZh` and `messageEn`; `cause` is passed through.
 *
 * @example
 * ```ts
 * import { GdsCryptoError, parseJson } from '@gds/crypto';
 * try {
 *   parseJson('{"a":1,"a":2}');
 * } catch (e) {
 *   if (e instanceof GdsCryptoError && e.code === 'GDS_CRYPTO_JSON_DUPLICATE_KEY') {
 *     // reject the input: the sender's intent is ambiguous
 *   }
 * }
 * ```
 */
export class GdsCryptoError extends GdsError<GdsCryptoErrorCode> {
  constructor(code: GdsCryptoErrorCode, zh: string, en: string, options?: { cause?: unknown }) {
    super(code, KINDS[code], zh, en, options);
    this.name = 'GdsCryptoError';
  }
}

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
export class GdsCryptoError extends Error {
  readonly code: GdsCryptoErrorCode;
  readonly messageZh: string;
  readonly messageEn: string;

  constructor(code: GdsCryptoErrorCode, zh: string, en: string, options?: { cause?: unknown }) {
    super(`${zh}（${en}）`, options);
    this.name = 'GdsCryptoError';
    this.code = code;
    this.messageZh = zh;
    this.messageEn = en;
  }
}

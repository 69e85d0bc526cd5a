/**
 * Every stable error code `@gds/policy` can throw, for faults of the caller or the environment. Bad data
 * (a refused grant, a dropped field, a conflict) is reported in results, never thrown.
 *
 * @example
 * ```ts
 * import type { GdsPolicyErrorCode } from '@gds/policy';
 * const code: GdsPolicyErrorCode = 'GDS_POLICY_INVALID_INPUT';
 * ```
 */
export type GdsPolicyErrorCode =
  | 'GDS_POLICY_INVALID_INPUT'
  | 'GDS_POLICY_UNKNOWN_MASKING_RULE'
  | 'GDS_POLICY_UNKNOWN_STANDARD'
  | 'GDS_POLICY_LEDGER'
  | 'GDS_POLICY_IO';

/**
 * The one error class of `@gds/policy`: stable `code`, bilingual `message` `"<zh>（<en>）"` with both
 * halves on `messageZh` / `messageEn`, and `cause` passed through.
 *
 * @example
 * ```ts
 * import { GdsPolicyError, createMaskingRules } from '@gds/policy';
 * try {
 *   createMaskingRules({ 'id-6-4': { keepStart: -1 } });
 * } catch (e) {
 *   if (e instanceof GdsPolicyError) e.code; // 'GDS_POLICY_INVALID_INPUT'
 * }
 * ```
 */
export class GdsPolicyError extends Error {
  readonly code: GdsPolicyErrorCode;
  readonly messageZh: string;
  readonly messageEn: string;

  constructor(code: GdsPolicyErrorCode, zh: string, en: string, options?: { cause?: unknown }) {
    super(`${zh}（${en}）`, options);
    this.name = 'GdsPolicyError';
    this.code = code;
    this.messageZh = zh;
    this.messageEn = en;
  }
}

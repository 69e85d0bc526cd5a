import { GdsError, type GdsErrorKind } from '@gds/errors';

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

/** Whose fault each code is: the file system is the environment's; the rest, a ledger append that failed included (it names the missing signer), the call's. */
const KINDS: Readonly<Record<GdsPolicyErrorCode, GdsErrorKind>> = {
  GDS_POLICY_INVALID_INPUT: 'caller',
  GDS_POLICY_UNKNOWN_MASKING_RULE: 'caller',
  GDS_POLICY_UNKNOWN_STANDARD: 'caller',
  GDS_POLICY_LEDGER: 'caller',
  GDS_POLICY_IO: 'environment',
};

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
export class GdsPolicyError extends GdsError<GdsPolicyErrorCode> {
  constructor(code: GdsPolicyErrorCode, zh: string, en: string, options?: { cause?: unknown }) {
    super(code, KINDS[code], zh, en, options);
    this.name = 'GdsPolicyError';
  }
}

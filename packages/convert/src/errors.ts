/** Every stable code a `GdsConvertError` can carry. Bad data never throws: it becomes issues in the report. */
export type GdsConvertErrorCode =
  | 'GDS_CONVERT_INVALID_MAPPING'
  | 'GDS_CONVERT_UNKNOWN_MAPPING'
  | 'GDS_CONVERT_UNKNOWN_TRANSFORM'
  | 'GDS_CONVERT_UNKNOWN_CROSSWALK'
  | 'GDS_CONVERT_INVALID_CROSSWALK'
  | 'GDS_CONVERT_UNKNOWN_CODE_LIST'
  | 'GDS_CONVERT_UNSUPPORTED_FORMAT'
  | 'GDS_CONVERT_UNSUPPORTED_ENCODING'
  | 'GDS_CONVERT_NO_VALIDATOR'
  | 'GDS_CONVERT_INVALID_OPTION'
  | 'GDS_CONVERT_UNREADABLE_INPUT';

/**
 * The one error class of `@gds/convert`, thrown only for faults of the caller or the environment (a
 * malformed mapping, an unknown transform, an unsupported encoding, an unreadable archive). The message
 * is bilingual, `"<zh>（<en>）"`; the halves are on `messageZh` and `messageEn`.
 *
 * @example
 * ```ts
 * import { GdsConvertError } from '@gds/convert';
 * let problem: string | undefined;
 * try {
 *   // …
 * } catch (e) {
 *   if (e instanceof GdsConvertError && e.code === 'GDS_CONVERT_INVALID_MAPPING') problem = e.messageZh;
 *   else throw e;
 * }
 * ```
 */
export class GdsConvertError extends Error {
  readonly code: GdsConvertErrorCode;
  readonly messageZh: string;
  readonly messageEn: string;
  constructor(code: GdsConvertErrorCode, zh: string, en: string, options?: { cause?: unknown }) {
    super(`${zh}（${en}）`, options);
    this.name = 'GdsConvertError';
    this.code = code;
    this.messageZh = zh;
    this.messageEn = en;
  }
}

import type { MappingProblem } from './checkMapping.js';

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
  /** For a mapping refused when loaded: the JSON pointer of its first problem (`/fields/3/tranforms`). */
  readonly pointer?: string;
  /** For a mapping refused when loaded: every problem found, the first one being this error's. */
  readonly problems?: readonly MappingProblem[];
  constructor(
    code: GdsConvertErrorCode,
    zh: string,
    en: string,
    options?: { cause?: unknown; pointer?: string; problems?: readonly MappingProblem[] },
  ) {
    super(`${zh}（${en}）`, options?.cause !== undefined ? { cause: options.cause } : undefined);
    this.name = 'GdsConvertError';
    this.code = code;
    this.messageZh = zh;
    this.messageEn = en;
    if (options?.pointer !== undefined) this.pointer = options.pointer;
    if (options?.problems !== undefined) this.problems = options.problems;
  }
}

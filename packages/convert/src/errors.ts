import { GdsError, type GdsErrorKind } from '@gds/errors';
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

/** Whose fault each code is: an unreadable file is the data's, everything else the call's. */
const CONVERT_KINDS: Readonly<Record<GdsConvertErrorCode, GdsErrorKind>> = {
  GDS_CONVERT_INVALID_MAPPING: 'caller',
  GDS_CONVERT_UNKNOWN_MAPPING: 'caller',
  GDS_CONVERT_UNKNOWN_TRANSFORM: 'caller',
  GDS_CONVERT_UNKNOWN_CROSSWALK: 'caller',
  GDS_CONVERT_INVALID_CROSSWALK: 'caller',
  GDS_CONVERT_UNKNOWN_CODE_LIST: 'caller',
  GDS_CONVERT_UNSUPPORTED_FORMAT: 'caller',
  GDS_CONVERT_UNSUPPORTED_ENCODING: 'caller',
  GDS_CONVERT_NO_VALIDATOR: 'caller',
  GDS_CONVERT_INVALID_OPTION: 'caller',
  GDS_CONVERT_UNREADABLE_INPUT: 'input',
};

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
export class GdsConvertError extends GdsError<GdsConvertErrorCode> {
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
    super(code, CONVERT_KINDS[code], zh, en, options);
    this.name = 'GdsConvertError';
    if (options?.pointer !== undefined) this.pointer = options.pointer;
    if (options?.problems !== undefined) this.problems = options.problems;
  }
}

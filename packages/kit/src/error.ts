/**
 * Every stable error code `@gds/kit` can throw. The union is closed: a new code is a minor release, a
 * removed one a major release. Bad data (an incompatible change, a modified released file) is reported as
 * findings in a result object, never thrown; these codes are for faults of the caller or the environment.
 */
export type GdsKitErrorCode =
  | 'GDS_KIT_NOT_FOUND'
  | 'GDS_KIT_INVALID_SCHEMA'
  | 'GDS_KIT_INVALID_EXEMPTIONS'
  | 'GDS_KIT_INVALID_MIGRATION'
  | 'GDS_KIT_NO_MIGRATION_PATH'
  | 'GDS_KIT_NO_DRAFT'
  | 'GDS_KIT_NOTHING_TO_RELEASE'
  | 'GDS_KIT_INCOMPATIBLE'
  | 'GDS_KIT_LOCK_MISMATCH'
  | 'GDS_KIT_INVALID_ARGUMENT'
  | 'GDS_KIT_PROFILE_VIOLATION'
  | 'GDS_KIT_STALE_GENERATED';

/**
 * The one error class of `@gds/kit`. `code` is stable; `message` is `"<zh>（<en>）"`, with the two halves on
 * `messageZh` and `messageEn`; `cause` is passed through.
 *
 * @example
 * ```ts
 * import { GdsKitError, loadSchemaVersion } from '@gds/kit';
 * try {
 *   loadSchemaVersion('person', '9.9.9');
 * } catch (e) {
 *   if (e instanceof GdsKitError && e.code === 'GDS_KIT_NOT_FOUND') {
 *     // the version does not exist
 *   }
 * }
 * ```
 */
export class GdsKitError extends Error {
  readonly code: GdsKitErrorCode;
  readonly messageZh: string;
  readonly messageEn: string;

  /** Details, one line each (e.g. every profile violation with its schema path). */
  readonly details: readonly string[];

  constructor(
    code: GdsKitErrorCode,
    zh: string,
    en: string,
    options?: { cause?: unknown; details?: readonly string[] },
  ) {
    const details = options?.details ?? [];
    super(`${zh}（${en}）${details.length ? `\n${details.map((d) => `  - ${d}`).join('\n')}` : ''}`, options);
    this.details = details;
    this.name = 'GdsKitError';
    this.code = code;
    this.messageZh = zh;
    this.messageEn = en;
  }
}

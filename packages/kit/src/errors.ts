import { GdsError, type GdsErrorKind } from '@gds/errors';

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
 * Whose fault each code is: a schema, exemption list, migration or lock file that is wrong, an
 * incompatible change and a stale generated file are the data's; the rest the call's.
 */
const KINDS: Readonly<Record<GdsKitErrorCode, GdsErrorKind>> = {
  GDS_KIT_NOT_FOUND: 'caller',
  GDS_KIT_INVALID_SCHEMA: 'input',
  GDS_KIT_INVALID_EXEMPTIONS: 'input',
  GDS_KIT_INVALID_MIGRATION: 'input',
  GDS_KIT_NO_MIGRATION_PATH: 'caller',
  GDS_KIT_NO_DRAFT: 'caller',
  GDS_KIT_NOTHING_TO_RELEASE: 'caller',
  GDS_KIT_INCOMPATIBLE: 'input',
  GDS_KIT_LOCK_MISMATCH: 'input',
  GDS_KIT_INVALID_ARGUMENT: 'caller',
  GDS_KIT_PROFILE_VIOLATION: 'input',
  GDS_KIT_STALE_GENERATED: 'input',
};

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
export class GdsKitError extends GdsError<GdsKitErrorCode> {
  /** Details, one line each (e.g. every profile violation with its schema path). */
  readonly details: readonly string[];

  constructor(
    code: GdsKitErrorCode,
    zh: string,
    en: string,
    options?: { cause?: unknown; details?: readonly string[] },
  ) {
    const details = options?.details ?? [];
    super(code, KINDS[code], zh, en, options);
    if (details.length) this.message += `\n${details.map((d) => `  - ${d}`).join('\n')}`;
    this.details = details;
    this.name = 'GdsKitError';
  }
}

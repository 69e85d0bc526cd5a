import { GdsError } from '@gds/errors';

/**
 * Every stable error code `@gds/store` can throw, for faults of the caller or the environment. Bad
 * records in a submission are not thrown: they are refused with their issues in the ingest result.
 *
 * @example
 * ```ts
 * import type { GdsStoreErrorCode } from '@gds/store';
 * const code: GdsStoreErrorCode = 'GDS_STORE_UNKNOWN_STANDARD';
 * ```
 */
export type GdsStoreErrorCode =
  /** An argument of the wrong type or shape (a record that is not an object, a missing department). */
  | 'GDS_STORE_INVALID_INPUT'
  /** A submission or query naming a standard or version this build does not ship. */
  | 'GDS_STORE_UNKNOWN_STANDARD'
  /** A full export from a department that is the authoritative source of no field of the standard. */
  | 'GDS_STORE_NOT_A_SOURCE'
  /** A golden record, correction or submission that does not exist. */
  | 'GDS_STORE_NOT_FOUND'
  /** A correction naming a field the standard does not have. */
  | 'GDS_STORE_UNKNOWN_FIELD'
  /** A correction decided by a department that is not the field's authoritative source, or twice. */
  | 'GDS_STORE_CORRECTION_STATE'
  /** The store is closed, corrupt, or its backend failed (SQLite, PostgreSQL, file system). */
  | 'GDS_STORE_BACKEND'
  /** A file could not be read or written (batch merge of files). */
  | 'GDS_STORE_IO';

/**
 * The one error class of `@gds/store`: stable `code`, bilingual `message` `"<zh>（<en>）"` with both
 * halves on `messageZh` / `messageEn`, and `cause` passed through.
 *
 * @example
 * ```ts
 * import { GdsStoreError, mergeRecords } from '@gds/store';
 * try {
 *   mergeRecords([], { standard: undefined as never });
 * } catch (e) {
 *   if (e instanceof GdsStoreError) e.code; // 'GDS_STORE_INVALID_INPUT'
 * }
 * ```
 */
export class GdsStoreError extends GdsError<GdsStoreErrorCode> {
  /** Whose fault: `environment` for a failed backend or file, else `caller`. */
  declare readonly kind: 'caller' | 'environment';

  constructor(code: GdsStoreErrorCode, zh: string, en: string, options?: { cause?: unknown }) {
    super(
      code,
      code === 'GDS_STORE_BACKEND' || code === 'GDS_STORE_IO' ? 'environment' : 'caller',
      zh,
      en,
      options,
    );
    this.name = 'GdsStoreError';
  }
}

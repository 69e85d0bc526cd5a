import type { Issue } from './issue.js';

/** Stable codes of the errors `@gds/schema` throws. */
export type GdsSchemaErrorCode = 'GDS_SCHEMA_INVALID_RECORD' | 'GDS_SCHEMA_UNKNOWN_STANDARD';

/**
 * The one error class of `@gds/schema`. Thrown only by `parse()` (the caller asked for an exception
 * instead of a result) and by lookups of standards that do not exist.
 *
 * @example
 * ```ts
 * import { GdsSchemaError, person } from '@gds/schema';
 * try { person.parse({}); } catch (e) { if (e instanceof GdsSchemaError) e.issues.length; }
 * ```
 */
export class GdsSchemaError extends Error {
  override readonly name = 'GdsSchemaError';
  readonly code: GdsSchemaErrorCode;
  readonly messageZh: string;
  readonly messageEn: string;
  /** For `GDS_SCHEMA_INVALID_RECORD`: every issue found, errors and warnings. */
  readonly issues: readonly Issue[];
  constructor(
    code: GdsSchemaErrorCode,
    zh: string,
    en: string,
    issues: readonly Issue[] = [],
    options?: { cause?: unknown },
  ) {
    super(`${zh}（${en}）`, options);
    this.code = code;
    this.messageZh = zh;
    this.messageEn = en;
    this.issues = issues;
  }
}

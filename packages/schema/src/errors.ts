import { GdsError } from '@gds/errors';
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
export class GdsSchemaError extends GdsError<GdsSchemaErrorCode> {
  override readonly name = 'GdsSchemaError';
  /** For `GDS_SCHEMA_INVALID_RECORD`: every issue found, errors and warnings. */
  readonly issues: readonly Issue[];
  constructor(
    code: GdsSchemaErrorCode,
    zh: string,
    en: string,
    issues: readonly Issue[] = [],
    options?: { cause?: unknown },
  ) {
    // An invalid record is the data's fault; an unknown standard the call's.
    super(code, code === 'GDS_SCHEMA_INVALID_RECORD' ? 'input' : 'caller', zh, en, options);
    this.issues = issues;
  }
}

import type { Severity } from '../catalogue/entry.js';
import type { IssueCode } from '../issue.js';

/**
 * One problem an identifier algorithm found, before it is placed at a path in a record: the issue
 * code, its message parameters and, when it differs from the catalogue default, its severity.
 *
 * @example
 * ```ts
 * import { checkResidentId, type IdentifierFinding } from '@gds/schema';
 * const findings: IdentifierFinding[] = checkResidentId('11010519491231002x').findings;
 * findings[0]?.code; // 'id_card.lowercase_x'
 * ```
 */
export interface IdentifierFinding {
  code: IssueCode;
  params: Readonly<Record<string, unknown>>;
  /** Set only when the severity is not the catalogue's default for the code. */
  severity?: Severity;
}

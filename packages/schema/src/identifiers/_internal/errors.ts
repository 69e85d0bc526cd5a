import { ISSUE_CATALOGUE } from '../../catalogue/index.js';
import type { IdentifierFinding } from '../finding.js';

/** Whether any finding is an error, by its own severity or else the catalogue's default. */
export function hasError(findings: readonly IdentifierFinding[]): boolean {
  return findings.some((f) => (f.severity ?? ISSUE_CATALOGUE[f.code].severity) === 'error');
}

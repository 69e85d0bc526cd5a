import { codelistIssues } from './codelists.js';
import { convertIssues } from './convert.js';
import { identifierIssues } from './identifiers.js';
import { structureIssues } from './structure.js';

/**
 * Every issue code GDS can raise, with its default severity and its zh-CN and English messages.
 * The codes are stable: a code is never renamed or reused once released.
 */
export const ISSUE_CATALOGUE = {
  ...structureIssues,
  ...codelistIssues,
  ...identifierIssues,
  ...convertIssues,
} as const;

import {
  createIssue,
  type Issue,
  type IssueCode,
  type IssuePath,
  type Locale,
  type SourcePosition,
} from '@gds/schema';

/** Builds an issue with a source position (the schema's `createIssue` plus `source`). */
export function sourceIssue(
  code: IssueCode,
  params: Readonly<Record<string, unknown>>,
  locale: Locale,
  source: SourcePosition | undefined,
  path: IssuePath = [],
): Issue {
  const issue = createIssue(code, path, params, locale);
  if (source) issue.source = source;
  return issue;
}

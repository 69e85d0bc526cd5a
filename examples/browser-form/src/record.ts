import type { Issue } from '@gds/schema';

/**
 * Builds the record from the form's values, keyed by JSON Pointer. An empty control leaves its field out,
 * so a missing required field is reported by the validator, not invented here; a group (an address, a
 * contact) appears as soon as one of its controls has a value.
 */
export function buildRecord(
  values: Iterable<readonly [pointer: string, value: string]>,
): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const [pointer, value] of values) {
    if (value === '') continue;
    const keys = pointer.split('/').slice(1).map(unescapeToken);
    let node: Record<string, unknown> | unknown[] = record;
    for (let i = 0; i < keys.length - 1; i++) {
      const key = keys[i]!;
      const slot = (node as Record<string, unknown>)[key];
      // The next key decides the container: a numeric one is an array index.
      const next = slot ?? (/^\d+$/.test(keys[i + 1]!) ? [] : {});
      (node as Record<string, unknown>)[key] = next;
      node = next as Record<string, unknown> | unknown[];
    }
    (node as Record<string, unknown>)[keys[keys.length - 1]!] = value;
  }
  return record;
}

/** Where an issue is shown: under the control of its field, or in the summary when no control edits it. */
export interface PlacedIssues {
  byPointer: Map<string, Issue[]>;
  unplaced: Issue[];
}

/**
 * Sorts issues by the control they belong to. A `required` issue is reported on the object that lacks the
 * property (`path` = the parent, `params.property` = the name), so it goes to the missing field's control.
 * Nothing is dropped: an issue with no control is returned in `unplaced`.
 */
export function placeIssues(issues: readonly Issue[], pointers: ReadonlySet<string>): PlacedIssues {
  const byPointer = new Map<string, Issue[]>();
  const unplaced: Issue[] = [];
  for (const issue of issues) {
    const pointer = issuePointer(issue);
    if (pointers.has(pointer)) {
      const list = byPointer.get(pointer) ?? [];
      list.push(issue);
      byPointer.set(pointer, list);
    } else unplaced.push(issue);
  }
  return { byPointer, unplaced };
}

/** The JSON Pointer of the field an issue is about. */
export function issuePointer(issue: Issue): string {
  const path =
    issue.code === 'required' && typeof issue.params.property === 'string'
      ? [...issue.path, issue.params.property]
      : issue.path;
  return path.map((key) => `/${escapeToken(String(key))}`).join('');
}

function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

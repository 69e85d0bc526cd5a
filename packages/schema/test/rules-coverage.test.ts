import { getStandard, ISSUE_CATALOGUE, type IssueCode, listStandards } from '@gds/schema';
import { listExamples } from '@gds/standards/fs';
import { expect, test } from 'vitest';

// The worked examples together cover every identifier and object rule: each of their error codes is
// named by an invalid example, each warning is raised by some example (a warning never invalidates).
const NOW = new Date('2026-01-01T00:00:00Z');
const RULE_PREFIXES = [
  'id_card.',
  'credit_code.',
  'division.',
  'phone.',
  'postal_code.',
  'identity_document.',
  'organization.',
  'household.',
  'case.',
  'geometry.',
  'period.',
];
const ruleCodes = (Object.keys(ISSUE_CATALOGUE) as IssueCode[]).filter(
  (code) => code === 'duplicate_value' || RULE_PREFIXES.some((p) => code.startsWith(p)),
);

test('every rule issue code is exercised by the worked examples', () => {
  const raised = new Set<string>();
  const named = new Set<string>();
  for (const entity of new Set(listStandards().map((s) => s.entity))) {
    const standard = getStandard(entity)!;
    for (const example of listExamples(entity)) {
      for (const issue of standard.validate(example.value, { now: NOW }).issues) raised.add(issue.code);
      if (example.expectedCode) named.add(example.expectedCode);
    }
  }
  expect(ruleCodes.length).toBeGreaterThan(30);
  expect(ruleCodes.filter((code) => !raised.has(code))).toEqual([]);
  expect(ruleCodes.filter((code) => ISSUE_CATALOGUE[code].severity === 'error' && !named.has(code))).toEqual(
    [],
  );
});

import { getStandard, listStandards } from '@gds/schema';
import { listExamples } from '@gds/standards/fs';
import { describe, expect, it } from 'vitest';

// Worked examples are the standards' own test vectors: each valid one validates, each invalid one
// fails and raises the code its file name starts with (`<code>--<slug>.json`).
const NOW = new Date('2026-01-01T00:00:00Z');
const entities = [...new Set(listStandards().map((s) => s.entity))];

describe.each(entities)('%s examples', (entity) => {
  const standard = getStandard(entity)!;
  const examples = listExamples(entity);

  it('has worked examples', () => {
    expect(examples.filter((e) => e.valid).length).toBeGreaterThan(0);
    expect(examples.filter((e) => !e.valid).length).toBeGreaterThan(0);
  });

  it.each(examples.filter((e) => e.valid).map((e) => [e.name, e] as const))('valid: %s', (_, example) => {
    const result = standard.validate(example.value, { now: NOW });
    expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it.each(examples.filter((e) => !e.valid).map((e) => [e.name, e] as const))('invalid: %s', (_, example) => {
    expect(example.expectedCode, 'an invalid example names its issue code before "--"').toBeTruthy();
    const result = standard.validate(example.value, { now: NOW });
    expect(result.ok).toBe(false);
    expect(result.issues.map((i) => i.code)).toContain(example.expectedCode);
  });
});

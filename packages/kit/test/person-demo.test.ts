import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkCompatibility, planUpgrade, readExemptions, upgrade } from '@gds/kit';
import { getStandard } from '@gds/schema';
import { afterAll, describe, expect, it } from 'vitest';

// The real person standard (issue 8, acceptance 2 and 3): 1.0.0, 1.1.0 (email added, phone deprecated)
// and the 2.0.0 draft in schemas/person/next/ (residence renamed currentResidence; health split into
// health-status and disability-category), with its exemption in compat/exemptions.json and its
// migration fixtures in compat/migrations/person/<from>--<to>/.
const standards = join(import.meta.dirname, '..', '..', '..', 'standards');
const cases = join(standards, 'compat', 'migrations', 'person');
const read = (p: string) => JSON.parse(readFileSync(p, 'utf8'));

function validateDraft(record: unknown) {
  const draft = getStandard('person', 'next');
  if (!draft) throw new Error('the person draft is not generated: run npm run generate');
  return draft.validate(record);
}

describe('person 2.0.0 draft: compatibility check and its exemption', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('passes with the recorded exemptions, each with a reason and an approver', () => {
    const person = readExemptions({ root: standards }).filter((e) => e.entity === 'person');
    expect(person.map((e) => `${e.kind} ${e.path}`).sort()).toEqual([
      'codelist.replaced /health',
      'field.renamed /currentResidence',
    ]);
    for (const e of person) {
      expect(e.reason.length).toBeGreaterThan(0);
      expect(e.approver.length).toBeGreaterThan(0);
    }
    const result = checkCompatibility('person', { root: standards });
    expect(result.ok).toBe(true);
    expect(result.against).toEqual(['1.0.0', '1.1.0']);
    expect(result.exempted.map((v) => `${v.against} ${v.change.kind} ${v.change.path}`).sort()).toEqual([
      '1.0.0 codelist.replaced /health',
      '1.0.0 field.renamed /currentResidence',
      '1.1.0 codelist.replaced /health',
      '1.1.0 field.renamed /currentResidence',
    ]);
  });

  it('fails on a copy of standards/ without the exemption, and passes again once it is restored', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gds-person-demo-'));
    dirs.push(dir);
    cpSync(standards, dir, { recursive: true });
    const file = join(dir, 'compat', 'exemptions.json');
    const recorded = read(file);
    writeFileSync(
      file,
      JSON.stringify({
        ...recorded,
        exemptions: recorded.exemptions.filter((e: { entity: string }) => e.entity !== 'person'),
      }),
    );
    const without = checkCompatibility('person', { root: dir });
    expect(without.ok).toBe(false);
    expect(without.violations.map((v) => `${v.against} ${v.change.kind} ${v.change.path}`).sort()).toEqual([
      '1.0.0 codelist.replaced /health',
      '1.0.0 field.renamed /currentResidence',
      '1.1.0 codelist.replaced /health',
      '1.1.0 field.renamed /currentResidence',
    ]);
    writeFileSync(file, JSON.stringify(recorded));
    expect(checkCompatibility('person', { root: dir }).ok).toBe(true);
  });
});

describe('person migrations', () => {
  it('chains 1.0.0 → 1.1.0 → 2.0.0 draft', () => {
    expect(
      planUpgrade('person', { root: standards, from: '1.0.0', to: 'next' }).map((m) => `${m.from}→${m.to}`),
    ).toEqual(['1.0.0→1.1.0', '1.1.0→next']);
  });

  it('every 1.0.0 worked example upgrades to the 2.0.0 draft and validates there', () => {
    const dir = join(standards, 'examples', 'person', 'valid');
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const record = read(join(dir, file));
      expect(getStandard('person', '1.0.0')?.validate(record).ok, file).toBe(true);
      const result = upgrade('person', record, { root: standards, from: '1.0.0', to: 'next' });
      expect(result.issues, file).toEqual([]);
      expect(result.ok, file).toBe(true);
      const checked = validateDraft(result.value);
      expect(checked.ok, `${file}: ${JSON.stringify(checked.issues)}`).toBe(true);
    }
  });

  const rows = readdirSync(cases).flatMap((step) =>
    readdirSync(join(cases, step))
      .filter((f) => f.endsWith('.input.json'))
      .map((f) => [`${step}/${f.replace('.input.json', '')}`, step, f] as const),
  );

  it('there are fixtures for every step', () => {
    expect(new Set(rows.map((r) => r[1]))).toEqual(new Set(['1.0.0--1.1.0', '1.1.0--next', '1.0.0--next']));
  });

  it.each(rows)('fixture %s', (_name, step, file) => {
    const [from, to] = step.split('--') as [string, string];
    const expected = read(join(cases, step, file.replace('.input.json', '.expected.json')));
    const result = upgrade('person', read(join(cases, step, file)), { root: standards, from, to });
    expect(result.value ?? null).toEqual(expected.value);
    expect(result.ok).toBe(expected.value !== null);
    expect(result.issues.map((i) => i.code)).toEqual(expected.issues);
    if (expected.value !== null) {
      const checked = getStandard('person', to)?.validate(result.value);
      expect(checked?.ok, JSON.stringify(checked?.issues)).toBe(true);
    }
  });
});

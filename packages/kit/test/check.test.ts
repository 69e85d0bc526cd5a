import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkCompatibility, type Exemption, GdsKitError, readExemptions } from '@gds/kit';
import { afterEach, describe, expect, it } from 'vitest';

// Fixture person standard: 1.0.0, 1.1.0 (optional fields added, phone deprecated) and a 2.0.0 draft in
// next/ (name renamed fullName, phone removed, marital status split). See fixtures/standards.
const fixture = join(import.meta.dirname, 'fixtures', 'standards');

const breaking: Exemption[] = [
  {
    entity: 'person',
    kind: 'field.renamed',
    path: '/fullName',
    reason: '与国家标准用语一致',
    approver: '标准化技术委员会',
  },
  {
    entity: 'person',
    kind: 'field.removed_optional',
    path: '/phone',
    reason: '1.1.0 起已废止',
    approver: '标准化技术委员会',
  },
  {
    entity: 'person',
    kind: 'codelist.code_removed_closed',
    path: '/maritalStatus',
    reason: '婚次拆分到 marriageOrder',
    approver: '标准化技术委员会',
  },
];

describe('checkCompatibility', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('fails the person 2.0.0 draft without an exemption, naming each breaking change and release', () => {
    const result = checkCompatibility('person', { root: fixture, exemptions: [] });
    expect(result.ok).toBe(false);
    expect(result.policy).toBe('BACKWARD_TRANSITIVE');
    expect(result.against).toEqual(['1.0.0', '1.1.0']);
    expect(result.violations.map((v) => `${v.against} ${v.change.kind} ${v.change.path}`)).toEqual([
      '1.0.0 field.renamed /fullName',
      '1.0.0 field.removed_optional /phone',
      '1.0.0 codelist.code_removed_closed /maritalStatus',
      '1.1.0 field.renamed /fullName',
      '1.1.0 field.removed_optional /phone',
      '1.1.0 codelist.code_removed_closed /maritalStatus',
    ]);
  });

  it('passes with recorded exemptions, and reports what they excused', () => {
    const result = checkCompatibility('person', { root: fixture, exemptions: breaking });
    expect(result.ok).toBe(true);
    expect(result.exempted).toHaveLength(6);
    expect(result.exempted[0]?.exemption?.approver).toBe('标准化技术委员会');
  });

  it('reads exemptions from standards/compat/exemptions.json', () => {
    dir = mkdtempSync(join(tmpdir(), 'gds-kit-check-'));
    cpSync(fixture, dir, { recursive: true });
    expect(checkCompatibility('person', { root: dir }).ok).toBe(false);
    writeFileSync(join(dir, 'compat', 'exemptions.json'), JSON.stringify({ exemptions: breaking }));
    expect(readExemptions({ root: dir })).toHaveLength(3);
    expect(checkCompatibility('person', { root: dir }).ok).toBe(true);
  });

  it('an exemption limited to one release does not excuse the other', () => {
    const only11 = breaking.map((e) => ({ ...e, against: '1.1.0' }));
    const result = checkCompatibility('person', { root: fixture, exemptions: only11 });
    expect(result.ok).toBe(false);
    expect(new Set(result.violations.map((v) => v.against))).toEqual(new Set(['1.0.0']));
  });

  it('non-transitive policies compare with the latest release only', () => {
    expect(
      checkCompatibility('person', { root: fixture, policy: 'BACKWARD', exemptions: [] }).against,
    ).toEqual(['1.1.0']);
  });

  it('FORWARD and FULL look at readers: the 1.1.0 additions are forward-incompatible in a closed model', () => {
    const forward = checkCompatibility('person', {
      root: fixture,
      policy: 'FORWARD',
      version: '1.1.0',
      exemptions: [],
    });
    expect(forward.ok).toBe(false);
    expect(forward.violations.map((v) => v.change.kind)).toEqual([
      'field.added_optional',
      'field.added_optional',
    ]);
    expect(
      checkCompatibility('person', { root: fixture, policy: 'BACKWARD', version: '1.1.0', exemptions: [] })
        .ok,
    ).toBe(true);
    expect(
      checkCompatibility('person', { root: fixture, policy: 'FULL', version: '1.1.0', exemptions: [] }).ok,
    ).toBe(false);
    expect(checkCompatibility('person', { root: fixture, policy: 'NONE', exemptions: [] }).ok).toBe(true);
  });

  it('a new field must say it is new: x-gds-since "next", not an older version', () => {
    dir = mkdtempSync(join(tmpdir(), 'gds-kit-check-'));
    cpSync(fixture, dir, { recursive: true });
    const file = join(dir, 'schemas/person/next/person.schema.json');
    const draft = JSON.parse(readFileSync(file, 'utf8'));
    draft.properties.marriageOrder['x-gds-since'] = '1.0.0';
    writeFileSync(file, JSON.stringify(draft));
    const result = checkCompatibility('person', { root: dir, exemptions: breaking });
    expect(result.ok).toBe(false);
    expect(result.violations).toEqual([]);
    expect(result.problems.map((p) => `${p.code} ${p.path}`)).toEqual(['since.wrong /marriageOrder']);
    expect(checkCompatibility('person', { root: fixture, exemptions: breaking }).problems).toEqual([]);
  });

  it('refuses an exemption without a reason or an approver', () => {
    dir = mkdtempSync(join(tmpdir(), 'gds-kit-check-'));
    cpSync(fixture, dir, { recursive: true });
    writeFileSync(
      join(dir, 'compat', 'exemptions.json'),
      JSON.stringify({
        exemptions: [
          { entity: 'person', kind: 'field.renamed', path: '/fullName', reason: 'x', approver: ' ' },
        ],
      }),
    );
    expect(() => readExemptions({ root: dir })).toThrowError(
      expect.objectContaining({ code: 'GDS_KIT_INVALID_EXEMPTIONS' }) as unknown as Error,
    );
    expect(() => checkCompatibility('person', { root: dir })).toThrow(GdsKitError);
  });

  it('checks the shipped standards (the draft of every entity) under BACKWARD_TRANSITIVE', async () => {
    const { listEntities, listVersions } = await import('@gds/standards/fs');
    for (const entity of listEntities()) {
      if (!listVersions(entity).includes('next')) continue;
      const result = checkCompatibility(entity);
      expect(
        result.violations.map((v) => v.change.messageEn),
        entity,
      ).toEqual([]);
    }
  });
});

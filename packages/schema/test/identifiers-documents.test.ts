import { fc, test as prop } from '@fast-check/vitest';
import {
  checkIdCardConsistency,
  checkIdentityDocument,
  checkResidentId,
  GB11643_DOCUMENT_TYPES,
  person,
  residentIdCheckCharacter,
} from '@gds/schema';
import { readCodeList } from '@gds/standards/fs';
import { describe, expect, test } from 'vitest';

const codes = (findings: readonly { code: string }[]) => findings.map((f) => f.code);

describe('checkIdentityDocument', () => {
  test.each([
    ['resident-id', '11010519491231002X'],
    ['temporary-resident-id', '11010519491231002X'],
    ['hk-macao-taiwan-residence-permit', '810000199001010019'],
    ['hk-macao-taiwan-residence-permit', '830000199202290030'],
    ['cn-passport', 'E12345678'],
    ['cn-passport', 'EA1234567'],
    ['cn-passport', 'G12345678'],
    ['foreign-passport', 'X1234567'],
    ['hk-macao-travel-permit', 'H12345678'],
    ['hk-macao-travel-permit', 'M1234567801'],
    ['taiwan-travel-permit', '12345678'],
    ['foreign-permanent-residence-id', 'USA110078031501'],
    ['foreign-permanent-residence-id', '911011198001010018'],
    ['other', 'anything at all'],
    ['a-local-code', 'anything'],
  ])('%s %s passes', (type, number) => {
    expect(checkIdentityDocument(type, number)).toEqual({ valid: true, findings: [] });
  });

  test('a 2023 foreign permanent residence ID with a wrong MOD 11-2 check character is a warning', () => {
    const r = checkIdentityDocument('foreign-permanent-residence-id', '911011198001010012');
    expect(r.valid).toBe(true);
    expect(r.findings).toEqual([
      {
        code: 'identity_document.check_character',
        params: { type: 'foreign-permanent-residence-id', number: '911011198001010012', expected: '8' },
      },
    ]);
  });

  test('GB 11643 types are checked as such, with errors', () => {
    const r = checkIdentityDocument('resident-id', '110105194912310021');
    expect(r.valid).toBe(false);
    expect(codes(r.findings)).toEqual(['id_card.check_digit']);
  });

  test('a residence permit outside 810000/820000/830000 is a warning; its check character an error', () => {
    const warned = checkIdentityDocument('hk-macao-taiwan-residence-permit', '11010519491231002X');
    expect(warned.valid).toBe(true);
    expect(codes(warned.findings)).toEqual(['identity_document.region_code']);
    expect(checkIdentityDocument('hk-macao-taiwan-residence-permit', '810000199001010010').valid).toBe(false);
  });

  test.each([
    ['cn-passport', 'E1234'],
    ['foreign-passport', 'ab'],
    ['hk-macao-travel-permit', 'H1234567'],
    ['taiwan-travel-permit', 'T1234567'],
    ['foreign-permanent-residence-id', '12345'],
  ])('an unusual %s number %s is only a warning (the format is unverified)', (type, number) => {
    const r = checkIdentityDocument(type, number);
    expect(r.valid).toBe(true);
    expect(codes(r.findings)).toEqual(['identity_document.number_format']);
  });

  test('the GB 11643 types agree with the number_rule column of identity-document-type', () => {
    const list = readCodeList('identity-document-type');
    const gb11643 = list.entries.filter((e) => e.extra.number_rule === 'gb11643').map((e) => e.code);
    expect([...GB11643_DOCUMENT_TYPES].sort()).toEqual(gb11643.sort());
  });
});

describe('checkIdCardConsistency', () => {
  const doc = { type: 'resident-id', number: '11010519491231002X' };

  test('agreeing birth date and sex raise nothing', () => {
    expect(checkIdCardConsistency(doc, '1949-12-31', '2')).toEqual([]);
  });
  test('a different birth date', () => {
    expect(checkIdCardConsistency(doc, '1949-12-30', '2')).toEqual([
      {
        field: 'birthDate',
        code: 'id_card.birth_date_mismatch',
        params: { birthDate: '1949-12-30', idBirthDate: '1949-12-31' },
      },
    ]);
  });
  test('a different sex', () => {
    expect(codes(checkIdCardConsistency(doc, '1949-12-31', '1'))).toEqual(['id_card.sex_mismatch']);
  });
  test.each(['1949/12/31', '1949-12-32', '1949-02-29', '19491231', ''])(
    'a birth date that is no real date (%s) is for the date format to report, not a mismatch',
    (birthDate) => {
      expect(checkIdCardConsistency(doc, birthDate, '2')).toEqual([]);
      const record = { id: 'p1', identity: doc, name: '张三', sex: '2', birthDate };
      expect(person.validate(record).issues.map((i) => `${i.code} ${i.path.join('/')}`)).toEqual([
        'format birthDate',
      ]);
    },
  );
  test.each(['0', '9', '5', '6', undefined])('sex %s is not compared', (sex) => {
    expect(checkIdCardConsistency(doc, '1949-12-31', sex)).toEqual([]);
  });
  test('other document types and malformed numbers are not compared', () => {
    expect(checkIdCardConsistency({ type: 'cn-passport', number: 'E12345678' }, '2000-01-01', '1')).toEqual(
      [],
    );
    expect(checkIdCardConsistency({ type: 'resident-id', number: '1101051949' }, '2000-01-01', '1')).toEqual(
      [],
    );
  });
  test('a lower-case x still yields the embedded date and sex', () => {
    expect(
      codes(checkIdCardConsistency({ type: 'resident-id', number: '11010519491231002x' }, '1950-01-01', '1')),
    ).toEqual(['id_card.birth_date_mismatch', 'id_card.sex_mismatch']);
  });
  test('residence permits embed birth date and sex the same way', () => {
    const permit = { type: 'hk-macao-taiwan-residence-permit', number: '820000198511110025' };
    expect(checkIdCardConsistency(permit, '1985-11-11', '2')).toEqual([]);
    expect(codes(checkIdCardConsistency(permit, '1985-11-11', '1'))).toEqual(['id_card.sex_mismatch']);
  });
});

prop.prop([
  fc.date({ min: new Date('1800-01-01'), max: new Date('2025-12-31'), noInvalidDate: true }),
  fc.stringMatching(/^\d{3}$/),
  fc.constantFrom('1', '2'),
])('the consistency rule reads the same date and sex as checkResidentId', (date, seq, otherSex) => {
  const first17 = `110105${date.toISOString().slice(0, 10).replaceAll('-', '')}${seq}`;
  const number = first17 + residentIdCheckCharacter(first17);
  const parts = checkResidentId(number).parts!;
  const doc = { type: 'resident-id', number };
  expect(checkIdCardConsistency(doc, parts.birthDate, parts.sex)).toEqual([]);
  expect(checkIdCardConsistency(doc, parts.birthDate, otherSex).length).toBe(otherSex === parts.sex ? 0 : 1);
});

// The validators recognise a clean identity number, a birth date and sex that agree with it, and a
// known division code without building findings. These properties pin those shortcuts to the full
// algorithms: whatever the record, validate() reports exactly what the exported checks find.
import { fc, test as prop } from '@fast-check/vitest';
import {
  checkIdCardConsistency,
  checkIdentityDocument,
  formatIssueMessage,
  ISSUE_CATALOGUE,
  type Issue,
  person,
  residentIdCheckCharacter,
} from '@gds/schema';
import { describe, expect, test } from 'vitest';

const NOW = new Date('2026-06-30T12:00:00+08:00');

// Numbers near the valid ones: real and unreal dates, right and wrong check characters, lower-case x,
// unknown provinces, residence-permit prefixes, future births, wrong lengths and stray characters.
const prefix = fc.constantFrom(
  '110105',
  '340524',
  '513101',
  '810000',
  '820000',
  '830000',
  '990101',
  '000000',
);
const yyyymmdd = fc.oneof(
  fc
    .date({ min: new Date('1790-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10).replaceAll('-', '')),
  fc.constantFrom('19000229', '20000229', '20260630', '20260701', '19991331', '20010230'),
);
const near = fc
  .tuple(prefix, yyyymmdd, fc.stringMatching(/^\d{3}$/), fc.constantFrom('right', 'wrong', 'lower-x', 'X'))
  .map(([p, d, s, check]) => {
    const first17 = `${p}${d}${s}`;
    const right = residentIdCheckCharacter(first17);
    if (check === 'right') return first17 + right;
    if (check === 'lower-x') return first17 + (right === 'X' ? 'x' : right);
    if (check === 'X') return `${first17}X`;
    return first17 + String((Number(right === 'X' ? 10 : right) + 1) % 10);
  });
const number = fc.oneof(
  { weight: 8, arbitrary: near },
  { weight: 1, arbitrary: near.map((n) => n.slice(0, 17)) },
  { weight: 1, arbitrary: fc.string({ minLength: 18, maxLength: 18 }) },
);
const documentType = fc.constantFrom(
  'resident-id',
  'temporary-resident-id',
  'hk-macao-taiwan-residence-permit',
  'cn-passport',
);

const at = (issues: readonly Issue[], path: string) =>
  issues
    .filter((i) => i.path.join('/') === path)
    .map((i) => ({ code: i.code, params: i.params, severity: i.severity }))
    .sort((a, b) => a.code.localeCompare(b.code));

describe('validate() reports what the full identifier checks find', () => {
  prop.prop([documentType, number], { numRuns: 3000 })('identity/number', (type, value) => {
    const record = {
      id: 'p1',
      identity: { type, number: value },
      name: '张三',
      sex: '9',
      birthDate: '1990-01-01',
    };
    const issues = person.validate(record, { now: NOW }).issues;
    const expected = checkIdentityDocument(type, value, { now: NOW }).findings.map((f) => ({
      code: f.code,
      params: f.params,
      severity: f.severity ?? issues.find((i) => i.code === f.code)?.severity,
    }));
    expect(at(issues, 'identity/number')).toEqual(expected.sort((a, b) => a.code.localeCompare(b.code)));
  });

  // The record's birth date: the number's own, the same with one digit changed, or anything.
  const withBirthDate = fc
    .tuple(near, fc.integer({ min: -2, max: 7 }), fc.integer({ min: 0, max: 9 }), fc.string())
    .map(([value, change, digit, other]) => {
      if (change === -2) return [value, other] as const;
      const d = [...value.slice(6, 14)];
      if (change >= 0) d[change] = String(digit);
      return [value, `${d.slice(0, 4).join('')}-${d.slice(4, 6).join('')}-${d.slice(6).join('')}`] as const;
    });
  prop.prop([documentType, withBirthDate, fc.constantFrom('0', '1', '2', '9')], { numRuns: 3000 })(
    'birthDate and sex against the number',
    (type, [value, birthDate], sex) => {
      const record = { id: 'p1', identity: { type, number: value }, name: '张三', sex, birthDate };
      const issues = person.validate(record, { now: NOW }).issues;
      const found = checkIdCardConsistency({ type, number: value }, birthDate, sex);
      const codes = (field: 'birthDate' | 'sex') => found.filter((f) => f.field === field).map((f) => f.code);
      const reported = (path: string) =>
        at(issues, path)
          .map((i) => i.code)
          .filter((c) => c.endsWith('_mismatch'));
      expect(reported('birthDate')).toEqual(codes('birthDate'));
      expect(reported('sex')).toEqual(codes('sex'));
    },
  );
});

describe('"today" for future birth dates', () => {
  const first17 = '11010520200101001';
  const record = {
    id: 'p1',
    identity: { type: 'resident-id', number: first17 + residentIdCheckCharacter(first17) },
    name: '张三',
    sex: '1',
    birthDate: '2020-01-01',
  };
  test('a caller-given now in the past still makes a later birth a future one, after the clock ran', () => {
    expect(person.validate(record).ok).toBe(true); // the clock has seen a day after 2020-01-01
    const past = person.validate(record, { now: new Date('2010-01-01T00:00:00Z') });
    expect(past.issues.map((i) => i.code)).toContain('id_card.future_birth_date');
    expect(person.validate(record).ok).toBe(true);
  });
});

describe('the date format, read character by character', () => {
  // RFC 3339 full-date, as a reference written the slow, obvious way.
  const reference = (s: string): boolean => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    if (!m) return false;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const days = new Date(Date.UTC(2000, mo, 0)).getUTCDate(); // days of month mo in a leap year
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    return mo >= 1 && mo <= 12 && d >= 1 && d <= (mo === 2 && !leap ? 28 : days);
  };
  const nearDate = fc
    .tuple(
      fc.integer({ min: 0, max: 9999 }),
      fc.integer({ min: 0, max: 13 }),
      fc.integer({ min: 0, max: 32 }),
      fc.constantFrom('-', '/', '.'),
    )
    .map(
      ([y, m, d, sep]) =>
        `${String(y).padStart(4, '0')}${sep}${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
    );
  prop.prop(
    [
      fc.oneof(
        nearDate,
        // 29 February of any year: leap years by the century rules.
        fc.integer({ min: 0, max: 9999 }).map((y) => `${String(y).padStart(4, '0')}-02-29`),
        fc.string({ maxLength: 12 }),
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
      ),
    ],
    {
      numRuns: 3000,
    },
  )('birthDate', (birthDate) => {
    const issues = person.validate({
      id: 'p1',
      identity: { type: 'other', number: 'x' },
      name: '张三',
      sex: '9',
      birthDate,
    }).issues;
    expect(issues.some((i) => i.code === 'format' && i.path.join('/') === 'birthDate')).toBe(
      !reference(birthDate),
    );
  });
});

describe('issue messages', () => {
  // The renderers keep their last message; whatever the sequence of params (repeated strings and
  // numbers, arrays changed in place between two calls), each message is the template filled in.
  const reference = (template: string, params: Record<string, unknown>, separator: string): string =>
    template.replace(/\{(\w+)\}/g, (_m, name: string) => {
      const v = params[name];
      if (v === undefined) return `{${name}}`;
      return Array.isArray(v) ? v.join(separator) : String(v);
    });
  const codes = (Object.keys(ISSUE_CATALOGUE) as (keyof typeof ISSUE_CATALOGUE)[]).filter((c) =>
    ISSUE_CATALOGUE[c].en.includes('{'),
  );
  const value = fc.oneof(fc.constantFrom('M', 'x', '', 1, 0, -0), fc.string(), fc.integer());
  prop.prop([
    fc.array(
      fc.tuple(
        fc.constantFrom(...codes),
        fc.constantFrom('zh-CN', 'en') as fc.Arbitrary<'zh-CN' | 'en'>,
        fc.array(value, { maxLength: 4 }),
      ),
      { minLength: 1, maxLength: 30 },
    ),
  ])('equal the template filled in, call after call', (calls) => {
    const shared: unknown[] = ['a'];
    for (const [code, locale, values] of calls) {
      const names = [...ISSUE_CATALOGUE[code].en.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      // Every other name gets the shared array, changed in place before each call.
      shared.push(values[0] ?? 'y');
      const params = Object.fromEntries(
        names.map((n, i) => [n, i % 2 ? shared : values[i % (values.length || 1)]]),
      );
      const template = locale === 'en' ? ISSUE_CATALOGUE[code].en : ISSUE_CATALOGUE[code].zh;
      expect(formatIssueMessage(code, params, locale)).toBe(
        reference(template, params, locale === 'en' ? ', ' : '、'),
      );
    }
  });
});

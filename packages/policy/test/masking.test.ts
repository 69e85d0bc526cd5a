import { createMaskingRules, GdsPolicyError } from '@gds/policy';
import { describe, expect, test } from 'vitest';

const rules = createMaskingRules();

describe('default masking rules', () => {
  test.each([
    ['id-6-4', '110101199003074514', '110101********4514'],
    ['id-3-4', '110101199003074514', '110***********4514'],
    ['id-6-4', '12345', '*****'],
    ['phone-3-4', '13812345678', '138****5678'],
    ['phone-3-4', '010-88889999', '010****9999'],
    ['name-family', '张三', '张*'],
    ['name-family', '张三丰', '张**'],
    ['name-family', '欧阳娜娜', '欧阳**'],
    ['name-family', '欧阳', '欧*'],
    ['name-family', '𠮷野家', '𠮷**'],
    ['address-community', '东城区东华门街道多福巷社区银闸胡同12号', '东城区东华门街道多福巷社区'],
    ['address-community', '历下区解放路街道解放路123号', '历下区解放路街道'],
    ['address-community', '解放路123号', '***'],
    ['date-year-month', '1990-03-07', '1990-03'],
    ['date-year-month', '1990-03-07T08:00:00Z', '1990-03'],
    ['redact', '任何内容', '***'],
    ['none', 'x', undefined],
    ['id-6-4', 42, undefined],
  ])('%s(%j) = %j', (rule, value, masked) => {
    expect(rules.mask(rule, value)).toBe(masked);
  });

  test('an unknown rule is a caller fault', () => {
    expect(() => rules.mask('id-9-9', 'x')).toThrow(GdsPolicyError);
    try {
      rules.mask('id-9-9', 'x');
    } catch (e) {
      expect((e as GdsPolicyError).code).toBe('GDS_POLICY_UNKNOWN_MASKING_RULE');
      expect((e as GdsPolicyError).message).toBe(
        `${(e as GdsPolicyError).messageZh}（${(e as GdsPolicyError).messageEn}）`,
      );
    }
  });
});

describe('per-jurisdiction configuration', () => {
  test('parameters', () => {
    const county = createMaskingRules({
      maskChar: '#',
      'id-6-4': { keepStart: 6, keepEnd: 2 },
      'phone-3-4': { keepStart: 3, keepEnd: 4, maskLength: 2 },
      redact: { replacement: '[已屏蔽]' },
      'name-family': { compoundSurnames: [] },
    });
    expect(county.mask('id-6-4', '110101199003074514')).toBe('110101##########14');
    expect(county.mask('phone-3-4', '13812345678')).toBe('138##5678');
    expect(county.mask('redact', 'x')).toBe('[已屏蔽]');
    expect(county.mask('name-family', '欧阳娜娜')).toBe('欧###');
  });

  test('functions', () => {
    const county = createMaskingRules({ 'date-year-month': (v) => String(v).slice(0, 4) });
    expect(county.mask('date-year-month', '1990-03-07')).toBe('1990');
  });

  test('a malformed configuration is refused', () => {
    expect(() => createMaskingRules({ 'id-6-4': { keepStart: -1 } })).toThrow(/keepStart/);
    expect(() => createMaskingRules({ maskChar: '' })).toThrow(GdsPolicyError);
  });
});

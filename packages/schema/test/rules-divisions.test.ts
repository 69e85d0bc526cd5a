import {
  bundledDivisions,
  checkDivisionCode,
  createDivisionRegistry,
  getStandard,
  parseDivisionList,
} from '@gds/schema';
import { describe, expect, test } from 'vitest';

const address = getStandard('address')!;
const record = (divisionCode: string) => ({ id: 'a1', divisionCode, fullText: '某地址' });
const codes = (r: { issues: readonly { code: string }[] }) => r.issues.map((i) => i.code);

describe('x-gds-identifier: division through a standard', () => {
  test('the bundled excerpt knows abolished codes and checks them on the given date', () => {
    expect(address.validate(record('110103001001'), { now: new Date('2009-06-01T00:00:00Z') }).ok).toBe(true);
    expect(
      codes(address.validate(record('110103001001'), { now: new Date('2026-01-01T00:00:00Z') })),
    ).toEqual(['division.not_in_force']);
  });

  test('a village the excerpt does not list passes: the excerpt is complete for provinces only', () => {
    expect(address.validate(record('110105999999')).ok).toBe(true);
  });

  test('with the full statistics list loaded, an unlisted village is unknown', () => {
    const divisions = parseDivisionList(
      [
        '统计用区划代码,名称',
        '110105001001,永安里东社区居委会',
        '110105001000,建外街道',
        '110105000000,朝阳区',
      ].join('\n'),
      { base: bundledDivisions(), complete: ['township', 'village'] },
    );
    expect(address.validate(record('110105001001'), { divisions }).ok).toBe(true);
    expect(codes(address.validate(record('110105001999'), { divisions }))).toEqual(['division.unknown']);
    expect(codes(address.validate(record('110105002001'), { divisions }))).toEqual(['division.unknown']);
    // History from the bundled excerpt is kept.
    expect(codes(address.validate(record('110103001001'), { divisions }))).toEqual(['division.not_in_force']);
  });

  test('a user list whose dates are not YYYY-MM-DD is read on the day, as checkDivisionCode reads it', () => {
    const divisions = createDivisionRegistry([
      ...bundledDivisions().entries(),
      { code: '110105001000', name: '建外街道', validFrom: '2099/01/01', validTo: null },
    ]);
    for (const now of [new Date('2026-11-27T00:00:00Z'), undefined]) {
      const expected = checkDivisionCode('110105001001', { registry: divisions, ...(now ? { now } : {}) });
      expect(
        codes(address.validate(record('110105001001'), now ? { divisions, now } : { divisions })),
      ).toEqual(expected.map((f) => f.code));
    }
  });
});

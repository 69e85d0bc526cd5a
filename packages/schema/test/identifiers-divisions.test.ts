import {
  bundledDivisions,
  checkDivisionCode,
  createDivisionRegistry,
  divisionKey,
  divisionLevel,
  parseDivisionList,
} from '@gds/schema';
import { readCodeList } from '@gds/standards/fs';
import { describe, expect, test } from 'vitest';

const DATA_FILE = '../src/identifiers/_internal/divisions.generated.ts';

describe('bundled division excerpt', () => {
  test('the embedded data is generated from standards/codelists/division.csv (update: npx vitest run --project schema -u)', async () => {
    const list = readCodeList('division');
    const data = list.entries
      .map((e) => [e.code, e.zh, e.extra.valid_from, e.extra.valid_to].join('|'))
      .join('\n');
    const text = [
      '// Generated from standards/codelists/division.csv: do not edit.',
      '// Regenerate with: npx vitest run --project schema -u',
      '',
      '/** One division per line: code|name|valid_from|valid_to (dates YYYY-MM-DD, empty when open). */',
      `export const DIVISIONS = ${JSON.stringify(data)};`,
      '',
    ].join('\n');
    await expect(text).toMatchFileSnapshot(DATA_FILE);
  });

  test('holds all 34 province-level divisions and is complete for them', () => {
    const r = bundledDivisions();
    const provinces = readCodeList('division').entries.filter((e) => e.extra.level === 'province');
    expect(provinces).toHaveLength(34);
    for (const p of provinces) expect(r.inForce(p.code, '2024-01-01')?.name).toBe(p.zh);
    expect(r.complete.has('province')).toBe(true);
    expect(r.complete.has('county')).toBe(false);
  });

  test('the level column agrees with the code', () => {
    for (const e of readCodeList('division').entries)
      expect(divisionLevel(e.code), e.code).toBe(e.extra.level);
  });

  test('an abolished code is a deprecated entry with a valid_to date, and the reverse', () => {
    for (const e of readCodeList('division').entries) {
      expect(e.deprecated, e.code).toBe(e.extra.valid_to !== '');
    }
  });
});

describe('checkDivisionCode', () => {
  test.each([
    ['110105', '2024-01-01'],
    ['110105000000', '2024-01-01'],
    ['500000', '2024-01-01'],
    ['510200', '1990-01-01'],
    ['110103', '2009-12-31'],
    ['469001', '2024-01-01'],
    ['460400', '2016-01-01'],
    ['330106', '2024-01-01'], // not in the excerpt: no issue, the excerpt is complete for provinces only
    ['130171001001', '2024-01-01'], // a development zone in the statistics data
  ])('%s is accepted on %s', (code, date) => {
    expect(checkDivisionCode(code, { date })).toEqual([]);
  });

  test.each([
    ['11010', 'division.format'],
    ['1101050000', 'division.format'],
    ['11010a', 'division.format'],
    ['990000', 'division.unknown'],
    ['830000', 'division.unknown'],
    ['000000000000', 'division.unknown'],
  ])('%s raises %s', (code, expected) => {
    expect(checkDivisionCode(code, { date: '2024-01-01' }).map((f) => f.code)).toEqual([expected]);
  });

  test.each([
    ['110103', '2010-07-01'],
    ['510200', '2000-01-01'],
    ['500000', '1990-01-01'],
    ['469003', '2020-01-01'],
    ['310230000000', '2020-01-01'],
    ['110103001001', '2020-01-01'], // under an abolished county
    ['341400000000', '2020-01-01'], // an abolished prefecture
  ])('%s is not in force on %s', (code, date) => {
    const [finding] = checkDivisionCode(code, { date });
    expect(finding?.code).toBe('division.not_in_force');
  });

  test('defaults to today in China', () => {
    expect(checkDivisionCode('110104', { now: new Date('2009-06-01T00:00:00Z') })).toEqual([]);
    expect(checkDivisionCode('110104', { now: new Date('2011-06-01T00:00:00Z') })).toHaveLength(1);
  });

  test('a complete registry makes an unlisted code unknown', () => {
    const registry = createDivisionRegistry(
      [{ code: '110105', name: '朝阳区', validFrom: null, validTo: null }],
      { complete: ['county'] },
    );
    expect(checkDivisionCode('110105', { registry, date: '2024-01-01' })).toEqual([]);
    expect(checkDivisionCode('110199', { registry, date: '2024-01-01' })[0]?.code).toBe('division.unknown');
  });
});

describe('division keys and levels', () => {
  test.each([
    ['110000', '110000', 'province'],
    ['110100', '110100', 'prefecture'],
    ['469001', '469001', 'county'],
    ['110105000000', '110105', 'county'],
    ['110105001000', '110105001', 'township'],
    ['110105001001', '110105001001', 'village'],
  ])('%s -> %s (%s)', (code, key, level) => {
    expect(divisionKey(code)).toBe(key);
    expect(divisionLevel(code)).toBe(level);
  });
  test('other lengths have none', () => {
    expect(divisionKey('1101')).toBeNull();
    expect(divisionKey('110105001')).toBe('110105001');
    expect(divisionLevel('1101050')).toBeNull();
  });
});

describe('parseDivisionList (the full statistics list, from a file the user supplies)', () => {
  const text = [
    '统计用区划代码,名称,城乡分类代码',
    '110000000000,北京市,',
    '110100000000,市辖区,',
    '110105000000,朝阳区,',
    '110105001000,建外街道,',
    '110105001001,永安里东社区居委会,111',
  ].join('\n');

  test('reads codes at every level and is complete at those levels', () => {
    const registry = parseDivisionList(text, { validFrom: '2023-06-30' });
    expect(registry.size).toBe(5);
    expect(registry.inForce('110105001001', '2024-01-01')?.name).toBe('永安里东社区居委会');
    expect(registry.inForce('110105001001', '2020-01-01')).toBeUndefined();
    expect([...registry.complete].sort()).toEqual([
      'county',
      'prefecture',
      'province',
      'township',
      'village',
    ]);
    expect(checkDivisionCode('110105001999', { registry, date: '2024-01-01' })[0]?.code).toBe(
      'division.unknown',
    );
  });

  test('merged with the bundled history, abolished codes stay known', () => {
    const registry = parseDivisionList(text, { base: bundledDivisions() });
    expect(registry.inForce('110103', '2009-01-01')?.name).toBe('崇文区');
    expect(registry.lookup('110105')).toHaveLength(1);
  });

  test('accepts English headers and explicit validity columns', () => {
    const registry = parseDivisionList('code,name,valid_from,valid_to\n110103,崇文区,,2010-07-01\n');
    expect(registry.inForce('110103', '2011-01-01')).toBeUndefined();
  });

  test('throws on a file without a code column (a fault of the caller)', () => {
    expect(() => parseDivisionList('a,b\n1,2\n')).toThrow(TypeError);
  });
});

import { CODELIST_COLUMNS, parseCodeList } from '@gds/standards';
import { listCodeLists, readCodeList } from '@gds/standards/fs';
import { describe, expect, test } from 'vitest';

const labels = (id: string) => Object.fromEntries(readCodeList(id).entries.map((e) => [e.code, e.zh]));

describe('every shipped code list', () => {
  const ids = listCodeLists();

  test('there are code lists to check', () => {
    expect(ids).toEqual(expect.arrayContaining(['sex', 'ethnicity', 'division', 'department']));
  });

  test.each(ids)('%s parses, has zh labels and a source on every row', (id) => {
    const list = readCodeList(id);
    expect(list.entries.length).toBeGreaterThan(0);
    for (const e of list.entries) {
      expect(e.code, `${id}: code`).toMatch(/^\S+$/);
      expect(e.zh, `${id} ${e.code}: zh`).not.toBe('');
      expect(e.en, `${id} ${e.code}: en`).not.toBe('');
      expect(e.source, `${id} ${e.code}: source`).not.toBe('');
    }
  });

  test.each(ids)('%s: a parent column names codes of the same list', (id) => {
    const list = readCodeList(id);
    const codes = new Set(list.entries.map((e) => e.code));
    for (const e of list.entries) {
      const parent = e.extra.parent;
      if (parent) expect(codes.has(parent), `${id} ${e.code} -> ${parent}`).toBe(true);
    }
  });

  test('parseCodeList rejects what the files must never contain', () => {
    const header = CODELIST_COLUMNS.join(',');
    expect(() => parseCodeList('x', 'code,zh\n1,a\n')).toThrow(SyntaxError);
    expect(() => parseCodeList('x', `${header}\n1,a,b,,false,s\n1,a,b,,false,s\n`)).toThrow(/duplicate/);
    expect(() => parseCodeList('x', `${header}\n1,a,b,,no,s\n`)).toThrow(/deprecated/);
  });
});

describe('GB 3304-1991 ethnic groups', () => {
  const list = readCodeList('ethnicity');
  const groups = list.entries.filter((e) => e.extra.in_gb3304 === 'yes');

  test('56 groups, codes 01-56 in order, each with a two-letter code and a romanised name', () => {
    expect(groups.map((e) => e.code)).toEqual(
      Array.from({ length: 56 }, (_, i) => String(i + 1).padStart(2, '0')),
    );
    for (const e of groups) {
      expect(e.extra.alpha, e.code).toMatch(/^[A-Z]{2}$/);
      expect(e.extra.romanized, e.code).toMatch(/^[A-Z][a-z]+$/);
      expect(e.zh, e.code).toMatch(/族$/);
    }
    expect(new Set(groups.map((e) => e.extra.alpha)).size).toBe(56);
  });

  test.each([
    ['01', '汉族', 'HA', 'Han'],
    ['02', '蒙古族', 'MG', 'Mongol'],
    ['05', '维吾尔族', 'UG', 'Uygur'],
    ['10', '朝鲜族', 'CS', 'Chosen'],
    ['21', '佤族', 'VA', 'Va'],
    ['36', '毛南族', 'MN', 'Maonan'],
    ['44', '俄罗斯族', 'RS', 'Russ'],
    ['46', '德昂族', 'DE', 'Deang'],
    ['49', '京族', 'GI', 'Gin'],
    ['52', '鄂伦春族', 'OR', 'Oroqen'],
    ['56', '基诺族', 'JN', 'Jino'],
  ])('%s is %s (%s, %s)', (code, zh, alpha, romanized) => {
    const e = list.entries.find((x) => x.code === code);
    expect(e && [e.zh, e.extra.alpha, e.extra.romanized]).toEqual([zh, alpha, romanized]);
  });

  test('97 and 98 are listed with their uncertain status', () => {
    for (const code of ['97', '98']) {
      const e = list.entries.find((x) => x.code === code);
      expect(e?.extra.in_gb3304).toBe('unverified');
      expect(e?.description).toMatch(/unverified/);
    }
    expect(list.entries).toHaveLength(58);
  });
});

describe('code tables match the reference', () => {
  test('sex, GB/T 2261.1: 0 1 2 9, with the legacy 5 and 6 deprecated', () => {
    expect(labels('sex')).toEqual({
      '0': '未知的性别',
      '1': '男性',
      '2': '女性',
      '9': '未说明的性别',
      '5': '女性改（变）为男性',
      '6': '男性改（变）为女性',
    });
    const deprecated = readCodeList('sex')
      .entries.filter((e) => e.deprecated)
      .map((e) => e.code);
    expect(deprecated).toEqual(['5', '6']);
  });

  test('marital status, GB/T 2261.2-2003', () => {
    expect(labels('marital-status')).toEqual({
      '10': '未婚',
      '20': '已婚',
      '21': '初婚',
      '22': '再婚',
      '23': '复婚',
      '30': '丧偶',
      '40': '离婚',
      '90': '未说明的婚姻状况',
    });
  });

  test('education, GB/T 4658-2006: the top levels and their x1 毕业 / x2 结业 / x3 肄业 sub-codes', () => {
    const l = labels('education');
    expect(l).toMatchObject({
      '10': '研究生教育',
      '20': '大学本科教育',
      '30': '大学专科教育',
      '40': '中等职业教育',
      '60': '普通高级中学教育',
      '70': '初级中学教育',
      '80': '小学教育',
      '90': '其他',
    });
    for (const top of ['1', '2', '3', '4', '6', '7', '8']) {
      expect(l[`${top}1`]).toMatch(/毕业$/);
      expect(l[`${top}2`]).toMatch(/结业$/);
      expect(l[`${top}3`]).toMatch(/肄业$/);
    }
  });

  test('relationship, GB/T 4761-2008: the codes and labels the reference gives, sub-codes under their groups', () => {
    const l = labels('relationship');
    expect(l).toMatchObject({
      '01': '本人',
      '02': '户主',
      '10': '配偶',
      '11': '夫',
      '12': '妻',
      '20': '子',
      '30': '女',
      '40': '孙辈',
      '50': '父母',
      '51': '父亲',
      '52': '母亲',
      '53': '公公',
      '54': '婆婆',
      '55': '岳父',
      '56': '岳母',
      '57': '继父或养父',
      '58': '继母或养母',
      '59': '其他父母关系',
      '60': '祖父母',
      '70': '兄弟姐妹',
      '71': '兄',
      '72': '嫂',
      '73': '弟',
      '74': '弟媳',
      '75': '姐姐',
      '76': '姐夫',
      '77': '妹妹',
      '78': '妹夫',
      '80': '其他',
      '97': '其他亲属',
      '99': '非亲属',
    });
    const ranges: [string, number, number][] = [
      ['20', 21, 29],
      ['30', 31, 39],
      ['40', 41, 49],
      ['60', 61, 69],
      ['70', 71, 79],
      ['80', 81, 96],
    ];
    const list = readCodeList('relationship').entries;
    for (const [parent, from, to] of ranges) {
      const children = list.filter((e) => e.extra.parent === parent).map((e) => Number(e.code));
      expect(children, parent).toEqual(Array.from({ length: to - from + 1 }, (_, i) => from + i));
    }
  });

  test('health, GB/T 2261.3: the codes the reference gives', () => {
    expect(Object.keys(labels('health')).sort()).toEqual([
      '10',
      '20',
      '30',
      '31',
      '32',
      '33',
      '34',
      '35',
      '36',
      '37',
      '38',
      '41',
      '49',
      '60',
      '61',
      '62',
      '63',
      '64',
      '65',
      '66',
      '67',
      '69',
    ]);
    expect(labels('health')).toMatchObject({
      '10': '健康',
      '20': '一般或较弱',
      '60': '残疾',
      '67': '多重残疾',
    });
  });

  test('employment status, GB/T 2261.4: the codes the reference gives', () => {
    expect(Object.keys(labels('employment-status')).sort()).toEqual([
      '11',
      '13',
      '17',
      '21',
      '24',
      '27',
      '31',
      '37',
      '51',
      '54',
      '70',
      '80',
      '90',
    ]);
  });

  test('industry sections, GB/T 4754-2017: the 20 sections A-T', () => {
    expect(Object.keys(labels('industry-section'))).toEqual([...'ABCDEFGHIJKLMNOPQRST']);
  });

  test('governance lists hold exactly the codes the profile uses literally', () => {
    const codes = (id: string) => readCodeList(id).entries.map((e) => e.code);
    expect(codes('data-class')).toEqual(['core', 'important', 'general']);
    expect(codes('pi-sensitivity')).toEqual(['none', 'personal', 'sensitive']);
    expect(codes('sharing-type')).toEqual(['unconditional', 'conditional', 'none']);
  });

  test('department codes are kebab-case ids', () => {
    for (const e of readCodeList('department').entries) expect(e.code).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    expect(labels('department')).toMatchObject({
      'public-security': '公安机关',
      'hotline-12345': '12345 政务服务便民热线',
    });
  });
});

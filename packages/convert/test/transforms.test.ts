import { builtinTransforms, detectExcelMangledId, parseCrosswalk, parseLegacyDate } from '@gds/convert';
import { describe, expect, it } from 'vitest';

const issues: { code: string; params: Record<string, unknown> }[] = [];
const ctx = {
  issue: (code: string, params: Record<string, unknown> = {}) => void issues.push({ code, params }),
  codeList: (id: string) =>
    id === 'ethnicity'
      ? [
          { code: '01', zh: '汉族', en: 'Han', description: '', deprecated: false, source: '', extra: {} },
          {
            code: '02',
            zh: '蒙古族',
            en: 'Mongol',
            description: '',
            deprecated: false,
            source: '',
            extra: {},
          },
          {
            code: '46',
            zh: '德昂族',
            en: 'Deang',
            description: '',
            deprecated: false,
            source: '',
            extra: {},
          },
        ]
      : undefined,
};
const t = builtinTransforms;

describe('transforms', () => {
  it.each([
    ['2020年1月2日', '2020-01-02'],
    ['2020/1/2', '2020-01-02'],
    ['20200102', '2020-01-02'],
    ['2020-01-02', '2020-01-02'],
    ['2020.1.2', '2020-01-02'],
    ['２０２０年１月２日', '2020-01-02'],
    ['2020-01-02 00:00:00', '2020-01-02'],
    ['25569', '1970-01-01'],
    [25569, '1970-01-01'],
    [59, '1900-02-28'],
    [61, '1900-03-01'],
  ])('parses the date %s', (input, expected) => {
    expect(parseLegacyDate(input)).toBe(expected);
  });

  it.each([[60], ['2021-02-29'], ['2020-13-01'], ['abc'], ['']])('rejects the non-date %s', (input) => {
    expect(parseLegacyDate(input as string)).toBeNull();
  });

  it('formats dates back in the department’s shape', () => {
    const inv = t.date!.inverse!;
    expect(inv('2020-01-02', { exportFormat: 'yyyyMMdd' }, ctx)).toBe('20200102');
    expect(inv('2020-01-02', { exportFormat: 'yyyy年M月d日' }, ctx)).toBe('2020年1月2日');
    expect(inv('2020-01-02', { exportFormat: 'yyyy/M/d' }, ctx)).toBe('2020/1/2');
    expect(inv('1970-01-01', { exportFormat: 'excel' }, ctx)).toBe(25569);
  });

  it('trims full-width spaces and converts full-width characters', () => {
    expect(t.trim!.forward('\u3000 张三\u3000', {}, ctx)).toBe('张三');
    expect(t.halfwidth!.forward('ＡＢ１２３', {}, ctx)).toBe('AB123');
  });

  it('normalises resident IDs and reports Excel-mangled ones without repairing them', () => {
    issues.length = 0;
    expect(t.residentId!.forward('11010519491231002x', {}, ctx)).toBe('11010519491231002X');
    expect(t.residentId!.forward('1.10105E+17', {}, ctx)).toBeUndefined();
    expect(t.residentId!.forward(110105194912310000, {}, ctx)).toBeUndefined();
    expect(issues.map((i) => i.code)).toEqual(['source.excel_mangled_id', 'source.excel_mangled_id']);
    expect(t.residentId!.forward('510108871125243', { upgrade15: true }, ctx)).toBe('510108198711252435');
    expect(detectExcelMangledId('11010519491231002X')).toBe(false);
  });

  it('finds codes from labels with or without 族, codes without a leading zero and former names', () => {
    const f = (v: string) =>
      t.codeFromLabel!.forward(v, { list: 'ethnicity', aliases: { 崩龙族: '46', 崩龙: '46' } }, ctx);
    expect([f('汉族'), f('汉'), f('1'), f('01'), f('蒙古'), f('崩龙族')]).toEqual([
      '01',
      '01',
      '01',
      '01',
      '02',
      '46',
    ]);
    issues.length = 0;
    expect(f('火星族')).toBeUndefined();
    expect(issues[0]!.code).toBe('transform.unknown_label');
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    'a cell reading %s is an unknown label, not a member of Object.prototype',
    (cell) => {
      issues.length = 0;
      const code = t.codeFromLabel!.forward(cell, { list: 'ethnicity', aliases: { 崩龙: '46' } }, ctx);
      expect(code).toBeUndefined();
      expect(issues.map((i) => i.code)).toEqual(['transform.unknown_label']);
    },
  );

  it('splits, joins (and back), extracts, maps', () => {
    expect(t.split!.forward('北京市 朝阳区', { separator: ' ', index: 1 }, ctx)).toBe('朝阳区');
    expect(t.join!.forward(['建国路', '88号'], { separator: ' ' }, ctx)).toBe('建国路 88号');
    expect(t.join!.inverse!('建国路 88号', { separator: ' ' }, ctx)).toEqual(['建国路', '88号']);
    expect(t.regex!.forward('电话:13800138000', { pattern: '(1\\d{10})' }, ctx)).toBe('13800138000');
    expect(t.map!.forward('M', { values: { M: '1', F: '2' } }, ctx)).toBe('1');
    expect(t.map!.inverse!('2', { values: { M: '1', F: '2' } }, ctx)).toBe('F');
    expect(t.number!.forward('1,234.50元', {}, ctx)).toBe(1234.5);
  });

  it('reads crosswalks with an equivalence column', () => {
    const cw = parseCrosswalk(
      'sex/x',
      'source_code,source_label,code,equivalence,comment\n1,男,1,equivalent,\n9,未知,0,narrower,\n5,女改男,,unmapped,\n',
    );
    expect(cw.lookup('男')?.code).toBe('1');
    expect(cw.lookup('9')?.equivalence).toBe('narrower');
    expect(cw.lookup('5')?.code).toBeNull();
    expect(cw.reverse('1')?.source).toBe('1');
  });
});

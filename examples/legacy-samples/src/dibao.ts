import type { SourceValue } from '@gds/convert';
import { createXlsxWriter } from '@gds/convert/xlsx';
import { Random } from './random.js';
import { TOWNSHIP, type Township, township } from './township.js';

export const DIBAO_COLUMNS = [
  '户编号',
  '户主姓名',
  '家庭人口',
  '保障金额（元/月）',
  '所属区划',
  '住址',
  '保障起始日期',
  '姓名',
  '性别',
  '身份证号',
  '与户主关系',
  '出生日期',
  '备注',
];

/**
 * A civil-affairs subsistence-allowance roster (XLSX) of the township's households on the allowance: a
 * title row, Chinese headers on row 2, one row per household member, household columns merged over the
 * member rows, dates as real Excel date cells (and one as text, one as the fictitious 1900-02-29), an ID
 * typed as a number, an unknown relationship, a blank row and a 合计 (total) row at the end.
 */
export function dibaoXlsx(seed = 20240301, town: Township = township()): Uint8Array {
  const r = new Random(seed);
  const rows: SourceValue[][] = [];
  const merges: string[] = [];
  let excelRow = 3; // row 1 title, row 2 header
  for (const [h, household] of town.dibao.entries()) {
    const county = TOWNSHIP.county;
    const size = household.members.length;
    const address = household.detail;
    const headName = household.members[0]!.name;
    const start = `20${r.int(15, 23)}-${String(r.int(1, 12)).padStart(2, '0')}-01`;
    const members: { name: string; sex: string; id: string | number; rel: string; birth: string | number }[] =
      household.members.map((p) => ({
        name: p.writtenBy['civil-affairs']?.name ?? p.name,
        sex: p.sex === '1' ? '男' : '女',
        id: p.id,
        rel: p.relation,
        birth: iso(p.birth),
      }));
    // Dirt at fixed households.
    if (h === 2 && members[0]) members[0].id = Number(String(members[0].id).slice(0, 15)) * 1000; // typed as a number by Excel
    if (h === 4 && members[1]) members[1].rel = '干儿子';
    if (h === 5 && members[0]) members[0].birth = members[0].birth.toString().replace(/-/g, '.');
    if (h === 6 && members[1]) members[1].name = '';
    if (h === 7 && members[0]) members[0].birth = '1900-02-29';
    const number = `DB-${county}-${String(h + 1).padStart(4, '0')}`;
    members.forEach((m, i) => {
      rows.push([
        i === 0 ? number : null,
        i === 0 ? headName : null,
        i === 0 ? size : null,
        i === 0 ? [320, 480, 640, 800][size - 1]! : null,
        i === 0 ? county : null,
        i === 0 ? address : null,
        i === 0 ? start : null,
        m.name,
        m.sex,
        m.id,
        m.rel,
        m.birth,
        h === 3 && i === 0 ? '残疾，一级' : null,
      ]);
    });
    if (size > 1)
      for (const col of ['A', 'B', 'C', 'D', 'E', 'F', 'G'])
        merges.push(`${col}${excelRow}:${col}${excelRow + size - 1}`);
    excelRow += size;
    if (h === 8) {
      rows.push([]);
      excelRow++;
    }
  }
  rows.push(['合计', null, null, null, null, null, null, null, null, null, null, null, null]);
  const w = createXlsxWriter({
    sheet: '低保花名册',
    dateColumns: ['出生日期', '保障起始日期'],
    merges,
    preamble: [[`${TOWNSHIP.name}城乡最低生活保障对象花名册（2024年3月）`]],
  });
  w.begin(DIBAO_COLUMNS);
  for (const row of rows) w.row(row.map((v) => (v === '1900-02-29' ? 60 : v)));
  return w.end();
}

function iso(yyyymmdd: string): string {
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

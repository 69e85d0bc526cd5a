import iconv from 'iconv-lite';
import { Random } from './random.js';
import { TOWNSHIP, type Township, township } from './township.js';

const COLUMNS = [
  'gmsfhm',
  'xm',
  'xb',
  'mz',
  'csrq',
  'hb',
  'ssxq',
  'jlx',
  'mlph',
  'mlxz',
  'xzjd',
  'jcwh',
  'lxdh',
];
/**
 * A police population export (GB18030 CSV, pinyin-initial columns) of the township's register, with
 * realistic dirt: lower-case x, full-width digits, an Excel-mangled ID, a 15-digit ID, impossible dates,
 * unknown codes, a duplicate, a blank line, a ragged row, an undecodable byte, a sex that disagrees with
 * the ID. A household that has moved still has its old address here.
 */
export function populationCsv(seed = 20240101, town: Township = township()): Uint8Array {
  const r = new Random(seed);
  const lines: (string | Uint8Array)[] = [COLUMNS.join(',')];
  const clean: string[][] = [];
  for (const p of town.register) {
    const h = p.household;
    const at = h.registerAddress ?? h;
    const row = [
      p.id,
      p.name,
      r.chance(0.5) ? p.sex : p.sex === '1' ? '男' : '女',
      p.mz,
      p.birth,
      h.kind,
      TOWNSHIP.county,
      at.street,
      at.no,
      at.detail,
      TOWNSHIP.name,
      h.community,
      p.phone,
    ];
    clean.push(row);
  }
  // Dirt, at fixed positions so that the golden report is easy to read.
  const dirty = (i: number, f: (row: string[]) => void) => f(clean[i]!);
  dirty(3, (row) => {
    if (row[0]!.endsWith('X')) row[0] = `${row[0]!.slice(0, 17)}x`;
    row[1] = ` ${row[1]}　`;
  });
  dirty(5, (row) => {
    row[0] = '1.10105E+17';
  });
  dirty(8, (row) => {
    row[4] = `${row[4]!.slice(0, 4)}0230`;
  });
  dirty(11, (row) => {
    row[2] = '3';
  });
  dirty(14, (row) => {
    row[3] = '火星族';
  });
  dirty(17, (row) => {
    // A 15-digit ID of the 1989 edition: upgraded, with a warning.
    const id18 = row[0]!;
    row[0] = id18.slice(0, 6) + id18.slice(8, 17);
    row[4] = id18.slice(6, 14);
  });
  dirty(20, (row) => {
    row[0] = row[0]!.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
  });
  dirty(23, (row) => {
    row[2] = row[2] === '1' || row[2] === '男' ? '2' : '1';
  });
  dirty(26, (row) => {
    row[0] = row[0]!.slice(0, 17) + (row[0]![17] === '0' ? '1' : '0');
  });
  dirty(29, (row) => {
    row[1] = '';
  });
  dirty(32, (row) => {
    row[4] = '1985年3月4日';
    row[0] = `${row[0]!.slice(0, 6)}19850304${row[0]!.slice(14, 17)}`;
    row[0] += checkDigit(row[0]!);
  });
  dirty(35, (row) => {
    row[9] = `${row[9]}，"东门"`;
  });
  for (let i = 0; i < clean.length; i++) {
    const row = clean[i]!;
    const text = row.map((v) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(',');
    if (i === 38) lines.push(text.split(',').slice(0, 9).join(','));
    else lines.push(text);
    if (i === 40) lines.push(clean[2]!.join(','));
    if (i === 44) lines.push('');
  }
  const parts: Uint8Array[] = [];
  lines.forEach((l, i) => {
    const bytes = typeof l === 'string' ? iconv.encode(l, 'gb18030') : l;
    if (i === 48) {
      // A stray byte that is not GB18030 in the middle of the address column.
      const at = bytes.lastIndexOf(0x2c) - 4;
      parts.push(bytes.subarray(0, at), Uint8Array.of(0xff), bytes.subarray(at));
    } else parts.push(bytes);
    parts.push(Uint8Array.of(0x0d, 0x0a));
  });
  return Buffer.concat(parts);
}

function checkDigit(first17: string): string {
  const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let s = 0;
  for (let i = 0; i < 17; i++) s += Number(first17[i]) * W[i]!;
  return '10X98765432'[s % 11]!;
}

// Issue 15, the XLSX writer: nothing altered in silence (a character XML 1.0 cannot carry is written as
// its OOXML escape and reported at its record and column; a CR stays a CR), and workbooks that an
// independent reader (Debian's python3-openpyxl) opens without repairing anything.
import { fc, test } from '@fast-check/vitest';
import { GdsConvertError, type SourceValue } from '@gds/convert';
import { convertStream, exportStream, loadMapping } from '@gds/convert/node';
import { createXlsxWriter, readXlsx } from '@gds/convert/xlsx';
import { describe, expect, it } from 'vitest';
import { noOpenpyxl, openpyxlNote, openpyxlRead, openpyxlWrite } from './_openpyxl.js';

// Each case starts python3 (about a second on a loaded machine): allow a property several minutes.
const SLOW = 300_000;

function write(columns: string[], rows: SourceValue[][], options = {}) {
  const w = createXlsxWriter(options);
  const parts = [w.begin(columns), ...rows.map((r) => w.row(r)), w.end()];
  return { bytes: new Uint8Array(Buffer.concat(parts)), writer: w };
}

async function readBack(bytes: Uint8Array, headerRow = 1) {
  const out: SourceValue[][] = [];
  for await (const rec of readXlsx(bytes, { headerRow })) out.push([...rec.values]);
  return out;
}

const DUMP = `
ws = wb.active
print(json.dumps({'warnings': warnings_seen, 'rows': [list(r) for r in ws.iter_rows(values_only=True)],
  'merged': sorted(str(m) for m in ws.merged_cells.ranges)}, ensure_ascii=False, default=str))
`;
interface Dump {
  warnings: string[];
  rows: SourceValue[][];
  merged: string[];
}

describe('XLSX writer: characters XML 1.0 cannot carry', () => {
  it('writes U+0001 and friends as OOXML escapes, reads them back exactly, and reports each at its row and column', async () => {
    const values = ['a\u0001b', 'x\u0008\u001fy', 'lone \ud800 surrogate', '\uffff'];
    const { bytes, writer } = write(['备注', '姓名', 'c', 'd'], [values]);
    expect((await readBack(bytes))[0]).toEqual(values);
    const issues = writer.takeIssues!();
    expect(
      issues.map((i) => [
        i.code,
        i.severity,
        i.params.char,
        i.source?.row,
        i.source?.column,
        i.source?.columnLetter,
      ]),
    ).toEqual([
      ['xlsx.escaped_character', 'warning', 'U+0001', 2, '备注', 'A'],
      ['xlsx.escaped_character', 'warning', 'U+0008', 2, '姓名', 'B'],
      ['xlsx.escaped_character', 'warning', 'U+001F', 2, '姓名', 'B'],
      ['xlsx.escaped_character', 'warning', 'U+D800', 2, 'c', 'C'],
      ['xlsx.escaped_character', 'warning', 'U+FFFF', 2, 'd', 'D'],
    ]);
    expect(issues[0]!.message).toContain('_x0001_');
    expect(writer.takeIssues!()).toEqual([]);
  });

  it('keeps a carriage return, and text that merely looks like an escape, as written', async () => {
    const values = ['第一行\r\n第二行', 'cr\ronly', '_x0041_ is not A', 'tab\there'];
    const { bytes, writer } = write(['a', 'b', 'c', 'd'], [values]);
    expect((await readBack(bytes))[0]).toEqual(values);
    expect(writer.takeIssues!()).toEqual([]);
  });

  it('refuses a sheet name Excel would repair, with a typed error', () => {
    for (const sheet of ['', 'a'.repeat(32), '花名册[1]', 'a/b', "'quoted'"]) {
      expect(() => createXlsxWriter({ sheet })).toThrow(GdsConvertError);
    }
    expect(() => createXlsxWriter({ sheet: '低保花名册（2024年3月）' })).not.toThrow();
  });

  it('names the record (its NDJSON line) and column when an export carries such a character', async () => {
    const loaded = loadMapping('civil-affairs/dibao-person');
    const records = [
      { id: 'ca-1', identity: { type: 'resident-id', number: '110105195304251577' }, name: '刘芳' },
      { id: 'ca-2', identity: { type: 'resident-id', number: '350102195802096982' }, name: '黄\u0007喆' },
    ];
    const out: Uint8Array[] = [];
    const summary = await exportStream(loaded, {
      input: Buffer.from(records.map((r) => `${JSON.stringify(r)}\n`).join('')),
      output: (c) => void out.push(c),
    });
    const escaped = summary.issues.filter((i) => i.code === 'xlsx.escaped_character');
    expect(escaped.map((i) => [i.params.char, i.source?.row, i.source?.column])).toEqual([
      ['U+0007', 2, '姓名'],
    ]);
    const rows = await readBack(new Uint8Array(Buffer.concat(out)));
    expect(rows.flat()).toContain('黄\u0007喆');
  });
});

// Text cells as a department's data has them: CJK and characters outside the BMP, spaces, punctuation,
// XML's own specials, line breaks (CR included) and tabs. Control characters have their own test above.
const cellText = fc.string({
  unit: fc.oneof(
    fc.constantFrom(
      '张',
      '𠮷',
      '䶮',
      '&',
      '<',
      '>',
      '"',
      "'",
      ' ',
      '\n',
      '\r',
      '\t',
      '　',
      '·',
      '=',
      '_',
      'x',
      '0',
    ),
    fc.string({ minLength: 1, maxLength: 1 }),
  ),
  maxLength: 12,
});
const cell: fc.Arbitrary<SourceValue> = fc.oneof(
  cellText,
  fc.integer({ min: -1e9, max: 1e9 }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((n) => Number(n.toPrecision(12))),
  fc.boolean(),
  fc.constant(null),
);

describe.skipIf(noOpenpyxl)(`XLSX writer checked by openpyxl${openpyxlNote}`, { timeout: SLOW }, () => {
  test.prop(
    [fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 8 }), fc.boolean()],
    { numRuns: 10 },
  )('any table opens without a repair warning and reads back the same cells', async (rows, titled) => {
    const columns = ['姓名', '出生日期', '备注'];
    // Every cell exactly: formula neutralisation (on by default, tested in formula.test.ts) is off here.
    const options = {
      neutraliseFormulas: false,
      ...(titled ? { preamble: [['花名册（2024年3月）']], merges: ['A1:C1'], sheet: '花名册' } : {}),
    };
    const { bytes } = write(columns, rows, options);
    const dump = openpyxlRead<Dump>(bytes, DUMP);
    expect(dump.warnings).toEqual([]);
    const blank = (v: SourceValue) => (v === '' ? null : v);
    const expectedRows = [
      ...(titled ? [['花名册（2024年3月）', null, null]] : []),
      columns,
      ...rows.map((r) => r.map(blank)),
    ];
    // openpyxl drops trailing empty rows; so does a spreadsheet program's view of the sheet.
    while (expectedRows.length > 0 && expectedRows[expectedRows.length - 1]!.every((v) => v === null))
      expectedRows.pop();
    expect(dump.rows).toEqual(expectedRows);
    expect(dump.merged).toEqual(titled ? ['A1:C1'] : []);
  });

  it('writes date columns as date cells openpyxl reads as dates, and is byte-identical run to run', () => {
    const rows = [
      ['张三', '1980-01-02', null],
      ['李四', '1900-03-01', '备注'],
    ];
    const { bytes } = write(['姓名', '出生日期', '备注'], rows, { dateColumns: ['出生日期'] });
    const dump = openpyxlRead<Dump>(bytes, DUMP);
    expect(dump.warnings).toEqual([]);
    expect(dump.rows.slice(1).map((r) => r[1])).toEqual(['1980-01-02 00:00:00', '1900-03-01 00:00:00']);
    expect(
      Buffer.from(write(['姓名', '出生日期', '备注'], rows, { dateColumns: ['出生日期'] }).bytes).equals(
        Buffer.from(bytes),
      ),
    ).toBe(true);
  });

  it('carries an escaped control character from an Excel-style source into the rejects, and reports it', async () => {
    // openpyxl writes `_x0001_` as it is, which is how Excel stores U+0001: readXlsx decodes it.
    const input = openpyxlWrite(
      `
ws.title = '低保花名册'
ws.append(['低保花名册'])
ws.append(['户编号', '姓名', '身份证号', '性别', '出生日期', '所属区划', '住址', '保障起始日期'])
ws.append(['DB-1', '赵_x0001_芳', '310101195001100000', '女', '1950-01-10', '110105', '建国路1号', '2015-11-01'])
`,
      {},
    );
    const rej: Uint8Array[] = [];
    const report = await convertStream(loadMapping('civil-affairs/dibao-person'), {
      input,
      file: 'in.xlsx',
      now: new Date('2026-01-01T00:00:00Z'),
      output: () => {},
      rejects: (c) => void rej.push(c),
    });
    expect(report.stats.rowsRejected).toBe(1);
    const escaped = report.issues.filter((i) => i.code === 'xlsx.escaped_character');
    expect(escaped.map((i) => [i.params.char, i.source?.file, i.source?.row, i.source?.column])).toEqual([
      ['U+0001', 'in.xlsx', 3, '姓名'],
    ]);
    const back = await readBack(new Uint8Array(Buffer.concat(rej)), 2);
    expect(back[0]![1]).toBe('赵\u0001芳');
    expect(openpyxlRead<Dump>(new Uint8Array(Buffer.concat(rej)), DUMP).warnings).toEqual([]);
  });
});

// Issue 15, the sheet's layout: rejected rows go back under the source's title rows with the header on
// its own row, so that the fixed file converts again with the same mapping; and a header that is not
// where the mapping says is one clear issue, never a run of 0 rows or of every column "missing".
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMapping } from '@gds/convert';
import { convertStream, type LoadedMapping, loadMapping } from '@gds/convert/node';
import { standardsDir } from '@gds/standards/fs';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { noOpenpyxl, openpyxlNote, openpyxlRead, openpyxlWrite } from './_openpyxl.js';

// Each case starts python3 (about a second on a loaded machine): allow a property several minutes.
const SLOW = 300_000;

const NOW = new Date('2026-01-01T00:00:00Z');

async function convert(
  loaded: LoadedMapping,
  input: Uint8Array,
  validate?: () => { ok: boolean; issues: [] },
) {
  const out: Uint8Array[] = [];
  const rej: Uint8Array[] = [];
  const report = await convertStream(loaded, {
    input,
    file: 'in.xlsx',
    now: NOW,
    output: (c) => void out.push(c),
    rejects: (c) => void rej.push(c),
    ...(validate ? { validate } : {}),
  });
  return { report, rejects: new Uint8Array(Buffer.concat(rej)), accepted: Buffer.concat(out).toString() };
}

interface SheetDump {
  warnings: string[];
  title: string;
  rows: unknown[][];
  merged: string[];
}
const DUMP = `
ws = wb.active
print(json.dumps({'warnings': warnings_seen, 'title': ws.title,
  'rows': [[c if c is None or isinstance(c, (str, int, float, bool)) else str(c) for c in r] for r in ws.iter_rows(values_only=True)],
  'merged': sorted(str(m) for m in ws.merged_cells.ranges)}, ensure_ascii=False))
`;

describe.skipIf(noOpenpyxl)(`XLSX rejects convert again${openpyxlNote}`, { timeout: SLOW }, () => {
  const dibao = loadMapping('civil-affairs/dibao-person');
  const golden = join(standardsDir(), 'mappings/civil-affairs/golden/dibao-person/input.xlsx');

  it('keeps the title rows and the header row of the source, and converts again with the same mapping', async () => {
    const input = new Uint8Array(readFileSync(golden));
    const first = await convert(dibao, input);
    expect(first.report.stats.rowsRejected).toBeGreaterThan(0);

    // What a user opening the rejects in a spreadsheet program sees (openpyxl, an independent reader).
    const source = openpyxlRead<SheetDump>(input, DUMP);
    const rejects = openpyxlRead<SheetDump>(first.rejects, DUMP);
    expect(rejects.title).toBe(source.title);
    expect(rejects.rows[0]).toEqual(source.rows[0]); // the title row
    expect(rejects.rows[1]).toEqual(source.rows[1]); // the header, on row 2 as the mapping says
    expect(rejects.rows).toHaveLength(2 + first.report.stats.rowsRejected);

    // Unchanged, the rejects are rejected again for the same reasons, and no column is "missing".
    const again = await convert(dibao, first.rejects);
    expect(again.report.missingColumns).toEqual([]);
    expect(again.report.stats).toMatchObject({ rowsRead: first.report.stats.rowsRejected, rowsAccepted: 0 });
    const reasons = (r: typeof first.report) =>
      r.issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.source?.column]);
    expect(reasons(again.report)).toEqual(reasons(first.report));
  });

  it('converts the rejects once the user fixed them in a spreadsheet program (openpyxl edits them)', async () => {
    const first = await convert(dibao, new Uint8Array(readFileSync(golden)));
    // The member without a name (row 3 of the rejects): the user types it in and saves.
    const fixed = openpyxlWrite(
      `
import base64, io
wb = openpyxl.load_workbook(io.BytesIO(base64.b64decode(data['xlsx'])))
ws = wb.active
header = [c.value for c in ws[2]]
for row in ws.iter_rows(min_row=3):
    if row[header.index('姓名')].value is None:
        row[header.index('姓名')].value = '王强'
`,
      { xlsx: Buffer.from(first.rejects).toString('base64') },
    );
    const again = await convert(dibao, fixed);
    expect(again.report.missingColumns).toEqual([]);
    expect(again.report.stats.rowsAccepted).toBe(1);
    expect(again.report.stats.rowsRejected).toBe(first.report.stats.rowsRejected - 1);
    expect(again.accepted).toContain('"name":"王强"');
  });

  it('writes two title rows, a blank row and a merged title back where they stood', async () => {
    const mapping: LoadedMapping = {
      path: 'test',
      crosswalks: {},
      codeLists: {},
      mapping: parseMapping({
        id: 'test/layout',
        version: '1.0.0',
        title: { zh: '测试', en: 'Test' },
        source: { system: 'test/layout', format: 'xlsx', headerRow: 4 },
        target: { standard: 'person', version: '1.0.0' },
        fields: [{ target: 'name', from: '姓名', required: true }],
      }),
    };
    const input = openpyxlWrite(
      `
ws.title = '名册'
ws['A1'] = '某街道低保名册'
ws.merge_cells('A1:C1')
ws['A2'] = '填报日期'
ws['B2'] = '2024年3月'
# row 3 is blank; the header is on row 4
for r, values in [(4, ['姓名', '电话', '备注']), (5, ['张三', '13800138000', None]), (6, [None, '13900139000', '姓名缺失'])]:
    for c, v in enumerate(values, start=1):
        ws.cell(row=r, column=c, value=v)
`,
      {},
    );
    const first = await convert(mapping, input, () => ({ ok: true, issues: [] }));
    expect(first.report.stats).toMatchObject({ rowsRead: 2, rowsAccepted: 1, rowsRejected: 1 });
    const rejects = openpyxlRead<SheetDump>(first.rejects, DUMP);
    expect(rejects.title).toBe('名册');
    expect(rejects.merged).toEqual(['A1:C1']);
    expect(rejects.rows).toEqual([
      ['某街道低保名册', null, null],
      ['填报日期', '2024年3月', null],
      [null, null, null],
      ['姓名', '电话', '备注'],
      [null, '13900139000', '姓名缺失'],
    ]);
    const again = await convert(mapping, first.rejects, () => ({ ok: true, issues: [] }));
    expect(again.report.missingColumns).toEqual([]);
    expect(again.report.stats).toMatchObject({ rowsRead: 1, rowsRejected: 1 });
    expect(
      again.report.issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.source?.row]),
    ).toEqual([['required', 5]]);
  });
});

describe.skipIf(noOpenpyxl)(
  `XLSX header row not where the mapping says${openpyxlNote}`,
  { timeout: SLOW },
  () => {
    const loaded = (headerRow: number): LoadedMapping => ({
      path: 'test',
      crosswalks: {},
      codeLists: {},
      mapping: parseMapping({
        id: 'test/header',
        version: '1.0.0',
        title: { zh: '测试', en: 'Test' },
        source: { system: 'test/header', format: 'xlsx', headerRow },
        target: { standard: 'person', version: '1.0.0' },
        recordId: { target: 'id', keys: ['身份证号'] },
        fields: [
          { target: 'name', from: '姓名' },
          { target: 'identity.number', from: '身份证号' },
          { target: 'phone', from: '电话', transforms: ['text'] },
        ],
      }),
    });
    const accept = () => ({ ok: true, issues: [] as [] });
    // A title row, the header on row 2, three people.
    const titled = () =>
      openpyxlWrite(
        `
ws.append(['花名册（2024年3月）'])
ws.append(['姓名', '身份证号', '电话'])
for p in [['张三', '110105195304251577', 13800138000], ['李四', '350102195802096982', None], ['王五', '110105194303174819', None]]:
    ws.append(p)
`,
        {},
      );
    const untitled = () =>
      openpyxlWrite(
        `
ws.append(['姓名', '身份证号', '电话'])
for p in [['张三', '110105195304251577', 13800138000], ['李四', '350102195802096982', None]]:
    ws.append(p)
`,
        {},
      );

    const only = (r: Awaited<ReturnType<typeof convert>>['report']) =>
      r.issues.map((i) => [i.code, i.severity, i.params.row, i.params.found, i.source?.row]);

    it('says where the header is when it is below the row the mapping names (a title row was added)', async () => {
      const { report } = await convert(loaded(1), titled(), accept);
      expect(report.valid).toBe(false);
      expect(only(report)).toEqual([['source.header_not_found', 'error', 1, 2, 1]]);
      expect(report.missingColumns).toEqual([]);
      expect(report.unusedColumns).toEqual([]);
      expect(report.issues[0]!.message).toContain('source.headerRow 改为 2');
    });

    it('says where the header is when it is above the row the mapping names (the title row was removed)', async () => {
      const { report } = await convert(loaded(2), untitled(), accept);
      expect(report.valid).toBe(false);
      expect(only(report)).toEqual([['source.header_not_found', 'error', 2, 1, 2]]);
      expect(report.stats.rowsRead).toBe(0);
    });

    it('reports a sheet that ends above the header row as source.no_records, not a clean run of 0 rows', async () => {
      const { report } = await convert(loaded(9), untitled(), accept);
      expect(report.valid).toBe(false);
      expect(report.issues.map((i) => [i.code, i.source?.row, i.source?.sheet])).toEqual([
        ['source.no_records', 9, 'Sheet'],
      ]);
      const empty = openpyxlWrite('', {});
      const r2 = (await convert(loaded(1), empty, accept)).report;
      expect(r2.issues.map((i) => i.code)).toEqual(['source.no_records']);
    });

    it('reports a formula without a computed value (openpyxl writes none) at its cell, in a column the mapping reads', async () => {
      const bytes = openpyxlWrite(
        `
ws.append(['姓名', '身份证号', '电话', '合计'])
ws.append(['张三', '110105195304251577', '=CONCATENATE("138", "00138000")', '=1+1'])
ws.append(['李四', '350102195802096982', '13900139000', '=1+1'])
`,
        {},
      );
      const { report } = await convert(loaded(1), bytes, accept);
      expect(report.stats).toMatchObject({ rowsRead: 2, rowsAccepted: 1, rowsRejected: 1 });
      expect(
        report.issues
          .filter((i) => i.severity === 'error')
          .map((i) => [i.code, i.params.formula, i.source?.row, i.source?.column, i.source?.columnLetter]),
      ).toEqual([['xlsx.formula_without_value', '=CONCATENATE("138", "00138000")', 2, '电话', 'C']]);
    });

    it('reads a formula with its computed value (as Excel saves it) as that value, without an issue', async () => {
      const written = unzipSync(
        openpyxlWrite(
          `
ws.append(['姓名', '身份证号', '电话'])
ws.append(['张三', '110105195304251577', '=CONCATENATE("138", "00138000")'])
`,
          {},
        ),
      );
      // What Excel adds on saving: the cached result next to the formula.
      const sheet = new TextDecoder().decode(written['xl/worksheets/sheet1.xml']);
      written['xl/worksheets/sheet1.xml'] = new TextEncoder().encode(
        sheet.replace('<v></v>', '<v>13800138000</v>').replace('<c r="C2">', '<c r="C2" t="str">'),
      );
      const { report, accepted } = await convert(loaded(1), zipSync(written), accept);
      expect(report.issues.filter((i) => i.severity === 'error')).toEqual([]);
      expect(accepted).toContain('"phone":"13800138000"');
    });

    it('still converts when the header is where the mapping says', async () => {
      const { report } = await convert(loaded(2), titled(), accept);
      expect(report.valid).toBe(true);
      expect(report.stats.rowsAccepted).toBe(3);
    });
  },
);

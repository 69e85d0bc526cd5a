// Issue 15 "Nothing altered in silence", CSV half: line endings (CR alone, mixed), quotes outside RFC 4180,
// and CSV files written by an independent RFC 4180 writer (papaparse's unparse) in every line-ending style.
import { fc, test } from '@fast-check/vitest';
import type { SourceRecord } from '@gds/convert';
import { readCsv } from '@gds/convert/csv';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';

async function all(reader: AsyncIterable<SourceRecord>) {
  const out: SourceRecord[] = [];
  for await (const r of reader) out.push(r);
  return out;
}

function chunked(bytes: Uint8Array, size: number): Iterable<Uint8Array> {
  return (function* () {
    for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
  })();
}

const codes = (r: SourceRecord) => r.issues.map((i) => i.code);

describe('CSV line endings', () => {
  it('reads a file whose rows end in CR alone (old Mac exports) as rows, not as one header', async () => {
    const reader = readCsv(Buffer.from('xm,xb\r张三,1\r李四,2\r'));
    const rows = await all(reader);
    expect(reader.info.header).toEqual(['xm', 'xb']);
    expect(rows.map((r) => [r.row, r.line, r.values, codes(r)])).toEqual([
      [2, 2, ['张三', '1'], []],
      [3, 3, ['李四', '2'], []],
    ]);
    expect(reader.info.issues).toEqual([]);
  });

  it('reads a CR file in any chunking, quoted CRs and a final row without a line ending included', async () => {
    const text = 'a,b\r"x\ry",1\r\r"say ""hi""",2\rlast,3';
    for (const encoding of ['utf-8', 'gb18030'] as const) {
      const bytes = iconv.encode(text, encoding);
      for (let size = 1; size <= bytes.length; size++) {
        const rows = await all(readCsv(chunked(bytes, size), { encoding }));
        expect(
          rows.map((r) => [r.row, r.line, r.values]),
          `${encoding}, chunks of ${size}`,
        ).toEqual([
          [2, 2, ['x\ry', '1']],
          [4, 5, ['say "hi"', '2']],
          [5, 6, ['last', '3']],
        ]);
      }
    }
  });

  it('reads mixed endings: in a CR file CR, CRLF and LF all end rows; in an LF file LF and CRLF do', async () => {
    const cr = await all(readCsv(Buffer.from('a,b\r1,2\r\n3,4\n5,6\r')));
    expect(cr.map((r) => [r.row, r.values, codes(r)])).toEqual([
      [2, ['1', '2'], []],
      [3, ['3', '4'], []],
      [4, ['5', '6'], []],
    ]);
    const lf = await all(readCsv(Buffer.from('a,b\r\n1,2\n3,4\r\n5,6\n')));
    expect(lf.map((r) => [r.row, r.values, codes(r)])).toEqual([
      [2, ['1', '2'], []],
      [3, ['3', '4'], []],
      [4, ['5', '6'], []],
    ]);
  });

  it('reports a bare CR inside an unquoted field of an LF file at its cell, and keeps it', async () => {
    const rows = await all(
      readCsv(Buffer.from('xm,dz\r\n张三,建国路\r88号\r\n李四,x\r\n'), { file: 'p.csv' }),
    );
    expect(rows[0]!.values).toEqual(['张三', '建国路\r88号']);
    expect(rows[0]!.issues).toHaveLength(1);
    expect(rows[0]!.issues[0]).toMatchObject({
      code: 'csv.bare_cr',
      severity: 'error',
      source: { file: 'p.csv', row: 2, column: 'dz', columnLetter: 'B', raw: '建国路\r88号' },
    });
    // The row as written, for the rejects file.
    expect(rows[0]!.raw).toBe('张三,建国路\r88号');
    expect(rows[1]).toMatchObject({ row: 3, values: ['李四', 'x'], issues: [] });
  });

  it('keeps both halves when a CR alone ends a row in the middle of an LF file, and says so', async () => {
    const rows = await all(readCsv(Buffer.from('a,b\n1,2\r3,4\n5,6\n')));
    expect(rows[0]!.values).toEqual(['1', '2\r3', '4']);
    expect(codes(rows[0]!)).toEqual(['csv.bare_cr', 'row.ragged']);
    expect(rows[1]).toMatchObject({ values: ['5', '6'], issues: [] });
  });
});

describe('CSV quotes outside RFC 4180', () => {
  it('keeps a field with text after its closing quote exactly as written and rejects it at its cell', async () => {
    const rows = await all(readCsv(Buffer.from('a,b,c\n1,"a " b",3\n4,"x"y"z",6\n7,""q,9\n')));
    expect(rows.map((r) => r.values)).toEqual([
      ['1', '"a " b"', '3'],
      ['4', '"x"y"z"', '6'],
      ['7', '""q', '9'],
    ]);
    for (const r of rows) {
      expect(r.issues).toHaveLength(1);
      expect(r.issues[0]).toMatchObject({
        code: 'csv.text_after_quote',
        severity: 'error',
        source: { row: r.row, column: 'b', columnLetter: 'B', raw: r.values[1] },
      });
    }
    expect(rows.map((r) => r.raw)).toEqual(['1,"a " b",3', '4,"x"y"z",6', '7,""q,9']);
  });

  it('reads a quote inside an unquoted field literally, with a warning at its cell', async () => {
    const rows = await all(readCsv(Buffer.from('a,b,c\n1,5\'3",x\n2,O"Brien ""jr""",y\n')));
    expect(rows.map((r) => r.values)).toEqual([
      ['1', '5\'3"', 'x'],
      ['2', 'O"Brien ""jr"""', 'y'],
    ]);
    for (const r of rows) {
      expect(r.issues.map((i) => [i.code, i.severity, i.source?.columnLetter])).toEqual([
        ['csv.bare_quote', 'warning', 'B'],
      ]);
    }
  });

  it('keeps the text of a row whose quote is never closed, for the rejects file', async () => {
    const rows = await all(readCsv(Buffer.from('a,b\n1,2\n3,"x\ny,4\n')));
    expect(rows[1]!.issues.map((i) => i.code)).toEqual(['csv.unterminated_quote']);
    expect(rows[1]!.raw).toBe('3,"x\ny,4\n');
  });

  it('reports a quote anomaly in the header as a file issue', async () => {
    const reader = readCsv(Buffer.from('a,"b"x\n1,2\n'));
    const rows = await all(reader);
    expect(reader.info.header).toEqual(['a', '"b"x']);
    expect(reader.info.issues.map((i) => [i.code, i.source?.row, i.source?.columnLetter])).toEqual([
      ['csv.text_after_quote', 1, 'B'],
    ]);
    expect(rows[0]!.values).toEqual(['1', '2']);
  });

  it('says source.no_records when the header row the mapping names is past the end of the file', async () => {
    const reader = readCsv(Buffer.from('某某派出所人口信息\n'), { headerRow: 3, file: 't.csv' });
    expect(await all(reader)).toEqual([]);
    expect(reader.info.issues.map((i) => [i.code, i.params.expected, i.source?.file])).toEqual([
      ['source.no_records', 'headerRow 3', 't.csv'],
    ]);
    const empty = readCsv(new Uint8Array(0));
    await all(empty);
    expect(empty.info.issues.map((i) => i.code)).toEqual(['source.no_records']);
    // A header with no data rows is an empty export, not a missing header.
    const headerOnly = readCsv(Buffer.from('xm,xb\n'));
    await all(headerOnly);
    expect(headerOnly.info.issues).toEqual([]);
  });

  it('finds the header where the mapping did not say: source.header_not_found, and no misread record', async () => {
    const expectedColumns = ['xm', 'xb', 'gmsfhm'];
    // A title row above the header, while the mapping says row 1.
    const below = readCsv(Buffer.from('某某派出所人口信息\nxm,xb,gmsfhm\n张三,1,110\n'), {
      expectedColumns,
      file: 'p.csv',
    });
    expect(await all(below)).toEqual([]);
    expect(below.info.header).toBeUndefined();
    expect(below.info.issues.map((i) => [i.code, i.params.row, i.params.found, i.source?.row])).toEqual([
      ['source.header_not_found', 1, 2, 1],
    ]);
    // The mapping says row 2, the header is on row 1.
    const aboveIt = readCsv(Buffer.from('xm,xb,gmsfhm\n张三,1,110\n李四,2,111\n'), {
      headerRow: 2,
      expectedColumns,
    });
    expect(await all(aboveIt)).toEqual([]);
    expect(aboveIt.info.issues.map((i) => [i.code, i.params.found])).toEqual([
      ['source.header_not_found', 1],
    ]);
    // Bytes that do not decode in rows not read are still reported.
    const bad = readCsv(
      Buffer.concat([Buffer.from('标题\nxm,xb,gmsfhm\n'), Buffer.from([0xff]), Buffer.from(',1,110\n')]),
      {
        encoding: 'utf-8',
        expectedColumns,
      },
    );
    expect(await all(bad)).toEqual([]);
    expect(bad.info.issues.map((i) => i.code).sort()).toEqual([
      'encoding.undecodable',
      'source.header_not_found',
    ]);
    // No row looks like the header: the rows are read (and the converter reports the missing columns).
    const none = readCsv(Buffer.from('a,b\n1,2\n'), { expectedColumns });
    expect((await all(none)).map((r) => r.values)).toEqual([['1', '2']]);
    expect(none.info.issues).toEqual([]);
  });
});

// Cells as an independent writer would meet them: quotes, delimiters, every line break, spaces, CJK and
// a character outside the BMP.
const cellArb = fc.string({
  unit: fc.constantFrom('a', 'Z', '"', ',', '\r', '\n', ' ', '张', '𠮷', '=', "'"),
  maxLength: 8,
});
const rowArb = fc.array(cellArb, { minLength: 3, maxLength: 3 }).filter((r) => r.some((c) => c !== ''));
const HEADER = ['a', 'b', 'c'];

describe('any CSV written by an independent RFC 4180 writer reads back to the same cells', () => {
  test.prop(
    [
      fc.array(rowArb, { minLength: 1, maxLength: 12 }),
      fc.constantFrom('\r\n', '\n', '\r'),
      fc.array(fc.constantFrom('\r\n', '\n', '\r'), { minLength: 13, maxLength: 13 }),
      fc.constantFrom('utf-8', 'gb18030'),
      fc.integer({ min: 1, max: 64 }),
    ],
    { numRuns: 300 },
  )('CRLF, LF, CR, or mixed as the first line ending allows', async (rows, first, rest, encoding, size) => {
    // The first line ending fixes the style: after a CR alone any ending may follow; after LF or CRLF
    // only those two (a later CR alone is data there, see the bare-CR tests).
    const endings = rest.map((e) => (first !== '\r' && e === '\r' ? '\n' : e));
    const lines = [HEADER, ...rows].map((r) => Papa.unparse([r], { newline: '\n' }));
    const text = lines.map((l, i) => l + (i === 0 ? first : endings[i - 1]!)).join('');
    const bytes = iconv.encode(text, encoding);
    const reader = readCsv(chunked(bytes, size), { encoding });
    const got = await all(reader);
    expect(reader.info.header).toEqual(HEADER);
    expect(got.map((r) => r.values)).toEqual(rows);
    expect(got.flatMap((r) => r.issues)).toEqual([]);
    expect(reader.info.blankRows).toBe(0);
  });

  // Cells the writer does not quote: a quote after the merge point would change what follows (as it does
  // for any reader), which the issues then report; here every character can be checked in place.
  const plainRow = fc
    .array(fc.string({ unit: fc.constantFrom('a', '张', '𠮷', '=', '-'), maxLength: 6 }), {
      minLength: 3,
      maxLength: 3,
    })
    .filter((r) => r.some((c) => c !== ''));
  test.prop([fc.array(plainRow, { minLength: 2, maxLength: 8 }), fc.nat(), fc.constantFrom('\r\n', '\n')], {
    numRuns: 200,
  })(
    'a CR alone after LF rows leaves every character in place and an issue at the cell',
    async (rows, at, style) => {
      const k = at % (rows.length - 1); // the data row that ends in a CR alone
      const lines = [HEADER, ...rows].map((r) => Papa.unparse([r], { newline: '\n' }));
      const text = lines.map((l, i) => l + (i === k + 1 ? '\r' : style)).join('');
      const got = await all(readCsv(Buffer.from(text)));
      const merged = got[k]!;
      const cell = merged.issues.find((i) => i.code === 'csv.bare_cr');
      expect(cell?.source?.columnLetter).toBe('C');
      // Rows before and after are untouched; the merged record holds both rows' text around the CR.
      expect(got.slice(0, k).map((r) => r.values)).toEqual(rows.slice(0, k));
      expect(got.slice(k + 1).map((r) => r.values)).toEqual(rows.slice(k + 2));
      expect(merged.raw).toBe(`${lines[k + 1]}\r${lines[k + 2]}`);
    },
  );
});

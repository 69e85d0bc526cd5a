// Issue 15, formula injection (OWASP "CSV Injection", https://owasp.org/www-community/attacks/CSV_Injection):
// CSV and XLSX exports prefix with ' every text cell that begins with =, +, -, @, TAB or CR, count them, and
// offer an explicit opt-out; numbers are never touched, and rejected rows go back unaltered.
import { fc, test } from '@fast-check/vitest';
import type { SourceRecord } from '@gds/convert';
import { createCsvWriter, readCsv } from '@gds/convert/csv';
import { convertStream, exportStream, loadMapping } from '@gds/convert/node';
import { createXlsxWriter, readXlsx } from '@gds/convert/xlsx';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';

const text = (chunks: Uint8Array[]) => new TextDecoder().decode(Buffer.concat(chunks));
const DANGEROUS = ['=1+2', '+SUM(A1)', '-2+3', '@cmd', '\t=x', '\r=x', '=HYPERLINK("http://x","y")'];

async function all(reader: AsyncIterable<SourceRecord>) {
  const out: SourceRecord[] = [];
  for await (const r of reader) out.push(r);
  return out;
}

describe('CSV writer', () => {
  it('prefixes dangerous text cells with a quote and counts them; numbers and plain numeric text stay', () => {
    const w = createCsvWriter({ newline: '\n' });
    const out = text([
      w.begin(['a', 'b']),
      ...DANGEROUS.map((v) => w.row([v, 'ok'])),
      w.row([-5, '-12.5']),
      w.row(['+8613800000000', '1e5']),
      w.row(['a=b', ' =x']),
      w.end(),
    ]);
    expect(out).toBe(
      [
        'a,b',
        "'=1+2,ok",
        "'+SUM(A1),ok",
        "'-2+3,ok",
        "'@cmd,ok",
        "'\t=x,ok",
        '"\'\r=x",ok',
        '"\'=HYPERLINK(""http://x"",""y"")",ok',
        '-5,-12.5',
        '+8613800000000,1e5',
        'a=b, =x',
        '',
      ].join('\n'),
    );
    expect(w.formulasNeutralised).toBe(DANGEROUS.length);
  });

  it('writes every value exactly with neutraliseFormulas: false', () => {
    const w = createCsvWriter({ newline: '\n', neutraliseFormulas: false });
    expect(text([w.row(['=1+2', '@x'])])).toBe('=1+2,@x\n');
    expect(w.formulasNeutralised).toBe(0);
  });

  test.prop([fc.string({ unit: fc.constantFrom('=', '+', '-', '@', '\t', '\r', 'a', '1', '.', ',', '"') })])(
    'no cell of a written file begins with a formula trigger unless it is a plain number',
    async (v) => {
      const w = createCsvWriter();
      const bytes = Buffer.concat([w.begin(['a']), w.row([v]), w.end()]);
      const rows = await all(readCsv(bytes));
      const cell = rows.length === 0 ? '' : String(rows[0]!.values[0]);
      const plainNumber = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(v);
      if (plainNumber || !/^[=+\-@\t\r]/.test(v)) expect(cell).toBe(v);
      else expect(cell).toBe(`'${v}`);
    },
  );
});

describe('XLSX writer', () => {
  it('neutralises text cells of data rows, not numbers, dates or the header', async () => {
    const w = createXlsxWriter({ numberColumns: ['n'], dateColumns: ['d'] });
    w.begin(['t', 'n', 'd']);
    w.row(['=1+2', '-5', '2024-01-02']);
    w.row(['@x', -7, null]);
    const rows = await all(readXlsx(w.end()));
    expect(rows.map((r) => r.values.slice(0, 2))).toEqual([
      ["'=1+2", -5],
      ["'@x", -7],
    ]);
    expect(w.formulasNeutralised).toBe(2);
    const off = createXlsxWriter({ neutraliseFormulas: false });
    off.begin(['t']);
    off.row(['=1+2']);
    expect((await all(readXlsx(off.end()))).map((r) => r.values)).toEqual([['=1+2']]);
  });
});

describe('gds export and rejects', () => {
  const loaded = loadMapping('public-security/population');
  const person = JSON.stringify({
    identity: { type: 'resident-id', number: '110105194701264166' },
    name: "=cmd|' /C calc'!A0",
    residence: { divisionCode: '110105', detail: '@SUM(1+1)' },
  });

  it('exportStream neutralises by default, counts it in the summary, and writes exactly when told not to', async () => {
    const input = new TextEncoder().encode(`${person}\n`);
    const guarded: Uint8Array[] = [];
    const summary = await exportStream(loaded, { input, output: (c) => void guarded.push(c) });
    expect(summary.formulasNeutralised).toBe(2);
    const row = iconv.decode(Buffer.concat(guarded), 'gb18030').split('\r\n')[1]!;
    expect(row).toContain("'=cmd|' /C calc'!A0");
    expect(row).toContain("'@SUM(1+1)");
    const exact: Uint8Array[] = [];
    const plain = await exportStream(loaded, {
      input,
      output: (c) => void exact.push(c),
      neutraliseFormulas: false,
    });
    expect(plain.formulasNeutralised).toBe(0);
    expect(iconv.decode(Buffer.concat(exact), 'gb18030')).toContain(",=cmd|' /C calc'!A0,");
  });

  it('writes rejected rows back unaltered, formulas included', async () => {
    const input = iconv.encode('gmsfhm,xm,xb\r\n123,=1+2,1\r\n', 'gb18030');
    const rejects: Uint8Array[] = [];
    await convertStream(loaded, { input, output: () => {}, rejects: (c) => void rejects.push(c) });
    expect(iconv.decode(Buffer.concat(rejects), 'gb18030')).toBe('gmsfhm,xm,xb\r\n123,=1+2,1\r\n');
  });
});

import { createNdjsonWriter, readJson, readNdjson, type TableWriter } from '@gds/convert';
import { createCsvWriter, readCsv } from '@gds/convert/csv';
import { readFixed } from '@gds/convert/fixed';
import { createXlsxWriter, readXlsx } from '@gds/convert/xlsx';
import { createXmlWriter, readXml } from '@gds/convert/xml';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { CONTRACT_TABLE, type ContractTable, chunked, readerContract } from './_contract.js';

function write(w: TableWriter, t: ContractTable, blanks = true): Uint8Array {
  const parts = [w.begin(t.columns)];
  for (const r of t.rows) {
    if (r === null) {
      if (blanks) parts.push(w.row([]));
    } else parts.push(w.row(r));
  }
  parts.push(w.end());
  return Buffer.concat(parts);
}

readerContract({
  name: 'csv (UTF-8 with BOM)',
  blankRows: true,
  firstRow: 2,
  make: async (t, chunk) => readCsv(chunked(write(createCsvWriter({ bom: true }), t), chunk)),
});
readerContract({
  name: 'csv (GB18030)',
  blankRows: true,
  firstRow: 2,
  make: async (t, chunk) =>
    readCsv(chunked(write(createCsvWriter({ encoding: 'gb18030' }), t), chunk), { encoding: 'gbk' }),
});
readerContract({
  name: 'tsv',
  blankRows: true,
  firstRow: 2,
  make: async (t, chunk) =>
    readCsv(chunked(write(createCsvWriter({ delimiter: '\t' }), t), chunk), { delimiter: '\t' }),
});
readerContract({
  name: 'xlsx',
  blankRows: true,
  firstRow: 2,
  make: async (t, chunk) => readXlsx(chunked(write(createXlsxWriter(), t), chunk)),
});
readerContract({
  name: 'xml',
  blankRows: false,
  firstRow: 1,
  make: async (t, chunk) =>
    readXml(chunked(write(createXmlWriter(), t, false), chunk), { recordPath: 'Records/Record' }),
});
readerContract({
  name: 'ndjson',
  blankRows: true,
  firstRow: 1,
  make: async (t, chunk) => {
    const bytes = write(createNdjsonWriter(), t, false);
    // NDJSON has no header line, and a blank line is a blank row.
    const lines = new TextDecoder().decode(bytes).split('\n');
    lines.splice(2, 0, '');
    return readNdjson(chunked(new TextEncoder().encode(lines.join('\n')), chunk));
  },
});
readerContract({
  name: 'json',
  blankRows: false,
  firstRow: 1,
  make: async (t, chunk) => {
    const objs = t.rows
      .filter((r) => r !== null)
      .map((r) => Object.fromEntries(t.columns.map((c, i) => [c, r![i]])));
    return readJson(chunked(new TextEncoder().encode(JSON.stringify({ data: { list: objs } })), chunk), {
      recordPath: 'data.list',
    });
  },
});
readerContract({
  name: 'fixed width (GB18030)',
  blankRows: true,
  firstRow: 2,
  make: async (t, chunk) => {
    const widths = [4, 8, 4, 24];
    const pad = (s: string, w: number) => {
      const b = iconv.encode(s, 'gb18030');
      return Buffer.concat([b, Buffer.alloc(w - b.length, 0x20)]);
    };
    const lines = [Buffer.from('FIXED EXPORT\n')];
    for (const r of t.rows) {
      lines.push(
        r === null
          ? Buffer.from('\n')
          : Buffer.concat([...r.map((v, i) => pad(v, widths[i]!)), Buffer.from('\r\n')]),
      );
    }
    let start = 1;
    const columns = t.columns.map((name, i) => {
      const c = { name, start, length: widths[i]! };
      start += widths[i]!;
      return c;
    });
    return readFixed(chunked(Buffer.concat(lines), chunk), { columns, skipLines: 1 });
  },
});

void CONTRACT_TABLE;

describe('createNdjsonWriter', () => {
  it('writes columns named like Object.prototype members as data (__proto__, constructor, toString)', async () => {
    const line = '{"__proto__":{"x":"1"},"constructor":{"y":"2"},"toString":"3","a":{"hasOwnProperty":"4"}}';
    const w = createNdjsonWriter();
    for await (const rec of readNdjson(new TextEncoder().encode(`${line}\n`))) {
      w.begin(rec.columns);
      expect(new TextDecoder().decode(w.row(rec.values))).toBe(`${line}\n`);
    }
    expect(Object.hasOwn(Object.prototype, 'x') || Object.hasOwn(Object, 'y')).toBe(false);
  });
});

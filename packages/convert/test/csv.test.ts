import { fc, test } from '@fast-check/vitest';
import type { SourceRecord } from '@gds/convert';
import { readCsv } from '@gds/convert/csv';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';

async function all(reader: AsyncIterable<SourceRecord>) {
  const out: SourceRecord[] = [];
  for await (const r of reader) out.push(r);
  return out;
}

describe('readCsv', () => {
  it('decodes GBK/GB18030 as GB18030 so a character outside GBK (𠮷, U+20BB7) survives', async () => {
    const bytes = iconv.encode('xm,xb\n张𠮷,1\n', 'gb18030');
    const reader = readCsv(bytes, { encoding: 'gbk' });
    const rows = await all(reader);
    expect(rows[0]!.values).toEqual(['张𠮷', '1']);
    expect(reader.info.encoding).toBe('gb18030');
  });

  it('reports undecodable bytes with their byte offset on the row they are in, after a clean start', async () => {
    const clean = iconv.encode(`xm,xb\n${'张三,1\n'.repeat(20000)}`, 'gb18030');
    const bad = Buffer.from([0xd5, 0xc5, 0xff, 0x2c, 0x31, 0x0a]);
    const reader = readCsv(Buffer.concat([clean, bad]), { encoding: 'gb18030', file: 'p.csv' });
    const rows = await all(reader);
    const last = rows[rows.length - 1]!;
    expect(last.row).toBe(20002);
    expect(last.issues.map((i) => i.code)).toEqual(['encoding.undecodable']);
    expect(last.issues[0]!.source).toMatchObject({ file: 'p.csv', row: 20002, byteOffset: clean.length + 2 });
    expect(last.issues[0]!.params.bytes).toBe('0xFF');
  });

  it('detects UTF-8 by its BOM even when GB18030 was declared, with a warning', async () => {
    const reader = readCsv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('xm\n张三\n')]), {
      encoding: 'gb18030',
    });
    const rows = await all(reader);
    expect(rows[0]!.values).toEqual(['张三']);
    expect(reader.info).toMatchObject({ encoding: 'utf-8', bom: true });
    expect(reader.info.issues.map((i) => i.code)).toEqual(['encoding.mixed']);
  });

  it('numbers rows as a spreadsheet shows them: quoted newlines stay in one row, lines are tracked too', async () => {
    const rows = await all(readCsv(Buffer.from('a,b\r\n"x\r\ny",1\r\n\r\nz,2\r\n')));
    expect(rows.map((r) => [r.row, r.line, r.values])).toEqual([
      [2, 2, ['x\r\ny', '1']],
      [4, 5, ['z', '2']],
    ]);
  });

  it('supports a header below a title row', async () => {
    const rows = await all(readCsv(Buffer.from('某某派出所人口信息\nxm,xb\n张三,1\n'), { headerRow: 2 }));
    expect(rows[0]).toMatchObject({
      row: 3,
      columns: ['xm', 'xb'],
      values: ['张三', '1'],
      letters: ['A', 'B'],
    });
  });

  it('handles a 50 MB field without losing or splitting the row', async () => {
    const big = 'x'.repeat(50 * 1024 * 1024);
    const bytes = Buffer.from(`a,b\n1,"${big}"\n2,y\n`);
    const rows = await all(readCsv(bytes));
    expect(rows.map((r) => r.row)).toEqual([2, 3]);
    expect((rows[0]!.values[1] as string).length).toBe(big.length);
  });

  // Acceptance 3 (reader half): arbitrary bytes never crash the reader and never lose a row. The number of
  // rows is the number of records a reference tokenizer finds; every one is either yielded or counted blank.
  const byteArb = fc.array(
    fc.oneof(
      fc.constantFrom(0x22, 0x2c, 0x0a, 0x0d, 0x81, 0xff, 0x30, 0xd5, 0xc5),
      fc.integer({ min: 0, max: 255 }),
    ),
    { maxLength: 400 },
  );
  test.prop([byteArb, fc.constantFrom('gb18030', 'utf-8', 'auto'), fc.integer({ min: 1, max: 64 })], {
    numRuns: 300,
  })('never crashes on arbitrary bytes and accounts for every record', async (arr, encoding, chunk) => {
    const bytes = Uint8Array.from(arr);
    const chunks = (function* () {
      for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
    })();
    const reader = readCsv(chunks, { encoding: encoding as 'gb18030' });
    const rows = await all(reader);
    const expected = referenceRecordCount(bytes);
    // Header (1) + data rows + blank rows = all physical records.
    expect(Math.min(1, expected) + rows.length + reader.info.blankRows).toBe(expected);
    const rowsSeen = rows.map((r) => r.row);
    expect([...rowsSeen].sort((a, b) => a - b)).toEqual(rowsSeen);
  });
});

/**
 * Counts CSV records by the same quoting and line-ending rules, on bytes (the delimiters are ASCII in both
 * encodings): the first CR or LF of the file fixes the style; in a CR file CR, CRLF and LF end rows, in an
 * LF file LF and CRLF do (a CR alone is data).
 */
function referenceRecordCount(b: Uint8Array): number {
  let first = -1;
  for (let i = 0; i < b.length && first < 0; i++) if (b[i] === 0x0a || b[i] === 0x0d) first = i;
  const crFile = first >= 0 && b[first] === 0x0d && b[first + 1] !== 0x0a;
  let n = 0;
  let inQ = false;
  let started = false;
  let any = false;
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    any = true;
    if (inQ) {
      if (c === 0x22) {
        if (b[i + 1] === 0x22) i++;
        else inQ = false;
      }
      continue;
    }
    if (c === 0x22 && !started) {
      inQ = true;
      started = true;
    } else if (c === 0x2c) started = false;
    else if (c === 0x0a || (crFile && c === 0x0d)) {
      if (c === 0x0d && b[i + 1] === 0x0a) i++;
      n++;
      started = false;
      any = false;
    } else started = true;
  }
  return n + (any ? 1 : 0);
}

// Issue 15: the JSON document reader streams the elements of its record array; an element longer than
// maxRecordBytes is an issue for that record and is never held in memory (nor is the document).
import { fc, test } from '@fast-check/vitest';
import { type JsonReaderOptions, readJson, type SourceRecord } from '@gds/convert';
import { describe, expect, it } from 'vitest';

async function all(source: Iterable<Uint8Array> | Uint8Array, options: JsonReaderOptions = {}) {
  const rows: SourceRecord[] = [];
  for await (const r of readJson(source, options)) rows.push(r);
  return rows;
}

const enc = new TextEncoder();

function* chunked(bytes: Uint8Array, sizes: number[]) {
  let i = 0;
  let k = 0;
  while (i < bytes.length) {
    const n = sizes[k++ % sizes.length]!;
    yield bytes.subarray(i, i + n);
    i += n;
  }
}

const ws = fc.constantFrom('', ' ', '\n', '\t', '\r\n', '  ');

/** JSON.stringify's output with random whitespace between its tokens (outside strings). */
function spaced(value: unknown, pick: () => string): string {
  const p = pick;
  if (Array.isArray(value)) return `[${p()}${value.map((v) => `${spaced(v, p)}${p()}`).join(`,${p()}`)}]`;
  if (value !== null && typeof value === 'object') {
    const parts = Object.entries(value).map(
      ([k, v]) => `${JSON.stringify(k)}${p()}:${p()}${spaced(v, p)}${p()}`,
    );
    return `{${p()}${parts.join(`,${p()}`)}}`;
  }
  return JSON.stringify(value);
}

describe('readJson streams its record array', () => {
  test.prop([
    fc.array(fc.jsonValue(), { maxLength: 12 }),
    fc.array(ws, { minLength: 1, maxLength: 16 }),
    fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 8 }),
    fc.constantFrom(undefined, 'data.list'),
  ])(
    'any array written by JSON.stringify, in any chunking, reads back to the same records',
    async (list, spaces, sizes, recordPath) => {
      let n = 0;
      const pick = () => spaces[n++ % spaces.length]!;
      const body = spaced(list, pick);
      const text = recordPath
        ? `${pick()}{"meta":{"list":[1]},"data":${pick()}{"list":${body}}}${pick()}`
        : `${pick()}${body}${pick()}`;
      const whole = await all(enc.encode(text), recordPath ? { recordPath } : {});
      const streamed = await all(chunked(enc.encode(text), sizes), recordPath ? { recordPath } : {});
      expect(streamed).toEqual(whole);
      const parsed = JSON.parse(text);
      const expected = recordPath ? parsed.data.list : parsed;
      expect(streamed.map((r) => r.raw)).toEqual(expected);
      expect(streamed.map((r) => r.issues.length === 0)).toEqual(
        expected.map((v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v)),
      );
    },
  );

  it('turns an element longer than the limit into a record_too_large issue with its index and offset', async () => {
    const long = `{"a":"${'x],{'.repeat(40)}"}`;
    const text = `{"data":{"list":[{"a":1}, ${long} ,{"a":2},${long}]}}`;
    const bytes = enc.encode(text);
    for (const size of [1, 7, 64, 1000]) {
      const rows = await all(chunked(bytes, [size]), {
        recordPath: 'data.list',
        maxRecordBytes: 50,
        file: 'big.json',
      });
      expect(
        rows.map((r) => [r.row, r.values, r.issues.map((i) => [i.code, i.params.bytes, i.params.limit])]),
        `chunks of ${size}`,
      ).toEqual([
        [1, [1], []],
        [2, [], [['source.record_too_large', long.length, 50]]],
        [3, [2], []],
        [4, [], [['source.record_too_large', long.length, 50]]],
      ]);
      expect(rows[1]!.issues[0]!.source).toEqual({
        file: 'big.json',
        row: 2,
        byteOffset: text.indexOf(long),
      });
    }
  });

  it('keeps the whole-document issues: malformed JSON, no array at the path, a scalar record', async () => {
    const code = (rows: SourceRecord[]) => rows.map((r) => [r.row, r.issues.map((i) => i.code)]);
    expect(code(await all(enc.encode('{"a":')))).toEqual([[1, ['source.invalid_record']]]);
    expect(code(await all(enc.encode('{"data":{}}'), { recordPath: 'data.list' }))).toEqual([
      [1, ['source.invalid_record']],
    ]);
    expect(code(await all(enc.encode('[{"a":1},3]')))).toEqual([
      [1, []],
      [2, ['source.invalid_record']],
    ]);
    // A fault after some records: the records read so far, then the fault as the next row.
    expect(code(await all(enc.encode('[{"a":1},{"a":}]')))).toEqual([
      [1, []],
      [2, ['source.invalid_record']],
    ]);
    // A truncated document whose last element never closed: that element is the fault (as today).
    expect(code(await all(enc.encode('[{"a":1}')))).toEqual([[1, ['source.invalid_record']]]);
    // A path through an array index is read from the (small) document as before.
    const rows = await all(enc.encode('{"pages":[{"list":[{"a":1}]}]}'), { recordPath: 'pages.0.list' });
    expect(rows.map((r) => r.values)).toEqual([[1]]);
  });

  it('does not hold an over-long element: memory stays bounded while a 256 MiB element streams past', async () => {
    const base = process.memoryUsage().arrayBuffers;
    let peak = 0;
    const source = (function* () {
      yield enc.encode('[{"a":1},{"a":"');
      for (let i = 0; i < 256; i++) {
        peak = Math.max(peak, process.memoryUsage().arrayBuffers - base);
        yield new Uint8Array(1024 * 1024).fill(0x78);
      }
      yield enc.encode('"},{"a":2}]');
    })();
    const rows = await all(source, { maxRecordBytes: 4 * 1024 * 1024 });
    expect(rows.map((r) => r.values)).toEqual([[1], [], [2]]);
    expect(rows[1]!.issues[0]!.params.bytes).toBe(256 * 1024 * 1024 + 8);
    expect(rows[1]!.issues[0]!.source?.byteOffset).toBe(9);
    expect(peak).toBeLessThan(160 * 1024 * 1024);
  }, 60_000);

  it('refuses a limit that is not a positive integer', () => {
    expect(() => readJson(new Uint8Array(0), { maxRecordBytes: 1.5 })).toThrow(
      expect.objectContaining({ code: 'GDS_CONVERT_INVALID_OPTION' }),
    );
  });
});

// Issue 15: the NDJSON reader takes a maximum record size; a longer line is an issue for that line, and
// the line is never held in memory (the reader does not keep its bytes).
import { type NdjsonReaderOptions, readNdjson, type SourceRecord } from '@gds/convert';
import { describe, expect, it } from 'vitest';

async function all(source: Iterable<Uint8Array> | Uint8Array, options: NdjsonReaderOptions) {
  const reader = readNdjson(source, options);
  const rows: SourceRecord[] = [];
  for await (const r of reader) rows.push(r);
  return rows;
}

const enc = new TextEncoder();

describe('readNdjson maxRecordBytes', () => {
  it('turns a line longer than the limit into a record_too_large issue for that line, in any chunking', async () => {
    const long = `{"a":"${'x'.repeat(100)}"}`;
    const text = `{"a":1}\n${long}\n{"a":2}\n${long}`;
    const bytes = enc.encode(text);
    for (const size of [1, 7, 64, 1000]) {
      const chunks = (function* () {
        for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
      })();
      const rows = await all(chunks, { maxRecordBytes: 50, file: 'big.ndjson' });
      expect(
        rows.map((r) => [r.row, r.values, r.issues.map((i) => [i.code, i.params.bytes, i.params.limit])]),
        `chunks of ${size}`,
      ).toEqual([
        [1, [1], []],
        [2, [], [['source.record_too_large', long.length, 50]]],
        [3, [2], []],
        [4, [], [['source.record_too_large', long.length, 50]]],
      ]);
      expect(rows[1]!.issues[0]!.source).toEqual({ file: 'big.ndjson', row: 2, byteOffset: 8 });
    }
  });

  it('defaults to 16 MiB: a 20 MiB line is refused, one of 1 MiB read', async () => {
    const mib = 1024 * 1024;
    const line = (n: number) => enc.encode(`{"a":"${'x'.repeat(n - 8)}"}\n`);
    const rows = await all([line(20 * mib), line(mib)], {});
    expect(rows.map((r) => r.issues.map((i) => i.code))).toEqual([['source.record_too_large'], []]);
    expect((rows[1]!.values[0] as string).length).toBe(mib - 8);
  });

  it('does not hold an over-long line: memory stays bounded while a 256 MiB line streams past', async () => {
    // Fresh 1 MiB chunks: a reader that kept them (or concatenated them) would hold 256 MiB of array
    // buffers, all reachable, whatever the garbage collector does. Sampled while the reader is inside the line.
    const base = process.memoryUsage().arrayBuffers;
    let peak = 0;
    const source = (function* () {
      yield enc.encode('{"a":"');
      for (let i = 0; i < 256; i++) {
        peak = Math.max(peak, process.memoryUsage().arrayBuffers - base);
        yield new Uint8Array(1024 * 1024).fill(0x78);
      }
      yield enc.encode('"}\n{"a":1}\n');
    })();
    const rows = await all(source, { maxRecordBytes: 4 * 1024 * 1024 });
    expect(rows[0]!.issues[0]!.params.bytes).toBe(256 * 1024 * 1024 + 8);
    expect(rows[1]!.values).toEqual([1]);
    expect(peak).toBeLessThan(160 * 1024 * 1024);
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => readNdjson(new Uint8Array(0), { maxRecordBytes: 0 })).toThrow(
      expect.objectContaining({ code: 'GDS_CONVERT_INVALID_OPTION' }),
    );
  });
});

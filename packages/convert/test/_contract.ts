// The one contract every reader passes (STYLE 4: adapters behind one contract, one shared suite).
// Each format supplies a `make` that writes the same table in that format; the suite reads it back.
import type { SourceReader, SourceValue } from '@gds/convert';
import { describe, expect, it } from 'vitest';

export interface ContractTable {
  columns: string[];
  /** `null` is a blank row. */
  rows: (string[] | null)[];
}

export const CONTRACT_TABLE: ContractTable = {
  columns: ['id', 'name', 'code', 'note'],
  rows: [
    ['1', '张𠮷', '01', 'plain'],
    ['2', '李四', '007', 'comma, "quote"'],
    null,
    ['3', '王　五', '10', ''],
  ],
};

export interface ReaderCase {
  name: string;
  /** Builds a reader over the table written in the format; `chunk` > 0 feeds the bytes in chunks of that size. */
  make(table: ContractTable, chunk: number): Promise<SourceReader>;
  /** Whether blank rows exist in the format (not in XML/JSON, where a record is an element/object). */
  blankRows: boolean;
  /** The row number of the first data record (2 for a header row, 1 for record formats). */
  firstRow: number;
}

export function chunked(bytes: Uint8Array, size: number): Iterable<Uint8Array> | Uint8Array {
  if (size <= 0) return bytes;
  return (function* () {
    for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
  })();
}

const text = (v: SourceValue | undefined) => (v === null || v === undefined ? '' : String(v));

export function readerContract(c: ReaderCase): void {
  describe(`reader contract: ${c.name}`, () => {
    for (const chunk of [0, 1, 7]) {
      it(`yields every data row in order with its values and position (chunk ${chunk || 'whole'})`, async () => {
        const reader = await c.make(CONTRACT_TABLE, chunk);
        const got: { row: number; values: string[] }[] = [];
        for await (const rec of reader) {
          expect(rec.issues).toEqual([]);
          got.push({
            row: rec.row,
            values: CONTRACT_TABLE.columns.map((col) => text(rec.values[rec.columns.indexOf(col)])),
          });
        }
        const dataRows = CONTRACT_TABLE.rows.filter((r) => r !== null) as string[][];
        expect(got.map((g) => g.values)).toEqual(dataRows);
        const expectedRows: number[] = [];
        let n = c.firstRow;
        for (const r of CONTRACT_TABLE.rows) {
          if (r !== null) expectedRows.push(n);
          if (r !== null || c.blankRows) n++;
        }
        expect(got.map((g) => g.row)).toEqual(expectedRows);
        expect(reader.info.bytes).toBeGreaterThan(0);
        if (c.blankRows) expect(reader.info.blankRows).toBe(1);
      });
    }

    it('keeps rare characters, full-width spaces and leading zeros exactly', async () => {
      const reader = await c.make(CONTRACT_TABLE, 0);
      const values: SourceValue[][] = [];
      for await (const rec of reader) values.push([...rec.values]);
      expect(values.flat()).toContain('张𠮷');
      expect(values.flat()).toContain('王　五');
      expect(values.flat()).toContain('007');
    });

    it('gives the same records through batches() as through the iterator, when it offers batches', async () => {
      const a = await c.make(CONTRACT_TABLE, 7);
      const b = await c.make(CONTRACT_TABLE, 7);
      if (!b.batches) return;
      const viaIterator: unknown[] = [];
      for await (const rec of a) viaIterator.push({ row: rec.row, values: rec.values });
      const viaBatches: unknown[] = [];
      for await (const batch of b.batches())
        for (const rec of batch) viaBatches.push({ row: rec.row, values: rec.values });
      expect(viaBatches).toEqual(viaIterator);
    });

    it('can be iterated by several consumers only after a fresh make (info is per reader)', async () => {
      const reader = await c.make(CONTRACT_TABLE, 0);
      let n = 0;
      for await (const _ of reader) n++;
      expect(n).toBe(3);
      expect(reader.info.format).toBeTypeOf('string');
    });
  });
}

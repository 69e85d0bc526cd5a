import type { SourceValue } from './record.js';
import type { TableWriter } from './writer.js';

const enc = new TextEncoder();

/**
 * Creates an NDJSON table writer: one JSON object per row, keys in column order, dotted column names
 * (`address.street`) nested back into objects, so `readNdjson` reads back what this writes.
 *
 * @example
 * ```ts
 * import { createNdjsonWriter } from '@gds/convert';
 * const w = createNdjsonWriter();
 * const bytes = [w.begin(['id', 'a.b']), w.row(['1', 'x']), w.end()]; // {"id":"1","a":{"b":"x"}}
 * ```
 */
export function createNdjsonWriter(): TableWriter {
  let columns: readonly string[] = [];
  return {
    extension: 'ndjson',
    begin(cols) {
      columns = cols;
      return new Uint8Array(0);
    },
    row(values) {
      // Null-prototype objects: a column named `__proto__.x` or `constructor.x` is data, not a prototype.
      const obj: Record<string, unknown> = Object.create(null);
      columns.forEach((col, i) => {
        const v: SourceValue | undefined = values[i];
        if (v === null || v === undefined) return;
        const keys = col.split('.');
        let node = obj;
        for (const k of keys.slice(0, -1)) {
          if (node[k] === undefined) node[k] = Object.create(null);
          node = node[k] as Record<string, unknown>;
        }
        node[keys[keys.length - 1]!] = v;
      });
      return enc.encode(`${JSON.stringify(obj)}\n`);
    },
    end: () => new Uint8Array(0),
  };
}

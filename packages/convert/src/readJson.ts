import { readAllBytes } from './_internal/bytes.js';
import { hasUtf8Bom } from './_internal/encoding.js';
import { atPath, flatten } from './_internal/flatten.js';
import { sourceIssue } from './_internal/issues.js';
import type { ByteSource, ReaderOptions, SourceInfo, SourceReader, SourceValue } from './record.js';

/** Options of {@link readJson}. */
export interface JsonReaderOptions extends ReaderOptions {
  /** Dotted path to the array of records inside the document (`data.list`); the document itself by default. */
  recordPath?: string;
}

/**
 * Reads a JSON document holding an array of records (at the top or at `recordPath`). Nested objects are
 * flattened to dotted column names; scalar types are kept. The document is parsed whole (JSON has no
 * record boundaries to stream on; use NDJSON for files beyond memory). Malformed JSON becomes one rejected
 * record with a `source.invalid_record` issue, not an exception.
 *
 * @example
 * ```ts
 * import { readJson } from '@gds/convert';
 * const reader = readJson(new TextEncoder().encode('{"data":{"list":[{"id":"1"}]}}'), { recordPath: 'data.list' });
 * for await (const rec of reader) rec.columns; // ['id']
 * ```
 */
export function readJson(source: ByteSource, options: JsonReaderOptions = {}): SourceReader {
  const info: SourceInfo = { format: 'json', encoding: 'utf-8', bytes: 0, blankRows: 0, issues: [] };
  if (options.file !== undefined) info.file = options.file;
  return {
    info,
    async *[Symbol.asyncIterator]() {
      const locale = options.locale ?? 'zh-CN';
      let bytes = await readAllBytes(source, (c) => {
        info.bytes += c.length;
        options.onBytes?.(c);
      });
      if (hasUtf8Bom(bytes)) {
        info.bom = true;
        bytes = bytes.subarray(3);
      }
      let list: unknown;
      try {
        list = atPath(
          JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)),
          options.recordPath,
        );
        if (!Array.isArray(list)) throw new SyntaxError(`no array at ${options.recordPath ?? '(document)'}`);
      } catch (e) {
        const issue = sourceIssue('source.invalid_record', { reason: (e as Error).message }, locale, {
          file: options.file,
          row: 1,
        });
        yield { row: 1, columns: [], values: [], issues: [issue] };
        return;
      }
      let row = 0;
      for (const item of list) {
        row++;
        const columns: string[] = [];
        const values: SourceValue[] = [];
        if (item === null || typeof item !== 'object' || Array.isArray(item)) {
          const issue = sourceIssue('source.invalid_record', { reason: 'not an object' }, locale, {
            file: options.file,
            row,
            raw: JSON.stringify(item),
          });
          yield { row, columns, values, issues: [issue], raw: item };
          continue;
        }
        flatten(item, '', columns, values);
        yield { row, columns, values, issues: [], raw: item };
      }
    },
  };
}

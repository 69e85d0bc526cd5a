import type { Issue } from '@gds/schema';
import { byteChunks, concatBytes, hexBytes } from './_internal/bytes.js';
import { hasUtf8Bom, VerifyingDecoder } from './_internal/encoding.js';
import { flatten } from './_internal/flatten.js';
import { sourceIssue } from './_internal/issues.js';
import { GdsConvertError } from './errors.js';
import type {
  ByteSource,
  ReaderOptions,
  SourceInfo,
  SourceReader,
  SourceRecord,
  SourceValue,
} from './record.js';

/** Options of {@link readNdjson}. */
export interface NdjsonReaderOptions extends ReaderOptions {
  /**
   * The longest line read, in bytes (default 16 MiB). A longer line is not held in memory: it becomes a
   * record with a `source.record_too_large` issue (its length and the limit), so it is counted and
   * rejected, and memory stays bounded by the limit whatever the input.
   */
  maxRecordBytes?: number;
}

/** The default {@link NdjsonReaderOptions.maxRecordBytes}: 16 MiB. */
const DEFAULT_MAX_RECORD_BYTES = 16 * 1024 * 1024;

/**
 * Reads NDJSON (one JSON value per line, UTF-8) as a stream of records. Nested objects are flattened to
 * dotted column names (`address.street`), scalar types are kept. A line that is not JSON becomes a record
 * with a `source.invalid_record` issue, so it is counted and rejected rather than lost; blank lines are
 * counted in `info.blankRows`. A line longer than `maxRecordBytes` (16 MiB) is a `source.record_too_large`
 * record, never read into memory.
 *
 * @example
 * ```ts
 * import { readNdjson } from '@gds/convert';
 * const reader = readNdjson(new TextEncoder().encode('{"a":1}\n{"a":2}\n'));
 * for await (const rec of reader) rec.values; // [1], then [2]
 * ```
 */
export function readNdjson(source: ByteSource, options: NdjsonReaderOptions = {}): SourceReader {
  const max = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  if (!Number.isSafeInteger(max) || max < 1) {
    throw new GdsConvertError(
      'GDS_CONVERT_INVALID_OPTION',
      `maxRecordBytes 应为正整数，收到 ${String(max)}`,
      `maxRecordBytes must be a positive integer, got ${String(max)}`,
    );
  }
  const info: SourceInfo = { format: 'ndjson', encoding: 'utf-8', bytes: 0, blankRows: 0, issues: [] };
  if (options.file !== undefined) info.file = options.file;
  return {
    info,
    async *[Symbol.asyncIterator]() {
      const locale = options.locale ?? 'zh-CN';
      const file = options.file;
      const decoder = new VerifyingDecoder('utf-8');
      let line = 0;
      let offset = 0;
      let pending: Uint8Array[] = [];
      let pendingSize = 0;
      // Bytes of an over-long line skipped so far, or -1 when not inside one.
      let skipped = -1;
      const tooLarge = (bytes: number, at: number): SourceRecord => {
        line++;
        const issue = sourceIssue('source.record_too_large', { bytes, limit: max }, locale, {
          file,
          row: line,
          byteOffset: at,
        });
        return { row: line, line, columns: [], values: [], issues: [issue] };
      };
      const lines = function* (piece: Uint8Array, final: boolean): Generator<SourceRecord> {
        let start = 0;
        if (offset === 0 && hasUtf8Bom(piece)) {
          info.bom = true;
          start = 3;
        }
        while (start < piece.length || (final && start < piece.length)) {
          let end = piece.indexOf(0x0a, start);
          if (end < 0) end = piece.length;
          if (end - start > max) {
            yield tooLarge(end - start, offset + start);
            start = end + 1;
            continue;
          }
          line++;
          const bytes = piece.subarray(start, end);
          const { text, invalid } = decoder.decode(bytes);
          const issues: Issue[] = [];
          for (const span of invalid ?? []) {
            issues.push(
              sourceIssue(
                'encoding.undecodable',
                {
                  byteOffset: offset + start + span.offset,
                  bytes: hexBytes(bytes.subarray(span.offset, span.offset + Math.max(1, span.length))),
                  encoding: 'utf-8',
                },
                locale,
                { file, row: line, byteOffset: offset + start + span.offset },
              ),
            );
          }
          start = end + 1;
          if (text.trim() === '' && issues.length === 0) {
            info.blankRows++;
            continue;
          }
          yield toRecord(text, line, issues, locale, file);
        }
        offset += piece.length;
      };
      for await (const chunk of byteChunks(source, (c) => {
        info.bytes += c.length;
        options.onBytes?.(c);
      })) {
        let c = chunk;
        if (skipped >= 0) {
          // Inside an over-long line: count its bytes up to its end, keep none of them.
          const end = c.indexOf(0x0a);
          if (end < 0) {
            skipped += c.length;
            continue;
          }
          skipped += end;
          yield tooLarge(skipped, offset);
          offset += skipped + 1;
          skipped = -1;
          c = c.subarray(end + 1);
          if (c.length === 0) continue;
        }
        const nl = c.lastIndexOf(0x0a);
        if (nl < 0) {
          pending.push(c);
          pendingSize += c.length;
          if (pendingSize > max) {
            skipped = pendingSize;
            pending = [];
            pendingSize = 0;
          }
          continue;
        }
        pending.push(c.subarray(0, nl + 1));
        const piece = concatBytes(pending);
        pending = nl + 1 < c.length ? [c.subarray(nl + 1)] : [];
        pendingSize = c.length - nl - 1;
        yield* lines(piece, false);
      }
      if (skipped >= 0) yield tooLarge(skipped, offset);
      else if (pending.length > 0) yield* lines(concatBytes(pending), true);
    },
  };
}

function toRecord(
  text: string,
  line: number,
  issues: Issue[],
  locale: 'zh-CN' | 'en',
  file?: string,
): SourceRecord {
  const columns: string[] = [];
  const values: SourceValue[] = [];
  let raw: unknown = text;
  try {
    raw = JSON.parse(text);
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new SyntaxError('not an object');
    flatten(raw, '', columns, values);
  } catch (e) {
    issues.push(
      sourceIssue('source.invalid_record', { reason: (e as Error).message }, locale, {
        file,
        row: line,
        raw: text.length > 200 ? `${text.slice(0, 200)}…` : text,
      }),
    );
  }
  return { row: line, line, columns, values, issues, raw };
}

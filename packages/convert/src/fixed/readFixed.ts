import type { Issue } from '@gds/schema';
import { byteChunks, concatBytes, hexBytes } from '../_internal/bytes.js';
import { columnLetter } from '../_internal/csvParser.js';
import {
  type EncodingOption,
  hasUtf8Bom,
  normaliseEncoding,
  VerifyingDecoder,
} from '../_internal/encoding.js';
import { sourceIssue } from '../_internal/issues.js';
import { GdsConvertError } from '../errors.js';
import type { ByteSource, ReaderOptions, SourceInfo, SourceReader, SourceRecord } from '../record.js';

/** One column of a fixed-width layout, in bytes of the file's encoding. */
export interface FixedColumn {
  name: string;
  /** 1-based byte position of the first byte, as record layouts in department manuals give it. */
  start: number;
  /** Width in bytes (a GB18030 Chinese character takes 2, a rare one 4). */
  length: number;
}

/** Options of {@link readFixed}. */
export interface FixedReaderOptions extends ReaderOptions {
  columns: readonly FixedColumn[];
  /** Default `gb18030` (mainframe-era layouts count GBK bytes). */
  encoding?: EncodingOption;
  /** Lines to skip before the data (titles). Default 0. */
  skipLines?: number;
}

/**
 * Reads fixed-width records whose columns are byte ranges in the file's encoding (GB18030 by default),
 * one per line. Padding spaces at the end of a value are removed; each value is decoded and verified on
 * its own, so a column cut in the middle of a character is an `encoding.undecodable` issue with its byte
 * offset. A line shorter than the layout is a `row.ragged` issue.
 *
 * Subpath: `@gds/convert/fixed`.
 *
 * @example
 * ```ts
 * import { readFixed } from '@gds/convert/fixed';
 * const reader = readFixed(bytes, { columns: [{ name: 'xm', start: 1, length: 8 }, { name: 'xb', start: 9, length: 1 }] });
 * for await (const rec of reader) rec.values; // ['张三', '1']
 * ```
 */
export function readFixed(source: ByteSource, options: FixedReaderOptions): SourceReader {
  const enc = normaliseEncoding(options.encoding ?? 'gb18030');
  if (enc === 'auto') {
    throw new GdsConvertError(
      'GDS_CONVERT_INVALID_OPTION',
      '定长文件必须指明编码',
      'a fixed-width file needs an explicit encoding',
    );
  }
  const info: SourceInfo = { format: 'fixed', encoding: enc, bytes: 0, blankRows: 0, issues: [] };
  if (options.file !== undefined) info.file = options.file;
  const columns = options.columns.map((c) => c.name);
  const letters = columns.map((_, i) => columnLetter(i));
  info.header = columns;
  const width = Math.max(...options.columns.map((c) => c.start - 1 + c.length));
  return {
    info,
    async *[Symbol.asyncIterator]() {
      const locale = options.locale ?? 'zh-CN';
      const file = options.file;
      const decoder = new VerifyingDecoder(enc);
      let line = 0;
      let offset = 0;
      let pending: Uint8Array[] = [];
      const lines = function* (piece: Uint8Array): Generator<SourceRecord> {
        let start = 0;
        if (offset === 0 && hasUtf8Bom(piece)) start = 3;
        while (start < piece.length) {
          let end = piece.indexOf(0x0a, start);
          if (end < 0) end = piece.length;
          const lineStart = start;
          let stop = end;
          if (stop > start && piece[stop - 1] === 0x0d) stop--;
          start = end + 1;
          line++;
          if (line <= (options.skipLines ?? 0)) continue;
          const bytes = piece.subarray(lineStart, stop);
          if (bytes.every((b) => b === 0x20)) {
            info.blankRows++;
            continue;
          }
          const issues: Issue[] = [];
          const values = options.columns.map((c, i) => {
            const cell = bytes.subarray(c.start - 1, c.start - 1 + c.length);
            const { text, invalid } = decoder.decode(cell);
            for (const span of invalid ?? []) {
              const at = offset + lineStart + c.start - 1 + span.offset;
              issues.push(
                sourceIssue(
                  'encoding.undecodable',
                  {
                    byteOffset: at,
                    bytes: hexBytes(cell.subarray(span.offset, span.offset + Math.max(1, span.length))),
                    encoding: enc,
                  },
                  locale,
                  { file, row: line, column: c.name, columnLetter: letters[i], byteOffset: at },
                ),
              );
            }
            return text.replace(/ +$/, '');
          });
          if (bytes.length < width) {
            issues.push(
              sourceIssue('row.ragged', { count: bytes.length, expected: width }, locale, {
                file,
                row: line,
              }),
            );
          }
          yield { row: line, line, columns, letters, values, issues };
        }
        offset += piece.length;
      };
      for await (const chunk of byteChunks(source, (c) => {
        info.bytes += c.length;
        options.onBytes?.(c);
      })) {
        const nl = chunk.lastIndexOf(0x0a);
        if (nl < 0) {
          pending.push(chunk);
          continue;
        }
        pending.push(chunk.subarray(0, nl + 1));
        const piece = concatBytes(pending);
        pending = nl + 1 < chunk.length ? [chunk.subarray(nl + 1)] : [];
        yield* lines(piece);
      }
      if (pending.length > 0) yield* lines(concatBytes(pending));
    },
  };
}

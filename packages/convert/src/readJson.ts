import { byteChunks, concatBytes } from './_internal/bytes.js';
import { atPath, flatten } from './_internal/flatten.js';
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

/** Options of {@link readJson}. */
export interface JsonReaderOptions extends ReaderOptions {
  /** Dotted path to the array of records inside the document (`data.list`); the document itself by default. */
  recordPath?: string;
  /**
   * The longest record (one element of the record array) read, in bytes (default 16 MiB). A longer element
   * is skipped without being held: it becomes a record with a `source.record_too_large` issue (its length,
   * the limit, its byte offset). The document around the record array is held too, and is bounded by the
   * same limit.
   */
  maxRecordBytes?: number;
}

const DEFAULT_MAX_RECORD_BYTES = 16 * 1024 * 1024;

interface Frame {
  obj: boolean;
  key: string | undefined;
  expectKey: boolean;
}

const isWs = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/**
 * Reads a JSON document holding an array of records (at the top or at `recordPath`) as a stream: the bytes
 * are scanned incrementally (strings, escapes and nesting), and each element of the record array is parsed
 * on its own with `JSON.parse` once it is complete, so memory is bounded by `maxRecordBytes` (16 MiB), not
 * by the document. Nested objects are flattened to dotted column names; scalar types are kept. Malformed
 * JSON becomes a rejected record with a `source.invalid_record` issue, not an exception (records before the
 * fault have been read by then); an element over the limit is a `source.record_too_large` record.
 *
 * @example
 * ```ts
 * import { readJson } from '@gds/convert';
 * const reader = readJson(new TextEncoder().encode('{"data":{"list":[{"id":"1"}]}}'), { recordPath: 'data.list' });
 * for await (const rec of reader) rec.columns; // ['id']
 * ```
 */
export function readJson(source: ByteSource, options: JsonReaderOptions = {}): SourceReader {
  const max = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  if (!Number.isSafeInteger(max) || max < 1) {
    throw new GdsConvertError(
      'GDS_CONVERT_INVALID_OPTION',
      `maxRecordBytes 应为正整数，收到 ${String(max)}`,
      `maxRecordBytes must be a positive integer, got ${String(max)}`,
    );
  }
  const info: SourceInfo = { format: 'json', encoding: 'utf-8', bytes: 0, blankRows: 0, issues: [] };
  if (options.file !== undefined) info.file = options.file;
  const segments = options.recordPath ? options.recordPath.split('.') : [];
  return {
    info,
    async *[Symbol.asyncIterator]() {
      const locale = options.locale ?? 'zh-CN';
      const file = options.file;
      const utf8 = new TextDecoder('utf-8', { fatal: true });
      let row = 0;
      const invalid = (reason: string): SourceRecord => {
        row++;
        const issue = sourceIssue('source.invalid_record', { reason }, locale, { file, row });
        return { row, columns: [], values: [], issues: [issue] };
      };
      const record = (item: unknown): SourceRecord => {
        row++;
        const columns: string[] = [];
        const values: SourceValue[] = [];
        if (item === null || typeof item !== 'object' || Array.isArray(item)) {
          const issue = sourceIssue('source.invalid_record', { reason: 'not an object' }, locale, {
            file,
            row,
            raw: JSON.stringify(item),
          });
          return { row, columns, values, issues: [issue], raw: item };
        }
        flatten(item, '', columns, values);
        return { row, columns, values, issues: [], raw: item };
      };

      // The document outside the record array's elements (the array itself is kept as `[]`).
      let skel = new Uint8Array(1024);
      let skelLen = 0;
      const stack: Frame[] = [];
      let inStr = false;
      let esc = false;
      let keyStart = -1; // where, in skel, the object key being read starts
      let found = false; // the record array was met
      let inRecords = false; // between the record array's brackets, outside any element
      // The element being read.
      let inElem = false;
      let elemDepth = 0;
      let elemStart = 0; // its byte offset in the file
      let elemEnd = 0; // just past its last non-blank byte
      let elemParts: Uint8Array[] = [];
      let elemSize = 0;
      let skipping = false;
      let offset = 0; // file offset of the current chunk
      let first = true;

      const finishElem = (): SourceRecord | string => {
        inElem = false;
        const bytes = elemEnd - elemStart;
        if (skipping || bytes > max) {
          elemParts = [];
          skipping = false;
          row++;
          const issue = sourceIssue('source.record_too_large', { bytes, limit: max }, locale, {
            file,
            row,
            byteOffset: elemStart,
          });
          return { row, columns: [], values: [], issues: [issue] };
        }
        const whole = concatBytes(elemParts).subarray(0, bytes);
        elemParts = [];
        elemSize = 0;
        try {
          return record(JSON.parse(utf8.decode(whole)));
        } catch (e) {
          return (e as Error).message;
        }
      };

      for await (const raw of byteChunks(source, (c) => {
        info.bytes += c.length;
        options.onBytes?.(c);
      })) {
        const chunk = raw;
        let i = 0;
        if (first) {
          first = false;
          if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) {
            info.bom = true;
            i = 3;
          }
        }
        let pieceStart = inElem ? 0 : -1; // where the current element's bytes start in this chunk
        const out: SourceRecord[] = [];
        let fault: string | undefined;
        for (; i < chunk.length; i++) {
          const b = chunk[i]!;
          if (inElem) {
            if (inStr) {
              if (esc) esc = false;
              else if (b === 0x5c) esc = true;
              else if (b === 0x22) inStr = false;
              elemEnd = offset + i + 1;
              continue;
            }
            if (elemDepth === 0 && (b === 0x2c || b === 0x5d)) {
              if (!skipping && pieceStart >= 0) elemParts.push(chunk.subarray(pieceStart, i));
              pieceStart = -1;
              const r = finishElem();
              if (typeof r === 'string') {
                fault = r;
                break;
              }
              out.push(r);
              // fall through: the delimiter is read at the record array's level
            } else {
              if (b === 0x22) inStr = true;
              else if (b === 0x7b || b === 0x5b) elemDepth++;
              else if (b === 0x7d || b === 0x5d) elemDepth--;
              if (!isWs(b)) elemEnd = offset + i + 1;
              continue;
            }
          }
          if (inRecords) {
            if (isWs(b) || b === 0x2c) continue;
            if (b === 0x5d) {
              inRecords = false;
              stack.pop(); // its `]` is in the skeleton already
              continue;
            } else {
              inElem = true;
              elemDepth = 0;
              elemStart = offset + i;
              elemParts = [];
              elemSize = 0;
              pieceStart = i;
              i--; // read this byte again as the element's first
              continue;
            }
          }
          // Outside the records: keep the byte in the skeleton.
          if (skelLen === skel.length) {
            if (skelLen >= max) {
              fault = `the document outside its records is longer than maxRecordBytes (${max})`;
              break;
            }
            const next = new Uint8Array(Math.min(max, skel.length * 2));
            next.set(skel);
            skel = next;
          }
          skel[skelLen++] = b;
          const top = stack[stack.length - 1];
          if (inStr) {
            if (esc) esc = false;
            else if (b === 0x5c) esc = true;
            else if (b === 0x22) {
              inStr = false;
              if (keyStart >= 0 && top) {
                try {
                  top.key = JSON.parse(utf8.decode(skel.subarray(keyStart, skelLen))) as string;
                } catch {
                  top.key = undefined;
                }
              }
              keyStart = -1;
            }
            continue;
          }
          if (b === 0x22) {
            inStr = true;
            keyStart = top?.obj && top.expectKey ? skelLen - 1 : -1;
          } else if (b === 0x7b) stack.push({ obj: true, key: undefined, expectKey: true });
          else if (b === 0x5b) {
            if (
              !found &&
              stack.length === segments.length &&
              stack.every((f, k) => f.obj && f.key === segments[k])
            ) {
              found = true;
              inRecords = true;
              // The array stays in the skeleton as `[]`.
              if (skelLen === skel.length) {
                const next = new Uint8Array(skel.length + 1);
                next.set(skel);
                skel = next;
              }
              skel[skelLen++] = 0x5d;
              stack.push({ obj: false, key: undefined, expectKey: false });
            } else stack.push({ obj: false, key: undefined, expectKey: false });
          } else if (b === 0x7d || b === 0x5d) stack.pop();
          else if (b === 0x3a && top?.obj) top.expectKey = false;
          else if (b === 0x2c && top?.obj) top.expectKey = true;
        }
        if (fault === undefined && inElem && pieceStart >= 0) {
          const part = chunk.subarray(pieceStart);
          elemSize += part.length;
          if (!skipping) {
            if (elemSize > max) {
              skipping = true;
              elemParts = [];
            } else elemParts.push(part);
          }
        }
        offset += chunk.length;
        for (const r of out) yield r;
        if (fault !== undefined) {
          yield invalid(fault);
          return;
        }
      }
      if (inElem || inRecords) {
        yield invalid('unexpected end of JSON input');
        return;
      }
      let doc: unknown;
      try {
        doc = JSON.parse(utf8.decode(skel.subarray(0, skelLen)));
      } catch (e) {
        yield invalid((e as Error).message);
        return;
      }
      if (found) return;
      // No array was met on the path while streaming (the path goes through an array index, say): the
      // skeleton is the whole document here, and is read as before.
      const list = atPath(doc, options.recordPath);
      if (!Array.isArray(list)) {
        yield invalid(`no array at ${options.recordPath ?? '(document)'}`);
        return;
      }
      for (const item of list) yield record(item);
    },
  };
}

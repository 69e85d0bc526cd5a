import type { Issue } from '@gds/schema';
import { byteChunks, concatBytes, hexBytes } from '../_internal/bytes.js';
import { type CellAnomaly, CsvTokenizer, columnLetter, type TokenizedRow } from '../_internal/csvParser.js';
import {
  type EncodingOption,
  hasUtf8Bom,
  normaliseEncoding,
  sniffEncoding,
  type TextEncodingName,
  VerifyingDecoder,
} from '../_internal/encoding.js';
import { sourceIssue } from '../_internal/issues.js';
import type { ByteSource, ReaderOptions, SourceInfo, SourceReader, SourceRecord } from '../record.js';

/** Options of {@link readCsv}. */
export interface CsvReaderOptions extends ReaderOptions {
  /** `auto` (default): a UTF-8 BOM or valid UTF-8 means UTF-8, otherwise GB18030. GBK is read as GB18030. */
  encoding?: EncodingOption;
  /** Field delimiter, `,` by default (`\t` for TSV). */
  delimiter?: string;
  /** The row holding the column names, 1-based as a spreadsheet shows it; 0 when the file has none. Default 1. */
  headerRow?: number;
  /**
   * The column names the caller will read (`openReader` passes the mapping's). When the header row holds
   * none of them but a row within 100 rows of it holds at least half, the header is somewhere else: the
   * reader yields no record (each would be misread under a wrong header) and reports
   * `source.header_not_found` with the row where it is, as the XLSX reader does.
   */
  expectedColumns?: readonly string[];
}

// How far below the expected header row the reader looks for the real one (the XLSX reader's distance).
const HEADER_SEARCH_ROWS = 100;

const ANOMALY_CODE = {
  bare_quote: 'csv.bare_quote',
  text_after_quote: 'csv.text_after_quote',
  bare_cr: 'csv.bare_cr',
} as const;

interface EncodingFinding {
  line: number;
  byteOffset: number;
  bytes: string;
}

/**
 * Reads CSV or TSV (RFC 4180: quoted fields with commas, quotes and newlines) as a stream of records.
 * Every byte is verified against the encoding; undecodable bytes become `encoding.undecodable` issues with
 * their byte offset on the row they fall in, never silent replacement characters. GBK and GB2312 files
 * are decoded as GB18030 so characters outside GBK (𠮷, U+20BB7) survive. Rows are numbered as a
 * spreadsheet shows them; blank rows are counted in `info.blankRows`, never as records.
 *
 * Subpath: `@gds/convert/csv`.
 *
 * @example
 * ```ts
 * import { readCsv } from '@gds/convert/csv';
 * import { createReadStream } from 'node:fs';
 * const reader = readCsv(createReadStream('population.csv'), { encoding: 'gb18030', file: 'population.csv' });
 * const records: SourceRecord[] = []; // import type { SourceRecord } from '@gds/convert'
 * for await (const rec of reader) records.push(rec); // rec.row: the row number an editor shows
 * reader.info.encoding; // 'gb18030'; reader.info.blankRows: the blank rows skipped
 * ```
 */
export function readCsv(source: ByteSource, options: CsvReaderOptions = {}): SourceReader {
  return new CsvReader(source, options);
}

class CsvReader implements SourceReader {
  readonly info: SourceInfo;
  constructor(
    private readonly source: ByteSource,
    private readonly options: CsvReaderOptions,
  ) {
    const delimiter = options.delimiter ?? ',';
    this.info = {
      format: delimiter === '\t' ? 'tsv' : 'csv',
      bytes: 0,
      blankRows: 0,
      issues: [],
      ...(options.file !== undefined ? { file: options.file } : {}),
    };
  }

  async *[Symbol.asyncIterator](): AsyncIterator<SourceRecord> {
    for await (const batch of this.batches()) yield* batch;
  }

  async *batches(): AsyncGenerator<SourceRecord[]> {
    const o = this.options;
    const info = this.info;
    const locale = o.locale ?? 'zh-CN';
    const file = o.file;
    const headerRow = o.headerRow ?? 1;
    const requested = normaliseEncoding(o.encoding ?? 'auto');
    let encoding: TextEncodingName | null = requested === 'auto' ? null : requested;
    let decoder: VerifyingDecoder | null = encoding ? new VerifyingDecoder(encoding) : null;
    const asciiDecoder = new VerifyingDecoder('utf-8');
    const tokenizer = new CsvTokenizer(o.delimiter ?? ',');
    let header: string[] | null = null;
    let letters: string[] = [];
    let ordinal = 0;
    let findings: EncodingFinding[] = [];
    let offset = 0;
    let first = true;
    const rows: TokenizedRow[] = [];
    let pending: Uint8Array[] = [];
    let pendingSize = 0;

    const decodePiece = (piece: Uint8Array): string => {
      if (first) {
        first = false;
        if (hasUtf8Bom(piece)) {
          info.bom = true;
          if (encoding === 'gb18030') {
            info.issues.push(
              sourceIssue('encoding.mixed', { declared: 'gb18030', detected: 'utf-8' }, locale, {
                file,
                byteOffset: 0,
              }),
            );
          }
          encoding = 'utf-8';
          decoder = new VerifyingDecoder('utf-8');
          offset += 3;
          piece = piece.subarray(3);
        }
      }
      if (!decoder) {
        const guess = sniffEncoding(piece);
        if (guess) {
          encoding = guess;
          decoder = new VerifyingDecoder(guess);
        }
      }
      const { text, invalid } = (decoder ?? asciiDecoder).decode(piece);
      if (invalid) {
        const base = tokenizer.line;
        let line = base;
        let scanned = 0;
        for (const span of invalid) {
          // Line breaks as an editor counts them: LF, CRLF, or CR alone.
          for (; scanned < span.offset; scanned++) {
            const b = piece[scanned];
            if (b === 0x0a || (b === 0x0d && piece[scanned + 1] !== 0x0a)) line++;
          }
          findings.push({
            line,
            byteOffset: offset + span.offset,
            bytes: hexBytes(piece.subarray(span.offset, span.offset + Math.max(1, span.length))),
          });
        }
      }
      offset += piece.length;
      return text;
    };

    const encodingIssues = (startLine: number, endLine: number, row: number | undefined): Issue[] => {
      if (findings.length === 0) return [];
      const out: Issue[] = [];
      const keep: EncodingFinding[] = [];
      for (const f of findings) {
        if (f.line >= startLine && f.line <= endLine) {
          out.push(
            sourceIssue(
              'encoding.undecodable',
              { byteOffset: f.byteOffset, bytes: f.bytes, encoding: encoding ?? 'utf-8', line: f.line },
              locale,
              { file, row, byteOffset: f.byteOffset },
            ),
          );
        } else keep.push(f);
      }
      findings = keep;
      return out;
    };

    const cellIssues = (
      r: TokenizedRow,
      anomalies: readonly CellAnomaly[],
      row: number,
      names: readonly string[] | null,
    ): Issue[] =>
      anomalies.map((a) => {
        const value = r.fields[a.field] ?? '';
        const letter = columnLetter(a.field);
        return sourceIssue(ANOMALY_CODE[a.kind], { value }, locale, {
          file,
          row,
          column: names?.[a.field] ?? letter,
          columnLetter: letter,
          raw: value,
        });
      });

    // A header row holding none of the expected columns: the real header is looked for among the rows
    // above it and the next HEADER_SEARCH_ROWS rows, which are held back meanwhile.
    const expected = new Set(o.expectedColumns ?? []);
    const need = Math.ceil(expected.size / 2);
    const score = (fields: readonly string[]) => {
      let n = 0;
      for (const f of fields) if (expected.has(f.trim())) n++;
      return n;
    };
    let above: string[][] = [];
    let held: SourceRecord[] | null = null;
    let headerFoundAt = 0;

    const toRecords = (): SourceRecord[] => {
      const batch: SourceRecord[] = [];
      for (const r of rows) {
        ordinal++;
        const issues = encodingIssues(r.startLine, r.endLine, ordinal);
        if (ordinal < headerRow) {
          info.issues.push(...issues);
          if (expected.size > 0) above.push(r.fields);
          continue;
        }
        if (headerFoundAt > 0) {
          // No record is read under a header found elsewhere; what was found in its bytes still is said.
          info.issues.push(...issues);
          continue;
        }
        if (ordinal === headerRow) {
          header = r.fields.map((name, i) => (name.trim() === '' ? columnLetter(i) : name.trim()));
          letters = header.map((_, i) => columnLetter(i));
          info.header = header;
          info.issues.push(...issues);
          if (r.anomalies) info.issues.push(...cellIssues(r, r.anomalies, ordinal, header));
          if (need > 0 && score(r.fields) === 0) {
            const at = above.findIndex((f) => score(f) >= need);
            if (at >= 0) headerFoundAt = at + 1;
            else held = [];
          }
          above = [];
          continue;
        }
        if (held !== null) {
          if (score(r.fields) >= need) {
            headerFoundAt = ordinal;
            for (const rec of held)
              info.issues.push(...rec.issues.filter((i) => i.code.startsWith('encoding.')));
            held = null;
            info.issues.push(...issues);
            continue;
          }
          if (ordinal > headerRow + HEADER_SEARCH_ROWS) {
            batch.push(...held);
            held = null;
          }
        }
        const f = r.fields;
        if (issues.length === 0 && (f.length === 1 ? f[0] === '' : f.every((v) => v === ''))) {
          info.blankRows++;
          continue;
        }
        if (!header) {
          // No header row: columns are named by their letters, as a spreadsheet would show them.
          header = [];
          letters = [];
        }
        if (header.length < f.length && headerRow === 0) {
          for (let i = header.length; i < f.length; i++) {
            header.push(columnLetter(i));
            letters.push(columnLetter(i));
          }
          info.header = header;
        }
        if (r.anomalies) issues.push(...cellIssues(r, r.anomalies, ordinal, header));
        if (r.unterminated) {
          issues.push(sourceIssue('csv.unterminated_quote', {}, locale, { file, row: ordinal }));
        }
        if (headerRow > 0 && f.length !== header.length) {
          const extra = f.length > header.length ? columnLetter(header.length) : undefined;
          issues.push(
            sourceIssue('row.ragged', { count: f.length, expected: header.length }, locale, {
              file,
              row: ordinal,
              ...(extra ? { columnLetter: extra, raw: f.slice(header.length).join(o.delimiter ?? ',') } : {}),
            }),
          );
        }
        const rec: SourceRecord = {
          row: ordinal,
          line: r.startLine,
          columns: header,
          letters,
          values: f,
          issues,
        };
        // The row as written, so that a rejected row goes back to the rejects file byte for byte.
        if (r.raw !== undefined) rec.raw = r.raw;
        if (held !== null) held.push(rec);
        else batch.push(rec);
      }
      rows.length = 0;
      return batch;
    };

    for await (const chunk of byteChunks(this.source, (c) => {
      info.bytes += c.length;
      o.onBytes?.(c);
    })) {
      let nl = chunk.lastIndexOf(0x0a);
      // A file whose rows end in CR alone is cut after a CR, never the last byte of the chunk: it could
      // be the CR of a CRLF. (0x0a and 0x0d never occur inside a UTF-8 or GB18030 character.)
      if (nl < 0 && tokenizer.endings !== 'lf' && chunk.length > 1)
        nl = chunk.lastIndexOf(0x0d, chunk.length - 2);
      if (nl < 0) {
        pending.push(chunk);
        pendingSize += chunk.length;
        continue;
      }
      pending.push(chunk.subarray(0, nl + 1));
      const piece = concatBytes(pending, pendingSize + nl + 1);
      pending = nl + 1 < chunk.length ? [chunk.subarray(nl + 1)] : [];
      pendingSize = chunk.length - nl - 1;
      tokenizer.push(decodePiece(piece), false, rows);
      const batch = toRecords();
      if (batch.length > 0) yield batch;
    }
    const last = concatBytes(pending, pendingSize);
    tokenizer.push(last.length > 0 ? decodePiece(last) : '', true, rows);
    const batch = toRecords();
    if (held !== null) batch.push(...(held as SourceRecord[]));
    if (batch.length > 0) yield batch;
    info.encoding = encoding ?? 'utf-8';
    if (headerRow > 0) info.headerRow = headerRow;
    if (headerFoundAt > 0) {
      info.issues.push(
        sourceIssue(
          'source.header_not_found',
          { row: headerRow, found: headerFoundAt, sheet: file ?? info.format.toUpperCase() },
          locale,
          { ...(file !== undefined ? { file } : {}), row: headerRow },
        ),
      );
      delete info.header;
    }
    if (headerRow > 0 && header === null) {
      // The mapping's header row is past the end of the file: nothing could be read, which is not a clean run.
      info.issues.push(
        sourceIssue('source.no_records', { expected: `headerRow ${headerRow}` }, locale, {
          ...(file !== undefined ? { file } : {}),
          row: headerRow,
        }),
      );
    }
    // Findings on lines no row claimed (cannot normally happen) are still reported, never dropped.
    info.issues.push(...encodingIssues(0, Number.POSITIVE_INFINITY, undefined));
  }
}

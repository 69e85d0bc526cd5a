import type { Issue, Locale } from '@gds/schema';

/** A cell value as a reader delivers it: text for text formats, typed values for XLSX and JSON. */
export type SourceValue = string | number | boolean | null;

/**
 * One record of a legacy file, with everything needed to point a user back at it: the row number Excel
 * or an editor shows, the editor line it starts on, the sheet, and per column its name and letter.
 *
 * @example
 * ```ts
 * import type { SourceRecord } from '@gds/convert';
 * const rec: SourceRecord = { row: 2, columns: ['xm'], values: ['张三'], issues: [] };
 * ```
 */
export interface SourceRecord {
  /** The row number a spreadsheet shows (1-based, header and blank rows counted); for XML/JSON the record's ordinal. */
  row: number;
  /** The editor line the record starts on (1-based), for text formats. */
  line?: number;
  sheet?: string;
  /** Column names (the header, or field paths for XML/JSON); shared between records where possible. */
  columns: readonly string[];
  /** Spreadsheet column letters parallel to `columns` (CSV, XLSX, fixed width). */
  letters?: readonly string[];
  values: readonly SourceValue[];
  /** Problems found while reading this record (undecodable bytes, ragged row). */
  issues: Issue[];
  /**
   * The record comes from an XLSX workbook in the 1904 date system (workbookPr date1904): a bare number
   * read as a date counts days from 1904-01-01, not 1899-12-31. Date-formatted cells are already ISO dates.
   */
  date1904?: boolean;
  /** The record as it stood, for writing rejected rows back (XML element, JSON object). */
  raw?: unknown;
}

/** What a reader learned about its input; complete once iteration has finished. */
export interface SourceInfo {
  format: 'csv' | 'tsv' | 'xlsx' | 'xml' | 'fixed' | 'json' | 'ndjson';
  file?: string;
  sheet?: string;
  /** The encoding the content was decoded with (after BOM detection / verification). */
  encoding?: string;
  /** Whether a byte-order mark was present. */
  bom?: boolean;
  bytes: number;
  /** The header (column names) when the format has one. */
  header?: readonly string[];
  /** CSV/TSV and XLSX: the row the header is read from, as a spreadsheet numbers it (0: no header row). */
  headerRow?: number;
  /**
   * XLSX: the rows above the header (a title, a date line), one entry per row as read (merged cells not
   * filled), so that rejected rows are written back with the header where it was.
   */
  preamble?: readonly (readonly SourceValue[])[];
  /** XLSX: merged ranges wholly above the header (a title across the columns), such as `A1:M1`. */
  preambleMerges?: readonly string[];
  /** Blank rows skipped (never counted as rows read). */
  blankRows: number;
  /** Problems not tied to one record (undecodable bytes in a header, a missing sheet). */
  issues: Issue[];
}

/**
 * The contract every reader implements: an async iterable of records plus `info`. Readers stream: memory
 * does not grow with the number of records.
 *
 * @example
 * ```ts
 * import type { SourceReader } from '@gds/convert';
 * async function count(reader: SourceReader) {
 *   let n = 0;
 *   for await (const _ of reader) n++;
 *   return { n, encoding: reader.info.encoding };
 * }
 * ```
 */
export interface SourceReader extends AsyncIterable<SourceRecord> {
  readonly info: SourceInfo;
  /**
   * Optional fast path: the same records in the same order, in batches (one per decoded piece), so that
   * a consumer pays one await per batch instead of one per record. Use either this or the iterator.
   */
  batches?(): AsyncIterable<readonly SourceRecord[]>;
}

/** Bytes in any of the shapes callers have: a whole buffer, or chunks from a stream. */
export type ByteSource = Uint8Array | Iterable<Uint8Array> | AsyncIterable<Uint8Array>;

/** Options every reader accepts. */
export interface ReaderOptions {
  /** File name shown in source positions. */
  file?: string;
  /** Language of issue messages; zh-CN by default. */
  locale?: Locale;
  /** Called with every chunk of input bytes as it is consumed (hashing, progress). */
  onBytes?: (chunk: Uint8Array) => void;
}

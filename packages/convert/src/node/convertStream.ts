import * as nodeCrypto from 'node:crypto';
import type { Issue, Locale, SourcePosition } from '@gds/schema';
import { type Sink, TextBatcher } from '../_internal/sink.js';
import { type ConvertOutcome, createConverter, type RecordValidator } from '../createConverter.js';
import { GdsConvertError } from '../errors.js';
import type { ByteSource, SourceRecord, SourceValue } from '../record.js';
import type { ConvertReport } from '../report.js';
import type { TableWriter } from '../writer.js';
import { createSourceWriter } from './createSourceWriter.js';
import type { LoadedMapping } from './loadMapping.js';
import { openReader } from './openReader.js';

// crypto.hash (Node >= 20.12) is a one-shot native digest; older Node 20 falls back to createHash.
const oneShot = (nodeCrypto as { hash?: (alg: string, data: string) => string }).hash;
const nativeSha256Hex = oneShot
  ? (text: string) => oneShot('sha256', text)
  : (text: string) => nodeCrypto.createHash('sha256').update(text).digest('hex');

/** Options of {@link convertStream}. */
export interface ConvertStreamOptions {
  input: ByteSource;
  /** File name for source positions and the report. */
  file?: string;
  /** Receives the accepted canonical records as NDJSON. */
  output: Sink;
  /** Receives the rejected rows in the source format (same encoding), ready to fix and convert again. */
  rejects?: Sink;
  validate?: RecordValidator;
  now?: Date;
  locale?: Locale;
  maxIssuesPerCode?: number;
  /**
   * CSV/TSV only: the rejects file gains two last columns, `gds_row` (the row number in the input) and
   * `gds_reasons` (each error as `code B(xm): message`, separated by ` | `). Off by default, so that
   * the rejects file converts again unchanged once its rows are fixed.
   */
  rejectsWithReasons?: boolean;
  /** NDJSON and JSON: the longest line / record read (default 16 MiB); a longer one is a rejected `source.record_too_large` row. */
  maxRecordBytes?: number;
  /** Called every 10,000 rows and at the end. */
  onProgress?: (p: { rows: number; bytes: number }) => void;
}

/**
 * Converts a legacy input with a loaded mapping: accepted records go to `output` as NDJSON, rejected rows
 * to `rejects` in the source format, and the report comes back with the SHA-256 of the input, the
 * encoding found and the timing. Streams: memory does not grow with the input (XLSX and JSON excepted,
 * which are held compressed / parsed whole). The same input gives byte-identical outputs.
 *
 * Subpath: `@gds/convert/node`.
 *
 * @example
 * ```ts
 * import { convertStream, loadMapping } from '@gds/convert/node';
 * import { createReadStream } from 'node:fs';
 * const chunks: Uint8Array[] = [];
 * const report = await convertStream(loadMapping('public-security/population'), {
 *   input: createReadStream('population.csv'),
 *   output: (c) => void chunks.push(c),
 * });
 * report.stats.rowsRead === report.stats.rowsAccepted + report.stats.rowsRejected; // true
 * ```
 */
export async function convertStream(loaded: LoadedMapping, o: ConvertStreamOptions): Promise<ConvertReport> {
  const start = performance.now();
  const hash = nodeCrypto.createHash('sha256');
  let bytes = 0;
  const reader = await openReader(loaded.mapping, o.input, {
    ...(o.file !== undefined ? { file: o.file } : {}),
    ...(o.locale !== undefined ? { locale: o.locale } : {}),
    ...(o.maxRecordBytes !== undefined ? { maxRecordBytes: o.maxRecordBytes } : {}),
    onBytes: (c) => {
      hash.update(c);
      bytes += c.length;
    },
  });
  const converter = createConverter(loaded.mapping, {
    crosswalks: loaded.crosswalks,
    codeLists: loaded.codeLists,
    ...(o.validate ? { validate: o.validate } : {}),
    ...(o.now ? { now: o.now } : {}),
    ...(o.locale ? { locale: o.locale } : {}),
    ...(o.file !== undefined ? { file: o.file } : {}),
    ...(o.maxIssuesPerCode !== undefined ? { maxIssuesPerCode: o.maxIssuesPerCode } : {}),
    sha256Hex: nativeSha256Hex,
  });
  const format = loaded.mapping.source.format;
  const reasons = o.rejectsWithReasons === true;
  if (reasons && format !== 'csv' && format !== 'tsv') {
    throw new GdsConvertError(
      'GDS_CONVERT_INVALID_OPTION',
      `rejectsWithReasons 只适用于 CSV/TSV 映射，该映射的格式是 ${format}`,
      `rejectsWithReasons applies to CSV/TSV mappings; this mapping reads ${format}`,
    );
  }
  const out = new TextBatcher(o.output);
  let rejectWriter: TableWriter | null = null;
  const rejects = o.rejects;
  const writerOptions = o.locale !== undefined ? { locale: o.locale } : {};
  // What the rejects writer could not carry as it was goes into the report, at the source row.
  const writerIssues: Issue[] = [];
  const collect = (w: TableWriter, row: number | undefined) => {
    for (const issue of w.takeIssues?.() ?? []) {
      const source: SourcePosition = { ...issue.source };
      if (o.file !== undefined) source.file = o.file;
      if (row === undefined) delete source.row;
      else source.row = row;
      writerIssues.push({ ...issue, source });
    }
  };
  const beginRejects = async (columns: readonly string[]) => {
    const writer = await createSourceWriter(loaded.mapping, reader.info, writerOptions);
    const head = writer.begin(reasons ? [...columns, ...REASON_COLUMNS] : columns);
    collect(writer, undefined);
    if (head.length > 0 && rejects) await rejects(head);
    return writer;
  };
  const rejected = async (rec: SourceRecord, issues: readonly Issue[], grouped: boolean) => {
    if (!rejects) return;
    if (!rejectWriter) rejectWriter = await beginRejects(reader.info.header ?? rec.columns);
    const header = reader.info.header;
    const extra = reasons ? [rec.row, reasonText(issues, grouped ? rec.row : undefined)] : undefined;
    // A CSV row whose cells could not be read exactly goes back as it was written, byte for byte.
    if (typeof rec.raw === 'string' && rejectWriter.rawRow && (format === 'csv' || format === 'tsv')) {
      const chunk = rejectWriter.rawRow(rec.raw, extra);
      if (chunk.length > 0) await rejects(chunk);
      return;
    }
    // Records of XML/JSON carry their own columns; CSV/XLSX rows line up with the header already.
    const values =
      header && rec.columns !== header
        ? header.map((c) => rec.values[rec.columns.indexOf(c)] ?? null)
        : rec.values;
    const row = header ? values : rec.values;
    const chunk = rejectWriter.row(extra ? [...row, ...padTo(row, header), ...extra] : row);
    collect(rejectWriter, rec.row);
    if (chunk.length > 0) await rejects(chunk);
  };
  const grouped = loaded.mapping.group !== undefined;
  const settle = async (r: ConvertOutcome) => {
    if (r.status === 'accepted') {
      const p = out.add(`${JSON.stringify(r.record)}\n`);
      if (p) await p;
    } else if (r.status === 'rejected') for (const rec of r.rows) await rejected(rec, r.issues, true);
  };
  let rows = 0;
  const batches: AsyncIterable<readonly SourceRecord[]> =
    reader.batches?.() ??
    (async function* () {
      for await (const rec of reader) yield [rec];
    })();
  for await (const batch of batches) {
    for (const rec of batch) {
      if (grouped) {
        for (const r of converter.push(rec)) await settle(r);
      } else {
        const r = converter.convert(rec);
        if (r.status === 'accepted') {
          const p = out.add(`${JSON.stringify(r.record)}\n`);
          if (p) await p;
        } else if (r.status === 'rejected') await rejected(rec, r.issues, false);
      }
      rows++;
      if (o.onProgress && rows % 10000 === 0) o.onProgress({ rows, bytes });
    }
  }
  for (const r of converter.flush()) await settle(r);
  await out.flush();
  if (rejects) {
    if (!rejectWriter) {
      // No rejected row: still write a valid, empty file in the source format (header only).
      rejectWriter = await beginRejects(reader.info.header ?? []);
    }
    const tail = (rejectWriter as TableWriter).end();
    if (tail.length > 0) await rejects(tail);
  }
  o.onProgress?.({ rows, bytes });
  if (writerIssues.length > 0) reader.info.issues.push(...writerIssues);
  return converter.report(reader.info, { sha256: hash.digest('hex'), ms: performance.now() - start });
}

/** The columns `rejectsWithReasons` appends to a CSV rejects file. */
const REASON_COLUMNS = ['gds_row', 'gds_reasons'] as const;

/** A short row (ragged) is padded so that the reason columns stay the last two under their headers. */
function padTo(row: readonly SourceValue[], header: readonly string[] | undefined): SourceValue[] {
  const n = (header?.length ?? row.length) - row.length;
  return n > 0 ? new Array<SourceValue>(n).fill(null) : [];
}

/** The errors of a rejected row (of one row of a group), one `code B(xm): message` each. */
function reasonText(issues: readonly Issue[], row: number | undefined): string {
  const mine = issues.filter(
    (i) =>
      i.severity === 'error' && (row === undefined || i.source?.row === undefined || i.source.row === row),
  );
  return mine
    .map((i) => {
      const { columnLetter: letter, column } = i.source ?? {};
      const col = letter && column && letter !== column ? `${letter}(${column})` : (letter ?? column);
      return `${i.code}${col ? ` ${col}` : ''}: ${i.message}`;
    })
    .join(' | ');
}

import * as nodeCrypto from 'node:crypto';
import type { Issue, Locale, SourcePosition } from '@gds/schema';
import { type Sink, TextBatcher } from '../_internal/sink.js';
import { type ConvertOutcome, createConverter, type RecordValidator } from '../createConverter.js';
import type { ByteSource, SourceRecord } from '../record.js';
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
  const rejected = async (rec: SourceRecord) => {
    if (!rejects) return;
    if (!rejectWriter) {
      rejectWriter = await createSourceWriter(loaded.mapping, reader.info, writerOptions);
      const head = rejectWriter.begin(reader.info.header ?? rec.columns);
      collect(rejectWriter, undefined);
      if (head.length > 0) await rejects(head);
    }
    const header = reader.info.header;
    // Records of XML/JSON carry their own columns; CSV/XLSX rows line up with the header already.
    const values =
      header && rec.columns !== header
        ? header.map((c) => rec.values[rec.columns.indexOf(c)] ?? null)
        : rec.values;
    const chunk = rejectWriter.row(header ? values : rec.values);
    collect(rejectWriter, rec.row);
    if (chunk.length > 0) await rejects(chunk);
  };
  const grouped = loaded.mapping.group !== undefined;
  const settle = async (r: ConvertOutcome) => {
    if (r.status === 'accepted') {
      const p = out.add(`${JSON.stringify(r.record)}\n`);
      if (p) await p;
    } else if (r.status === 'rejected') for (const rec of r.rows) await rejected(rec);
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
        } else if (r.status === 'rejected') await rejected(rec);
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
      rejectWriter = await createSourceWriter(loaded.mapping, reader.info, writerOptions);
      const head = rejectWriter.begin(reader.info.header ?? []);
      collect(rejectWriter, undefined);
      if (head.length > 0) await rejects(head);
    }
    const tail = (rejectWriter as TableWriter).end();
    if (tail.length > 0) await rejects(tail);
  }
  o.onProgress?.({ rows, bytes });
  if (writerIssues.length > 0) reader.info.issues.push(...writerIssues);
  return converter.report(reader.info, { sha256: hash.digest('hex'), ms: performance.now() - start });
}

import type { Issue, Locale } from '@gds/schema';
import type { Sink } from '../_internal/sink.js';
import { createExporter } from '../createExporter.js';
import { readNdjson } from '../readNdjson.js';
import type { ByteSource } from '../record.js';
import { createSourceWriter } from './createSourceWriter.js';
import type { LoadedMapping } from './loadMapping.js';

/** What an export did. */
export interface ExportSummary {
  records: number;
  /** Lines of the input that were not canonical records (not JSON objects, undecodable). */
  skipped: number;
  /**
   * Issues raised while exporting (transforms without inverse, bad input lines, values the format wrote
   * escaped such as a control character in XLSX), with the input line number and the column.
   */
  issues: Issue[];
}

/**
 * Writes canonical records (NDJSON) in a mapping's legacy format: the mapping read backwards, through
 * the crosswalks and the transforms' inverses. A GB18030 CSV mapping writes GB18030, so characters
 * outside GBK come back byte for byte as they went in.
 *
 * Subpath: `@gds/convert/node`.
 *
 * @example
 * ```ts
 * import { exportStream, loadMapping } from '@gds/convert/node';
 * import { createReadStream, createWriteStream } from 'node:fs';
 * const out = createWriteStream('population.csv');
 * await exportStream(loadMapping('public-security/population'), {
 *   input: createReadStream('persons.ndjson'),
 *   output: (c) => void out.write(c),
 * });
 * ```
 */
export async function exportStream(
  loaded: LoadedMapping,
  o: { input: ByteSource; output: Sink; locale?: Locale },
): Promise<ExportSummary> {
  const exporter = createExporter(loaded.mapping, {
    crosswalks: loaded.crosswalks,
    codeLists: loaded.codeLists,
    ...(o.locale ? { locale: o.locale } : {}),
  });
  const writer = await createSourceWriter(loaded.mapping, undefined, o.locale ? { locale: o.locale } : {});
  const issues: Issue[] = [...exporter.notExportable];
  // A value the format could not carry as it was is named by its record (the input line) and column.
  const collect = (row: number | undefined) => {
    for (const issue of writer.takeIssues?.() ?? []) {
      const { row: _written, ...rest } = issue.source ?? {};
      issues.push({ ...issue, source: row === undefined ? rest : { ...rest, row } });
    }
  };
  const head = writer.begin(exporter.columns);
  collect(undefined);
  if (head.length > 0) await o.output(head);
  let records = 0;
  let skipped = 0;
  for await (const rec of readNdjson(o.input, o.locale ? { locale: o.locale } : {})) {
    if (rec.issues.length > 0 || rec.raw === null || typeof rec.raw !== 'object') {
      skipped++;
      issues.push(...rec.issues);
      continue;
    }
    const r = exporter.exportRecord(rec.raw);
    for (const i of r.issues) issues.push({ ...i, source: { row: rec.row } });
    const chunk = writer.row(r.values);
    collect(rec.row);
    if (chunk.length > 0) await o.output(chunk);
    records++;
  }
  const tail = writer.end();
  if (tail.length > 0) await o.output(tail);
  return { records, skipped, issues };
}

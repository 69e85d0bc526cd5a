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
  /**
   * CSV/TSV and XLSX: text cells written with a `'` prefix because a spreadsheet would have run them as
   * formulas (`=`, `+`, `-`, `@`, TAB, CR first; OWASP CSV injection). 0 when `neutraliseFormulas: false`.
   */
  formulasNeutralised: number;
}

/** Options of {@link exportStream}. */
export interface ExportStreamOptions {
  input: ByteSource;
  output: Sink;
  locale?: Locale;
  /**
   * Prefix with `'` text cells that begin with `=`, `+`, `-`, `@`, TAB or CR (CSV/TSV and XLSX), so that
   * a spreadsheet does not run them. Default `true`; `false` writes every value exactly (for a system,
   * not a person, reading the file).
   */
  neutraliseFormulas?: boolean;
}

/**
 * Writes canonical records (NDJSON) in a mapping's legacy format: the mapping read backwards, through
 * the crosswalks and the transforms' inverses. A GB18030 CSV mapping writes GB18030, so characters
 * outside GBK come back byte for byte as they went in. CSV and XLSX text cells that a spreadsheet would
 * run as formulas are prefixed with `'` and counted (`formulasNeutralised`), unless
 * `neutraliseFormulas: false`.
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
export async function exportStream(loaded: LoadedMapping, o: ExportStreamOptions): Promise<ExportSummary> {
  const exporter = createExporter(loaded.mapping, {
    crosswalks: loaded.crosswalks,
    codeLists: loaded.codeLists,
    ...(o.locale ? { locale: o.locale } : {}),
  });
  const writer = await createSourceWriter(loaded.mapping, undefined, {
    ...(o.locale ? { locale: o.locale } : {}),
    neutraliseFormulas: o.neutraliseFormulas ?? true,
  });
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
  return { records, skipped, issues, formulasNeutralised: writer.formulasNeutralised ?? 0 };
}

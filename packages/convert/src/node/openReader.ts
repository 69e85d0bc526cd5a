import type { Locale } from '@gds/schema';
import type { FieldRule, Mapping } from '../mapping.js';
import type { ByteSource, SourceReader } from '../record.js';

/** The source columns a mapping reads by name (an `each` rule's columns are prefixes, not names). */
function mappingColumns(mapping: Mapping): string[] {
  const fromRules = (rules: readonly FieldRule[]) =>
    rules.flatMap((r) => (r.each || r.from === undefined ? [] : Array.isArray(r.from) ? r.from : [r.from]));
  return [
    ...new Set([
      ...fromRules(mapping.fields),
      ...fromRules(mapping.group?.fields ?? []),
      ...(mapping.recordId?.keys ?? []),
      ...(mapping.filters ?? []).map((f) => f.column),
      ...(mapping.group?.by ?? []),
    ]),
  ];
}

/**
 * Opens the reader a mapping's source format needs, with the mapping's options (encoding, header row,
 * sheet, record path, fixed-width layout). Format modules load lazily: converting CSV never loads the
 * XLSX or XML code.
 *
 * Subpath: `@gds/convert/node`.
 *
 * @example
 * ```ts
 * import { loadMapping, openReader } from '@gds/convert/node';
 * import { createReadStream } from 'node:fs';
 * const { mapping } = loadMapping('public-security/population');
 * const reader = await openReader(mapping, createReadStream('population.csv'), { file: 'population.csv' });
 * ```
 */
export async function openReader(
  mapping: Mapping,
  source: ByteSource,
  options: {
    file?: string;
    locale?: Locale;
    onBytes?: (chunk: Uint8Array) => void;
    /** NDJSON and JSON: the longest line / record read (default 16 MiB); a longer one is a `source.record_too_large` record. */
    maxRecordBytes?: number;
  } = {},
): Promise<SourceReader> {
  const s = mapping.source;
  const base = {
    ...(options.file !== undefined ? { file: options.file } : {}),
    ...(options.locale !== undefined ? { locale: options.locale } : {}),
    ...(options.onBytes !== undefined ? { onBytes: options.onBytes } : {}),
  };
  switch (s.format) {
    case 'csv':
    case 'tsv': {
      const { readCsv } = await import('../csv/readCsv.js');
      return readCsv(source, {
        ...base,
        encoding: (s.encoding ?? 'auto') as 'auto',
        delimiter: s.delimiter ?? (s.format === 'tsv' ? '\t' : ','),
        headerRow: s.headerRow ?? 1,
        expectedColumns: mappingColumns(mapping),
      });
    }
    case 'xlsx': {
      const { readXlsx } = await import('../xlsx/readXlsx.js');
      return readXlsx(source, {
        ...base,
        ...(s.sheet !== undefined ? { sheet: s.sheet } : {}),
        headerRow: s.headerRow ?? 1,
        mergedCells: s.mergedCells ?? 'fill',
        expectedColumns: mappingColumns(mapping),
      });
    }
    case 'xml': {
      const { readXml } = await import('../xml/readXml.js');
      return readXml(source, {
        ...base,
        recordPath: s.recordPath!,
        encoding: (s.encoding ?? 'auto') as 'auto',
      });
    }
    case 'fixed': {
      const { readFixed } = await import('../fixed/readFixed.js');
      return readFixed(source, {
        ...base,
        columns: s.columns!,
        encoding: (s.encoding ?? 'gb18030') as 'gb18030',
        skipLines: s.skipLines ?? 0,
      });
    }
    case 'json': {
      const { readJson } = await import('../readJson.js');
      return readJson(source, {
        ...base,
        ...(s.recordPath !== undefined ? { recordPath: s.recordPath } : {}),
        ...(options.maxRecordBytes !== undefined ? { maxRecordBytes: options.maxRecordBytes } : {}),
      });
    }
    case 'ndjson': {
      const { readNdjson } = await import('../readNdjson.js');
      return readNdjson(source, {
        ...base,
        ...(options.maxRecordBytes !== undefined ? { maxRecordBytes: options.maxRecordBytes } : {}),
      });
    }
  }
}

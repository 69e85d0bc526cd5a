import type { Locale } from '@gds/schema';
import iconv from 'iconv-lite';
import type { Mapping } from '../mapping.js';
import type { SourceInfo } from '../record.js';
import type { TableWriter } from '../writer.js';

const enc = new TextEncoder();

/** Options of {@link createSourceWriter}. */
export interface SourceWriterOptions {
  /**
   * CSV/TSV and XLSX: prefix with `'` text cells that a spreadsheet would run as a formula (OWASP CSV
   * injection). Default: on for an export (no `info`), off for rejected rows written back (`info` given),
   * which must convert again unchanged.
   */
  neutraliseFormulas?: boolean;
  /** Language of the issues the writer raises (`takeIssues`); zh-CN by default. */
  locale?: Locale;
}

/**
 * Creates a writer for a mapping's source format: what `gds export` writes, and how rejected rows are
 * written back "as they came" (same format, encoding and BOM as the input when `info` is given) so that
 * they can be fixed and converted again. `locale` is the language of the issues the writer raises. An
 * export neutralises cells that would run as spreadsheet formulas (see {@link SourceWriterOptions});
 * rejected rows are written as they came.
 *
 * Subpath: `@gds/convert/node`.
 *
 * @example
 * ```ts
 * import { createSourceWriter, loadMapping } from '@gds/convert/node';
 * const { mapping } = loadMapping('public-security/population');
 * const writer = await createSourceWriter(mapping); // GB18030 CSV
 * ```
 */
export async function createSourceWriter(
  mapping: Mapping,
  info?: SourceInfo,
  options: SourceWriterOptions = {},
): Promise<TableWriter> {
  const s = mapping.source;
  // Rejected rows go back as they came; an export is opened by people in spreadsheets.
  const neutraliseFormulas = options.neutraliseFormulas ?? info === undefined;
  switch (s.format) {
    case 'csv':
    case 'tsv': {
      const { createCsvWriter } = await import('../csv/createCsvWriter.js');
      const encoding = (info?.encoding ??
        (s.encoding === 'auto' || s.encoding === undefined ? 'utf-8' : s.encoding)) as 'utf-8';
      return createCsvWriter({
        encoding,
        bom: info?.bom ?? s.bom ?? false,
        delimiter: s.delimiter ?? (s.format === 'tsv' ? '\t' : ','),
        neutraliseFormulas,
      });
    }
    case 'xlsx': {
      const { createXlsxWriter } = await import('../xlsx/createXlsxWriter.js');
      // Rejected rows go back under the source's title rows, with the header on the row it came from,
      // so that the fixed file converts again with the same mapping.
      return createXlsxWriter({
        sheet: info?.sheet ?? (typeof s.sheet === 'string' ? s.sheet : 'Sheet1'),
        ...(options.locale !== undefined ? { locale: options.locale } : {}),
        ...(info?.preamble ? { preamble: info.preamble } : {}),
        ...(info?.preambleMerges?.length ? { merges: info.preambleMerges } : {}),
        neutraliseFormulas,
      });
    }
    case 'xml': {
      const { createXmlWriter } = await import('../xml/createXmlWriter.js');
      // Steps are names, `p:name` or `{uri}name` (a URI has slashes of its own); written as local names,
      // the record's namespace (if the path names one) as the document's default namespace.
      const steps = [...(s.recordPath ?? 'Records/Record').matchAll(/\{([^}]*)\}([^/]*)|[^/]+/g)].map((m) =>
        m[1] !== undefined ? { name: m[2]!, uri: m[1] } : { name: m[0].slice(m[0].indexOf(':') + 1) },
      );
      const record = steps[steps.length - 1]!;
      return createXmlWriter({
        record: record.name,
        root: steps[steps.length - 2]?.name ?? 'Records',
        ...(record.uri !== undefined ? { namespace: record.uri } : {}),
      });
    }
    case 'json': {
      // A JSON array of flat-to-nested objects, at the mapping's record path.
      const { createNdjsonWriter } = await import('../createNdjsonWriter.js');
      const inner = createNdjsonWriter();
      const path = (s.recordPath ?? '').split('.').filter(Boolean);
      let first = true;
      return {
        extension: 'json',
        begin(columns) {
          inner.begin(columns);
          return enc.encode(`${path.map((k) => `{${JSON.stringify(k)}:`).join('')}[\n`);
        },
        row(values) {
          const line = new TextDecoder().decode(inner.row(values)).trimEnd();
          const out = enc.encode(`${first ? '' : ',\n'}${line}`);
          first = false;
          return out;
        },
        end: () => enc.encode(`\n]${'}'.repeat(path.length)}\n`),
      };
    }
    case 'ndjson': {
      const { createNdjsonWriter } = await import('../createNdjsonWriter.js');
      return createNdjsonWriter();
    }
    case 'fixed': {
      const layout = s.columns ?? [];
      const gb = (s.encoding ?? 'gb18030') !== 'utf-8';
      return {
        extension: 'txt',
        begin: () => new Uint8Array(0),
        row(values) {
          const width = Math.max(...layout.map((c) => c.start - 1 + c.length));
          const line = new Uint8Array(width + 2).fill(0x20);
          layout.forEach((c, i) => {
            const v = values[i];
            const bytes =
              v === null || v === undefined
                ? new Uint8Array(0)
                : gb
                  ? iconv.encode(String(v), 'gb18030')
                  : enc.encode(String(v));
            line.set(bytes.subarray(0, c.length), c.start - 1);
          });
          line[width] = 0x0d;
          line[width + 1] = 0x0a;
          return line;
        },
        end: () => new Uint8Array(0),
      };
    }
  }
}

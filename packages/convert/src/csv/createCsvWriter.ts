import iconv from 'iconv-lite';
import { normaliseEncoding } from '../_internal/encoding.js';
import { neutraliseFormula } from '../_internal/formula.js';
import type { SourceValue } from '../record.js';
import type { TableWriter } from '../writer.js';

/** Options of {@link createCsvWriter}. */
export interface CsvWriterOptions {
  /** `utf-8` (default) or `gb18030` (GBK systems read it; characters outside GBK are kept as four-byte codes). */
  encoding?: 'utf-8' | 'gb18030' | 'gbk';
  /** Write a UTF-8 byte-order mark (Excel needs it to open UTF-8 CSV correctly). Ignored for GB18030. */
  bom?: boolean;
  delimiter?: string;
  /** Line ending, `\r\n` (RFC 4180, default) or `\n`. */
  newline?: '\r\n' | '\n';
  /**
   * Prefix with `'` every text cell that begins with `=`, `+`, `-`, `@`, TAB or CR, so that a spreadsheet
   * opening the file does not run it as a formula (OWASP CSV injection). Default `true`. Numbers (a
   * `number` value, or text that is a plain decimal number such as `-12.5`) are never touched. Turn it off
   * only for files that no spreadsheet opens, or that must carry values byte for byte.
   */
  neutraliseFormulas?: boolean;
}

/**
 * Creates a CSV/TSV writer: RFC 4180 quoting (fields with the delimiter, quotes or newlines are quoted),
 * UTF-8 with an optional BOM or GB18030. Text cells that a spreadsheet would run as a formula are
 * prefixed with `'` (counted in `formulasNeutralised`) unless `neutraliseFormulas: false`.
 *
 * Subpath: `@gds/convert/csv`.
 *
 * @example
 * ```ts
 * import { createCsvWriter } from '@gds/convert/csv';
 * const w = createCsvWriter({ encoding: 'gb18030' });
 * const bytes = [w.begin(['xm', 'xb']), w.row(['张𠮷', '1']), w.end()];
 * ```
 */
export function createCsvWriter(options: CsvWriterOptions = {}): TableWriter {
  const enc = normaliseEncoding(options.encoding ?? 'utf-8');
  const d = options.delimiter ?? ',';
  const nl = options.newline ?? '\r\n';
  const utf8 = new TextEncoder();
  const encode =
    enc === 'gb18030'
      ? (s: string) => new Uint8Array(iconv.encode(s, 'gb18030'))
      : (s: string) => utf8.encode(s);
  const needs = new RegExp(`[${d === '\t' ? '\\t' : d.replace(/[\\\]^-]/g, '\\$&')}"\\r\\n]`);
  const guard = options.neutraliseFormulas ?? true;
  let neutralised = 0;
  const quote = (s: string) => (needs.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const cell = (v: SourceValue): string => {
    if (v === null) return '';
    if (typeof v !== 'string' || !guard) return quote(String(v));
    const safe = neutraliseFormula(v);
    if (safe === undefined) return quote(v);
    neutralised++;
    return quote(safe);
  };
  // The header and raw rows are written as they are: column names come from the mapping, raw rows
  // are a rejected row going back to its author unchanged.
  const plain = (v: SourceValue): string => (v === null ? '' : quote(String(v)));
  const line = (values: readonly SourceValue[]) => encode(values.map(cell).join(d) + nl);
  return {
    extension: d === '\t' ? 'tsv' : 'csv',
    get formulasNeutralised() {
      return neutralised;
    },
    begin(columns) {
      const head = encode(columns.map(plain).join(d) + nl);
      if (!options.bom || enc !== 'utf-8') return head;
      const out = new Uint8Array(head.length + 3);
      out.set([0xef, 0xbb, 0xbf]);
      out.set(head, 3);
      return out;
    },
    row: line,
    rawRow: (text, extra) =>
      encode(extra && extra.length > 0 ? text + d + extra.map(plain).join(d) + nl : text + nl),
    end: () => new Uint8Array(0),
  };
}

import type { Issue } from '@gds/schema';
import type { SourceValue } from './record.js';

/**
 * The contract every table writer implements (CSV, XLSX, XML, NDJSON): bytes for the start, one call per
 * row, bytes for the end. Writers are pure: the caller decides where the bytes go (a file, a stream, memory).
 *
 * @example
 * ```ts
 * import type { TableWriter } from '@gds/convert';
 * function writeAll(w: TableWriter, columns: string[], rows: string[][]): Uint8Array[] {
 *   return [w.begin(columns), ...rows.map((r) => w.row(r)), w.end()];
 * }
 * ```
 */
export interface TableWriter {
  /** The file extension this writer produces, e.g. `csv`. */
  readonly extension: string;
  begin(columns: readonly string[]): Uint8Array;
  row(values: readonly SourceValue[]): Uint8Array;
  /**
   * Writes a row exactly as its source text stood (the CSV writer: a rejected row whose cells could not
   * be read exactly goes back byte for byte), followed by `extra` cells quoted as usual. Writers of
   * formats without a raw row do not have it.
   */
  rawRow?(text: string, extra?: readonly SourceValue[]): Uint8Array;
  end(): Uint8Array;
  /**
   * Values the format could not carry as they are, found since the last call (by `begin` or `row`), each
   * an issue at the written row and column; the caller names the record it came from. A writer never
   * drops or alters a character in silence: it writes what it can exactly and says what it changed.
   */
  takeIssues?(): Issue[];
  /**
   * Text cells written with a `'` prefix so far, because they began with `=`, `+`, `-`, `@`, TAB or CR
   * (OWASP CSV injection); writers that never neutralise (or were told not to) do not have it.
   */
  readonly formulasNeutralised?: number;
}

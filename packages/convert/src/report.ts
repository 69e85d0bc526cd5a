import type { Issue, IssueCause, Severity } from '@gds/schema';

/** Issues of one kind at one place, counted: the root cause said once, however many rows it hit. */
export interface IssueGroup {
  code: string;
  severity: Severity;
  /** Canonical path, dotted; empty for row- or file-level issues. */
  path: string;
  /** Source column, when the issue points at one. */
  column?: string;
  count: number;
  /** The message of the first occurrence. */
  message: string;
  /** Up to five row numbers where it occurred. */
  rows: number[];
  /** The root cause that explains these issues (its group is listed before them). */
  cause?: IssueCause;
}

/**
 * The outcome of a conversion. Counts reconcile: `rowsRead = rowsAccepted + rowsRejected`; blank rows and
 * rows excluded by the mapping's filters are counted apart (`blankRows`, `rowsSkipped`) and never lost.
 *
 * @example
 * ```ts
 * import type { ConvertReport } from '@gds/convert';
 * function summary(r: ConvertReport) {
 *   return `${r.stats.rowsAccepted}/${r.stats.rowsRead} accepted, sha256 ${r.stats.sha256}`;
 * }
 * ```
 */
export interface ConvertReport {
  /** True when every row read was accepted and no file-level error occurred. */
  valid: boolean;
  mapping: { id: string; version: string };
  target: { standard: string; version: string };
  stats: {
    file?: string;
    sheet?: string;
    format: string;
    bytes: number;
    /** SHA-256 of the input bytes, hex. */
    sha256?: string;
    encoding?: string;
    bom?: boolean;
    rowsRead: number;
    rowsAccepted: number;
    rowsRejected: number;
    /** Rows excluded by the mapping's filters (each listed with `row.filtered`). */
    rowsSkipped: number;
    blankRows: number;
    duplicateKeys: number;
    idCollisions: number;
    errors: number;
    warnings: number;
  };
  /** Wall-clock figures; they differ from run to run, so they are kept apart from everything else. */
  timing?: { ms: number; rowsPerSecond: number };
  /** Columns of the file no rule reads (their content is not converted). */
  unusedColumns: string[];
  /** Columns rules read that the file lacks. */
  missingColumns: string[];
  /**
   * Issues grouped by code, path, column and cause, in order of first occurrence, except that each
   * root cause (`source.missing_column`, whose params say how many `rows` it explains and the
   * closest header present as a `suggestion`) comes first, followed by the groups it caused.
   */
  groups: IssueGroup[];
  /**
   * The issues themselves with source positions, at most `maxIssuesPerCode` per code; root causes
   * first. An issue that follows from one carries `cause` (its code and column).
   */
  issues: Issue[];
  /** Issues left out of `issues` by the cap (their counts are in `groups`). */
  issuesOmitted: number;
}

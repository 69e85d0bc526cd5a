import type { Issue } from '@gds/schema';
import type { Provenance } from './GoldenRecord.js';

/**
 * One department's submission: its accepted records (the NDJSON `gds convert` writes, or any iterable)
 * and the facts about them. `full` says the records are everything the department's system holds of
 * the entity: a record it held before and no longer sends is withdrawn. `delta` carries changes only,
 * and may withdraw records explicitly by their identifier.
 *
 * @example
 * ```ts
 * import type { Submission } from '@gds/store';
 * const s: Submission = {
 *   department: 'public-security', system: 'hukou', standard: 'person', version: '1.1.0',
 *   fileSha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
 *   exportedAt: '2026-06-30T18:00:00Z', mode: 'full', records: [],
 * };
 * ```
 */
export interface Submission {
  department: string;
  system?: string;
  /** The entity of the records' standard, e.g. `person`. */
  standard: string;
  /** The standard version the records declare and are validated against, e.g. `1.1.0`. */
  version: string;
  /** SHA-256 (64 hex digits) of the export file: with the other facts, it identifies the submission. */
  fileSha256: string;
  /** When the department exported the records (RFC 3339): their time unless a record says otherwise. */
  exportedAt: string;
  mode: 'full' | 'delta';
  records: Iterable<unknown> | AsyncIterable<unknown>;
  /** `delta` only: identifiers (resident ID, credit code) whose records this department withdraws. */
  withdraw?: readonly string[];
  /** Called after each batch of records with the number read so far (progress bars). */
  onProgress?: (records: number) => void;
}

/**
 * A record the store refused, with its position in the submission and every issue found.
 *
 * @example
 * ```ts
 * import type { RefusedRecord } from '@gds/store';
 * function line(r: RefusedRecord) { return `#${r.index}: ${r.issues.map((i) => i.code).join(', ')}`; }
 * ```
 */
export interface RefusedRecord {
  /** 1-based position in the submission's records. */
  index: number;
  recordId?: string;
  issues: readonly Issue[];
}

/**
 * What {@link GoldenStore.ingest} did. `applied`: the submission is stored and the golden records it
 * touches are current. `duplicate`: the store already had it; nothing changed. `refused`: a record
 * failed validation against the declared standard version; nothing was stored.
 *
 * @example
 * ```ts
 * import type { IngestResult } from '@gds/store';
 * function ok(r: IngestResult) { return r.status !== 'refused'; }
 * ```
 */
export interface IngestResult {
  status: 'applied' | 'duplicate' | 'refused';
  submission: string;
  /** Records read. */
  records: number;
  /** Records without a match key: kept out of golden records, listed for review (first 1000). */
  unkeyed: Provenance[];
  unkeyedCount: number;
  /** Facts of this department withdrawn (full export without them, or `withdraw`). */
  withdrawn: number;
  created: number;
  updated: number;
  /** Golden records withdrawn because no department holds a fact about them any more. */
  removed: number;
  /** First and last sequence number taken, when anything changed. */
  firstSeq?: number;
  lastSeq?: number;
  /** Refused records (first 1000); `refusedCount` counts them all. */
  refused: RefusedRecord[];
  refusedCount: number;
}

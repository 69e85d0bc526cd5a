import type { Provenance } from './GoldenRecord.js';

/**
 * One department's current fact about one entity: the record as it was submitted (validated against
 * its declared standard version), where it came from, and the submission that last carried it.
 *
 * @example
 * ```ts
 * import type { FactRow } from '@gds/store';
 * function who(f: FactRow) { return `${f.department}/${f.system}:${f.recordId}`; }
 * ```
 */
export interface FactRow {
  entity: string;
  /** The match key (resident ID number, credit code), or its blind index when fields are encrypted. */
  key: string;
  department: string;
  /** '' when the submission named no system. */
  system: string;
  /** The department's own record id; '' when the record has none. */
  recordId: string;
  record: Record<string, unknown>;
  provenance: Provenance;
  /** Id of the submission that last carried this fact. */
  submission: string;
}

/**
 * A field-level change between two versions of a golden record.
 *
 * @example
 * ```ts
 * import type { FieldChange } from '@gds/store';
 * function line(c: FieldChange) { return `${c.path}: ${JSON.stringify(c.before)} -> ${JSON.stringify(c.after)}`; }
 * ```
 */
export interface FieldChange {
  path: string;
  /** Absent when the field was not set before. */
  before?: unknown;
  /** Absent when the field is no longer set. */
  after?: unknown;
  /** Where the new value came from; absent when the field was removed. */
  provenance?: Provenance;
}

/**
 * The stored state of one golden record, current (`golden` table) or as one version (`versions`).
 *
 * @example
 * ```ts
 * import type { GoldenRow } from '@gds/store';
 * function label(g: GoldenRow) { return `${g.entity}/${g.id} v${g.version} @${g.seq}`; }
 * ```
 */
export interface GoldenRow {
  /** The golden id: stable, derived from entity and match key, reveals neither. */
  id: string;
  entity: string;
  key: string;
  /** The record's administrative division code (12 digits), when it has one: for prefix scans. */
  division?: string;
  /** The record's grid code, when it has one. */
  grid?: string;
  record: Record<string, unknown>;
  provenance: Record<string, Provenance>;
  sources: Provenance[];
  /** 1 for the first version, +1 per change. */
  version: number;
  /** The store sequence number of this version. */
  seq: number;
  /** Transaction time (RFC 3339, milliseconds): when the store learnt this version. */
  txTime: string;
  /** True once no department holds a fact about the entity any more. */
  withdrawn: boolean;
}

/**
 * One version of a golden record, as history and the change feed give it.
 *
 * @example
 * ```ts
 * import type { VersionRow } from '@gds/store';
 * function line(v: VersionRow) { return `#${v.seq} ${v.kind} ${v.id} by ${v.submission}`; }
 * ```
 */
export interface VersionRow extends GoldenRow {
  kind: 'created' | 'updated' | 'withdrawn';
  /** The submission (or `correction:<id>`) that caused this version. */
  submission: string;
  changes: FieldChange[];
}

/**
 * What the store keeps of a submission: its facts as submitted, and what it did.
 *
 * @example
 * ```ts
 * import type { SubmissionRow } from '@gds/store';
 * function line(s: SubmissionRow) { return `${s.department} ${s.mode} ${s.records} records`; }
 * ```
 */
export interface SubmissionRow {
  /** SHA-256 (hex) over the submission's facts and content: the same submission has the same id. */
  id: string;
  entity: string;
  department: string;
  system: string;
  version: string;
  fileSha256?: string;
  exportedAt: string;
  mode: 'full' | 'delta';
  receivedAt: string;
  records: number;
  withdrawn: number;
  /** Golden-record versions this submission created; the sequence numbers they took. */
  changed: number;
  firstSeq?: number;
  lastSeq?: number;
}

/**
 * A correction (校核纠错) filed against one field of one golden record, routed to the field's
 * authoritative source department, which accepts or rejects it.
 *
 * @example
 * ```ts
 * import type { Correction } from '@gds/store';
 * function open(c: Correction) { return c.status === 'pending'; }
 * ```
 */
export interface Correction {
  id: string;
  entity: string;
  golden: string;
  path: string;
  /** The value the filing department says is right. */
  value: unknown;
  /** The golden record's value when the correction was filed. */
  current?: unknown;
  filedBy: string;
  reason: string;
  filedAt: string;
  /** The field's authoritative source department: the only one that may decide. */
  routedTo: string;
  status: 'pending' | 'accepted' | 'rejected';
  decidedAt?: string;
  decisionReason?: string;
  /** The store sequence numbers of the filing and of the decision. */
  filedSeq: number;
  decidedSeq?: number;
}

/**
 * A scan of golden records: one entity, optionally a division-code prefix or a grid, paged by id.
 *
 * @example
 * ```ts
 * import type { ScanQuery } from '@gds/store';
 * const q: ScanQuery = { entity: 'person', division: '110101' };
 * ```
 */
export interface ScanQuery {
  entity: string;
  /** A division-code prefix: `11` (Beijing), `110101` (a district), a full 12-digit code. */
  division?: string;
  grid?: string;
}

/** Read operations every adapter provides, inside and outside a write transaction. */
export interface StoreReads {
  lastSeq(): Promise<number>;
  lastTxTime(): Promise<string | undefined>;
  submission(id: string): Promise<SubmissionRow | undefined>;
  /** Every current fact (all departments) about these keys. */
  facts(entity: string, keys: readonly string[]): Promise<FactRow[]>;
  golden(id: string): Promise<GoldenRow | undefined>;
  goldenByKeys(entity: string, keys: readonly string[]): Promise<GoldenRow[]>;
  /** Current, not withdrawn golden records of the query with id > `after`, by id, at most `limit`. */
  scan(query: ScanQuery, after: string, limit: number): Promise<GoldenRow[]>;
  /** The same, as they stood after sequence number `seq` (withdrawn ones left out). */
  scanAsOf(query: ScanQuery, seq: number, after: string, limit: number): Promise<GoldenRow[]>;
  count(query: ScanQuery): Promise<number>;
  /** Every version of one golden record, oldest first. */
  versions(id: string): Promise<VersionRow[]>;
  /** Versions with seq > since (of one entity if given), by seq, at most `limit`. */
  changes(since: number, entity: string | undefined, limit: number): Promise<VersionRow[]>;
  /** The sequence number of the last version whose transaction time is <= `txTime` (0 if none). */
  seqAt(txTime: string): Promise<number>;
  correction(id: string): Promise<Correction | undefined>;
  corrections(query: { department?: string; golden?: string }): Promise<Correction[]>;
}

/** Writes, only inside {@link StoreAdapter.write}. */
export interface StoreWrites extends StoreReads {
  /** Sets the last sequence number and transaction time (the engine allocates them). */
  setClock(seq: number, txTime: string): Promise<void>;
  putSubmission(row: SubmissionRow): Promise<void>;
  putFacts(rows: readonly FactRow[]): Promise<void>;
  deleteFacts(rows: readonly FactRow[]): Promise<void>;
  /** Facts of this department, system and entity whose submission is not `submission`. */
  staleFacts(entity: string, department: string, system: string, submission: string): Promise<FactRow[]>;
  /** Writes the new version to history and makes it the current state. */
  putVersions(rows: readonly VersionRow[]): Promise<void>;
  putCorrection(row: Correction): Promise<void>;
}

/**
 * The contract every storage adapter of `@gds/store` fulfils (memory, SQLite, PostgreSQL); the engine
 * (merge, ingest, history, corrections) is the same on all of them. `write` runs its function as one
 * transaction, all or nothing, serialised with every other writer of the same store, in this process
 * and in others.
 *
 * @example
 * ```ts
 * import { openStore } from '@gds/store';
 * import { createMemoryAdapter } from '@gds/store/memory';
 * const store = openStore(createMemoryAdapter());
 * ```
 */
export interface StoreAdapter extends StoreReads {
  readonly kind: string;
  write<T>(fn: (tx: StoreWrites) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

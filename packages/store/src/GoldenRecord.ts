/**
 * Where a value came from: the department, its system, the record id there, and the record's time.
 *
 * @example
 * ```ts
 * import type { Provenance } from '@gds/store';
 * const p: Provenance = { department: 'public-security', system: 'hukou', recordId: 'ps-42', time: '2026-03-01T00:00:00Z' };
 * ```
 */
export interface Provenance {
  department: string;
  system?: string;
  recordId?: string;
  /** RFC 3339; the more recent value wins among equally authoritative sources. */
  time?: string;
}

/**
 * One entity's golden record (黄金记录): the merged record, and for every field the source of its value.
 *
 * @example
 * ```ts
 * import type { GoldenRecord } from '@gds/store';
 * function whoSaid(g: GoldenRecord, path: string) { return g.provenance[path]?.department; }
 * ```
 */
export interface GoldenRecord {
  /** The match key: the resident ID number, the credit code, … */
  key: string;
  entity: string;
  record: Record<string, unknown>;
  /** Per field path (`/name`, `/residence/detail`, `/contacts`): where its value came from. */
  provenance: Record<string, Provenance>;
  /** Every source record merged into this one, sorted. */
  sources: Provenance[];
}

/**
 * Why a conflict's winner won: the field's authoritative source department (数源部门) supplied it, it
 * is the most recent among equally authoritative sources, or a fixed tie-break (department, system,
 * record id, value) decided between equally recent ones.
 *
 * @example
 * ```ts
 * import type { ConflictReason } from '@gds/store';
 * const r: ConflictReason = 'authoritative-source';
 * ```
 */
export type ConflictReason = 'authoritative-source' | 'most-recent' | 'tie-break';

/**
 * Values of one field of one entity that disagree: which won, why, and the others.
 *
 * @example
 * ```ts
 * import type { Conflict } from '@gds/store';
 * function line(c: Conflict) { return `${c.key} ${c.path}: ${c.reason} (${c.messageEn})`; }
 * ```
 */
export interface Conflict {
  key: string;
  path: string;
  /** The field's authoritative source department. */
  authoritative: string;
  winner: { value: unknown } & Provenance;
  /** The other values, best first; one entry per distinct source. */
  others: Array<{ value: unknown } & Provenance>;
  reason: ConflictReason;
  messageZh: string;
  messageEn: string;
}

/**
 * Two records that may be the same resident, for a person to review: residents without an ID number
 * are never merged automatically. `b` is a keyed golden record (`key`) or another record without one.
 *
 * @example
 * ```ts
 * import type { CandidatePair } from '@gds/store';
 * function show(c: CandidatePair) { return `${c.a.recordId} ~ ${c.b.key ?? c.b.recordId} (${c.address})`; }
 * ```
 */
export interface CandidatePair {
  a: Provenance;
  b: Provenance & { key?: string };
  /** Name and birth date agree; how the addresses compare decides the score. */
  address: 'same' | 'same-division' | 'same-county' | 'unknown';
  /** 1 same address, 0.9 same community division, 0.8 same county, 0.7 an address missing. */
  score: number;
}

import type { FieldMeta } from '@gds/schema';
import { isPlainObject } from './_internal/fieldTree.js';
import {
  type CandidateInfo,
  candidateInfo,
  candidatePairs,
  cmpKey,
  createMerger,
  provenanceOf,
  type SourcedRecord,
} from './_internal/merge.js';
import { GdsStoreError } from './errors.js';
import type { CandidatePair, Conflict, GoldenRecord, Provenance } from './GoldenRecord.js';

/**
 * One department's records to merge. `department` (and `system`, `time`) apply to every record unless
 * the record's own `provenance` member says otherwise (`sourceDepartment`, `sourceSystem`,
 * `sourceRecordId`, `updatedAt`/`collectedAt`); a record's id is its `id` (or credit code, code,
 * household number).
 *
 * @example
 * ```ts
 * import type { MergeInput } from '@gds/store';
 * const police: MergeInput = { department: 'public-security', system: 'hukou', time: '2026-03-01T00:00:00Z', records: [] };
 * ```
 */
export interface MergeInput {
  department?: string;
  system?: string;
  time?: string;
  records: readonly unknown[];
}

/**
 * Options of {@link mergeRecords}.
 *
 * @example
 * ```ts
 * import type { MergeOptions } from '@gds/store';
 * import { person } from '@gds/schema';
 * const o: MergeOptions = { standard: person };
 * ```
 */
export interface MergeOptions {
  /** The records' standard: entity and field metadata (a `Standard` of `@gds/schema`). */
  standard: { entity: string; fields: readonly FieldMeta[] };
  /**
   * The match key of a record, undefined when it has none. Default: the resident ID number for
   * `person` (any GB 11643 document type; other documents as `type:number`), the credit code for
   * `organization`, the household number for `household`, else `id` or `code`.
   */
  key?: (record: Record<string, unknown>) => string | undefined;
  /** Golden records of an earlier merge: merging new records into them equals merging everything again. */
  previous?: readonly GoldenRecord[];
}

/**
 * What a merge gives: golden records sorted by key, the conflicts sorted by key and path, the records
 * that had no key (never merged), and candidate pairs among them and with golden records for review.
 *
 * @example
 * ```ts
 * import type { MergeResult } from '@gds/store';
 * function summary(r: MergeResult) { return `${r.golden.length} golden, ${r.conflicts.length} conflicts`; }
 * ```
 */
export interface MergeResult {
  golden: GoldenRecord[];
  conflicts: Conflict[];
  unkeyed: Provenance[];
  candidates: CandidatePair[];
}

/**
 * Merges the records several departments hold about the same entities into golden records. Records are
 * matched on their key (resident ID number, credit code); for every field the authoritative source
 * department's value wins, others only fill gaps; among equally authoritative sources the most recent
 * wins, then a fixed order (department, system, record id, value). The result is therefore the same
 * whatever the order of inputs and records (serialise with `JSON.stringify` for identical bytes), and
 * merging new records into `previous` golden records equals merging everything at once. Every field
 * names its source in `provenance`; every disagreement is in `conflicts`. Records without a key are
 * never merged: residents among them are paired by name, birth date and address into `candidates`.
 *
 * @example
 * ```ts
 * import { mergeRecords } from '@gds/store';
 * import { person } from '@gds/schema';
 * const { golden, conflicts, candidates } = mergeRecords(
 *   [
 *     { department: 'public-security', records: policeRecords },
 *     { department: 'civil-affairs', records: civilRecords },
 *   ],
 *   { standard: person },
 * );
 * golden[0].provenance['/name']; // { department: 'public-security', recordId: '…' }
 * ```
 */
export function mergeRecords(inputs: readonly MergeInput[], options: MergeOptions): MergeResult {
  if (!Array.isArray(options?.standard?.fields)) {
    throw new GdsStoreError(
      'GDS_STORE_INVALID_INPUT',
      '需要标准的字段元数据',
      "the standard's field metadata is needed",
    );
  }
  const merger = createMerger(options.standard, options.key);
  const groups = new Map<string, SourcedRecord[]>();
  const unkeyed: CandidateInfo[] = [];
  const unkeyedRefs: Provenance[] = [];
  for (const input of inputs) {
    for (const record of input.records) {
      if (!isPlainObject(record)) {
        throw new GdsStoreError(
          'GDS_STORE_INVALID_INPUT',
          '记录必须是 JSON 对象',
          'every record must be a JSON object',
        );
      }
      const src = provenanceOf(record, input);
      const key = merger.keyOf(record);
      if (key === undefined) {
        unkeyedRefs.push(src);
        const info = candidateInfo(record, src);
        if (info) unkeyed.push(info);
        continue;
      }
      let g = groups.get(key);
      if (!g) {
        g = [];
        groups.set(key, g);
      }
      g.push({ record, src });
    }
  }
  const previous = new Map((options.previous ?? []).map((g) => [g.key, g]));
  for (const k of previous.keys()) if (!groups.has(k)) groups.set(k, []);
  const keys = [...groups.keys()].sort(cmpKey);
  const golden: GoldenRecord[] = [];
  const conflicts: Conflict[] = [];
  const blocks = new Set(unkeyed.map((u) => u.block));
  const keyed: CandidateInfo[] = [];
  for (const k of keys) {
    const r = merger.mergeGroup(k, groups.get(k)!, previous.get(k));
    golden.push(r.golden);
    for (const c of r.conflicts) conflicts.push(c);
    if (blocks.size > 0) {
      const info = candidateInfo(r.golden.record, {
        key: k,
        department: r.golden.provenance['/name']?.department ?? '',
      });
      if (info && blocks.has(info.block))
        keyed.push({ ...info, ref: { key: k, department: info.ref.department } });
    }
  }
  unkeyedRefs.sort((a, b) => cmpKey(JSON.stringify(a), JSON.stringify(b)));
  return { golden, conflicts, unkeyed: unkeyedRefs, candidates: candidatePairs(unkeyed, keyed) };
}

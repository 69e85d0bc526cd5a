import { canonicalize } from '@gds/crypto';
import { type FieldMeta, GB11643_DOCUMENT_TYPES } from '@gds/schema';
import { GdsStoreError } from '../errors.js';
import type { CandidatePair, Conflict, ConflictReason, GoldenRecord, Provenance } from '../GoldenRecord.js';
import { buildFieldTree, type FieldNode, isPlainObject } from './fieldTree.js';

export interface MergeUnit {
  path: string;
  segments: string[];
  /** Authoritative source department of the field. */
  source: string;
}

export interface Contribution {
  value: unknown;
  canon: string;
  src: Provenance;
  authoritative: boolean;
  timeMs: number;
}

/** The record's own source metadata, when its standard carries a `provenance` object. */
export function provenanceOf(record: Record<string, unknown>, fallback: Partial<Provenance>): Provenance {
  const p = isPlainObject(record.provenance) ? record.provenance : undefined;
  const department = (fallback.department ?? p?.sourceDepartment) as string | undefined;
  if (typeof department !== 'string' || department === '') {
    throw new GdsStoreError(
      'GDS_STORE_INVALID_INPUT',
      '无法确定记录的来源部门：请为输入指定部门，或在记录中提供 provenance.sourceDepartment',
      'cannot tell the source department of a record: give the input a department, or provenance.sourceDepartment in the record',
    );
  }
  const out: Provenance = { department };
  const system = fallback.system ?? p?.sourceSystem;
  if (typeof system === 'string') out.system = system;
  const rid = p?.sourceRecordId ?? record.id ?? record.creditCode ?? record.code ?? record.householdNumber;
  if (typeof rid === 'string') out.recordId = rid;
  const time = p?.updatedAt ?? p?.collectedAt ?? fallback.time;
  if (typeof time === 'string') out.time = time;
  return out;
}

function units(fields: readonly FieldMeta[], idIsSourceData: boolean): MergeUnit[] {
  const out: MergeUnit[] = [];
  const walk = (node: FieldNode, segments: string[]) => {
    if (node.path !== '' && (node.items || node.children.size === 0)) {
      out.push({ path: node.path, segments, source: node.meta?.source ?? '' });
      return;
    }
    for (const [k, child] of node.children) {
      // The standard's own provenance members describe one source record, not the entity.
      if (node.path === '' && k === 'provenance') continue;
      // A department's own record id (`/id`) is source data: it is kept in provenance (recordId),
      // not merged, so departments numbering their records differently is no conflict.
      if (node.path === '' && k === 'id' && idIsSourceData) continue;
      walk(child, [...segments, k]);
    }
  };
  walk(buildFieldTree(fields), []);
  return out;
}

function upper(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim().toUpperCase() : undefined;
}

/** Entities whose default match key is an identifier of their own, not the record id. */
const KEYED_BY_IDENTIFIER = new Set(['person', 'organization', 'household']);

/** The default match key of an entity's records; undefined when the record has none. */
export function defaultKey(entity: string): (r: Record<string, unknown>) => string | undefined {
  switch (entity) {
    case 'person':
      return (r) => {
        const id = isPlainObject(r.identity) ? r.identity : undefined;
        const n = upper(id?.number);
        if (!n) return undefined;
        const type = typeof id?.type === 'string' ? id.type : '';
        // The same citizen identity number on a resident ID or a temporary one is the same person.
        return GB11643_DOCUMENT_TYPES.has(type) ? n : `${type}:${n}`;
      };
    case 'organization':
      return (r) => upper(r.creditCode);
    case 'household':
      return (r) => upper(r.householdNumber);
    default:
      return (r) => (typeof r.id === 'string' ? r.id : typeof r.code === 'string' ? r.code : undefined);
  }
}

function get(record: Record<string, unknown>, segments: string[]): unknown {
  let v: unknown = record;
  for (const s of segments) {
    if (!isPlainObject(v)) return undefined;
    v = v[s];
  }
  return v;
}

function set(record: Record<string, unknown>, segments: string[], value: unknown): void {
  let o = record;
  for (let i = 0; i < segments.length - 1; i++) {
    const s = segments[i]!;
    if (!isPlainObject(o[s])) o[s] = {};
    o = o[s] as Record<string, unknown>;
  }
  o[segments[segments.length - 1]!] = value;
}

function canonOf(v: unknown): string {
  return typeof v === 'object' && v !== null ? canonicalize(v as never) : JSON.stringify(v);
}

function timeMs(t: string | undefined): number {
  const ms = t === undefined ? Number.NaN : Date.parse(t);
  return Number.isFinite(ms) ? ms : Number.NEGATIVE_INFINITY;
}

function cmpStr(a: string | undefined, b: string | undefined): number {
  const x = a ?? '';
  const y = b ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The total order of contributions: best first. Total, so the winner never depends on input order. */
function cmp(a: Contribution, b: Contribution): number {
  if (a.authoritative !== b.authoritative) return a.authoritative ? -1 : 1;
  if (a.timeMs !== b.timeMs) return a.timeMs > b.timeMs ? -1 : 1;
  return (
    cmpStr(a.src.department, b.src.department) ||
    cmpStr(a.src.system, b.src.system) ||
    cmpStr(a.src.recordId, b.src.recordId) ||
    cmpStr(a.src.time, b.src.time) ||
    cmpStr(a.canon, b.canon)
  );
}

export function cmpProvenance(a: Provenance, b: Provenance): number {
  return (
    cmpStr(a.department, b.department) ||
    cmpStr(a.system, b.system) ||
    cmpStr(a.recordId, b.recordId) ||
    cmpStr(a.time, b.time)
  );
}

function sameProvenance(a: Provenance, b: Provenance): boolean {
  return cmpProvenance(a, b) === 0;
}

export interface SourcedRecord {
  record: Record<string, unknown>;
  src: Provenance;
}

export interface Merger {
  entity: string;
  /** The fields merged one by one, with their authoritative source department. */
  units: readonly MergeUnit[];
  keyOf(r: Record<string, unknown>): string | undefined;
  /** Merges the records (and previous golden records) of one key. */
  mergeGroup(
    key: string,
    group: readonly SourcedRecord[],
    previous?: GoldenRecord,
  ): { golden: GoldenRecord; conflicts: Conflict[] };
}

export function createMerger(
  standard: { entity: string; fields: readonly FieldMeta[] },
  keyOf?: (r: Record<string, unknown>) => string | undefined,
): Merger {
  // With the default key of id-keyed entities (address, building, case) every record of a group has
  // the same id, and the golden record keeps it; otherwise the id names one department's record.
  const us = units(standard.fields, keyOf !== undefined || KEYED_BY_IDENTIFIER.has(standard.entity));
  const key = keyOf ?? defaultKey(standard.entity);
  return {
    entity: standard.entity,
    units: us,
    keyOf: key,
    mergeGroup(k, group, previous) {
      const record: Record<string, unknown> = {};
      const provenance: Record<string, Provenance> = {};
      const conflicts: Conflict[] = [];
      const sources: Provenance[] = [];
      for (const g of group) sources.push(g.src);
      if (previous) for (const s of previous.sources) sources.push(s);
      for (const u of us) {
        const cs: Contribution[] = [];
        const add = (value: unknown, src: Provenance) => {
          if (value === undefined || value === null) return;
          cs.push({
            value,
            canon: canonOf(value),
            src,
            authoritative: src.department === u.source,
            timeMs: timeMs(src.time),
          });
        };
        for (const g of group) add(get(g.record, u.segments), g.src);
        if (previous?.provenance[u.path]) add(get(previous.record, u.segments), previous.provenance[u.path]!);
        if (cs.length === 0) continue;
        if (cs.length > 1) cs.sort(cmp);
        const w = cs[0]!;
        // Objects and arrays leave in canonical member order, so equal inputs give equal bytes.
        const plain = (c: Contribution) => (typeof c.value === 'object' ? JSON.parse(c.canon) : c.value);
        set(record, u.segments, plain(w));
        provenance[u.path] = w.src;
        const rival = cs.find((c) => c.canon !== w.canon);
        if (!rival) continue;
        const reason: ConflictReason =
          w.authoritative && !rival.authoritative
            ? 'authoritative-source'
            : w.timeMs > rival.timeMs
              ? 'most-recent'
              : 'tie-break';
        const others: Conflict['others'] = [];
        const seen = new Set<string>();
        for (const c of cs) {
          if (c.canon === w.canon) continue;
          const id = `${c.canon}\u0000${JSON.stringify(c.src)}`;
          if (seen.has(id)) continue;
          seen.add(id);
          others.push({ value: plain(c), ...c.src });
        }
        conflicts.push({
          key: k,
          path: u.path,
          authoritative: u.source,
          winner: { value: plain(w), ...w.src },
          others,
          reason,
          ...conflictMessage(reason, u, w.src, rival.src),
        });
      }
      sources.sort(cmpProvenance);
      const unique = sources.filter((s, i) => i === 0 || !sameProvenance(s, sources[i - 1]!));
      return { golden: { key: k, entity: standard.entity, record, provenance, sources: unique }, conflicts };
    },
  };
}

function conflictMessage(
  reason: ConflictReason,
  u: MergeUnit,
  w: Provenance,
  r: Provenance,
): { messageZh: string; messageEn: string } {
  switch (reason) {
    case 'authoritative-source':
      return {
        messageZh: `${u.path} 取数源部门 ${u.source} 的值，${r.department} 的值不同`,
        messageEn: `${u.path} takes the value of its source department ${u.source}; ${r.department} disagrees`,
      };
    case 'most-recent':
      return {
        messageZh: `${u.path} 取最新的值（${w.department}，${w.time}），${r.department} 的值较旧`,
        messageEn: `${u.path} takes the most recent value (${w.department}, ${w.time}); ${r.department}'s is older`,
      };
    default:
      return {
        messageZh: `${u.path} 的值同样权威、同样新，按部门、系统、记录标识的固定顺序取 ${w.department} 的值`,
        messageEn: `${u.path}: equally authoritative and recent values; the fixed order (department, system, record id) picks ${w.department}`,
      };
  }
}

/** Sorts golden records and conflicts the one way outputs are ordered: by key (then path). */
export function cmpKey(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---- candidate pairs for records without a key ----

export interface CandidateInfo {
  block: string;
  ref: Provenance & { key?: string };
  division?: string;
  detail?: string;
}

function norm(s: unknown): string | undefined {
  if (typeof s !== 'string') return undefined;
  const n = s.normalize('NFKC').replace(/[\s·•・.]/g, '');
  return n === '' ? undefined : n;
}

/** The blocking key of a person-like record (name and birth date), or undefined. */
export function blockOf(r: Record<string, unknown>): string | undefined {
  const name = norm(r.name);
  const birth = typeof r.birthDate === 'string' ? r.birthDate.slice(0, 10) : undefined;
  return name && birth ? `${name}|${birth}` : undefined;
}

export function candidateInfo(
  r: Record<string, unknown>,
  ref: Provenance & { key?: string },
): CandidateInfo | undefined {
  const block = blockOf(r);
  if (!block) return undefined;
  // person 1.x calls it residence, the 2.0 draft currentResidence; other entities address.
  const addr = [r.residence, r.currentResidence, r.address].find(isPlainObject);
  const info: CandidateInfo = { block, ref };
  if (typeof addr?.divisionCode === 'string') info.division = addr.divisionCode;
  const detail = norm(addr?.detail);
  if (detail) info.detail = detail;
  return info;
}

function compareAddress(a: CandidateInfo, b: CandidateInfo): CandidatePair['address'] | undefined {
  if (!a.division || !b.division) return 'unknown';
  if (a.division === b.division) return a.detail && a.detail === b.detail ? 'same' : 'same-division';
  if (a.division.slice(0, 6) === b.division.slice(0, 6)) return 'same-county';
  return undefined;
}

const SCORE: Record<CandidatePair['address'], number> = {
  same: 1,
  'same-division': 0.9,
  'same-county': 0.8,
  unknown: 0.7,
};

function infoKey(i: CandidateInfo): string {
  const r = i.ref;
  return `${r.key ?? ''}\u0000${r.department}\u0000${r.system ?? ''}\u0000${r.recordId ?? ''}\u0000${r.time ?? ''}\u0000${i.division ?? ''}\u0000${i.detail ?? ''}`;
}

/**
 * Pairs each record without a key with the other keyless records and the keyed records of the same
 * name and birth date whose address is not in another county. Sorted, so independent of input order.
 */
export function candidatePairs(unkeyed: CandidateInfo[], keyed: CandidateInfo[]): CandidatePair[] {
  const byBlock = new Map<string, { un: CandidateInfo[]; keyed: CandidateInfo[] }>();
  for (const u of unkeyed) {
    let b = byBlock.get(u.block);
    if (!b) {
      b = { un: [], keyed: [] };
      byBlock.set(u.block, b);
    }
    b.un.push(u);
  }
  for (const k of keyed) byBlock.get(k.block)?.keyed.push(k);
  const pairs: Array<CandidatePair & { sort: string }> = [];
  for (const { un, keyed: ks } of byBlock.values()) {
    un.sort((x, y) => cmpKey(infoKey(x), infoKey(y)));
    for (let i = 0; i < un.length; i++) {
      const a = un[i]!;
      for (const b of [...un.slice(i + 1), ...ks]) {
        const address = compareAddress(a, b);
        if (!address) continue;
        pairs.push({
          a: a.ref,
          b: b.ref,
          address,
          score: SCORE[address],
          sort: `${infoKey(a)}\u0001${infoKey(b)}`,
        });
      }
    }
  }
  pairs.sort((x, y) => cmpKey(x.sort, y.sort));
  return pairs.map(({ sort: _, ...p }) => p);
}

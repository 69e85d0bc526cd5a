import { sha256 } from '@gds/crypto';
import { getStandard, type Standard } from '@gds/schema';
import { isPlainObject } from './_internal/fieldTree.js';
import { createMerger, type Merger, provenanceOf } from './_internal/merge.js';
import {
  canon,
  diff,
  divisionOf,
  goldenId,
  gridOf,
  randomHex,
  sameState,
  sha256Hex,
} from './_internal/rows.js';
import { GdsStoreError } from './errors.js';
import type { Provenance } from './GoldenRecord.js';
import type {
  Correction,
  FactRow,
  FieldChange,
  GoldenRow,
  ScanQuery,
  StoreAdapter,
  StoreWrites,
  SubmissionRow,
  VersionRow,
} from './StoreAdapter.js';
import type { IngestResult, RefusedRecord, Submission } from './Submission.js';

/**
 * Options of {@link openStore}.
 *
 * @example
 * ```ts
 * import type { OpenStoreOptions } from '@gds/store';
 * const o: OpenStoreOptions = { now: () => new Date('2026-06-30T00:00:00Z') };
 * ```
 */
export interface OpenStoreOptions {
  /**
   * The standard whose field metadata (authoritative source per field) merges each entity's golden
   * records. Default: the latest release of the entity in `@gds/schema`.
   */
  standards?: Readonly<Record<string, Standard>>;
  /** The clock of transaction times (tests); default the system clock. Times never go backwards. */
  now?: () => Date;
  /**
   * Tamper evidence: after each applied submission, its ledger entry ({@link GoldenStore.ledgerEntry}:
   * SHA-256 over the submission and the digest of the versions it caused) is appended to this
   * `@gds/ledger` log, whose signed checkpoints then cover the store's history. The append follows
   * the commit: a crash in between leaves the submission applied and its entry missing, which
   * `ledgerEntry` can recompute and append again.
   */
  ledger?: { appendBatch(entries: readonly Uint8Array[]): Promise<unknown> };
}

/**
 * One entry of a golden record's history: a version (created, updated, withdrawn) with its field
 * changes and the submission that caused it, or a correction filed or decided.
 *
 * @example
 * ```ts
 * import type { HistoryEntry } from '@gds/store';
 * function line(h: HistoryEntry) { return `#${h.seq} ${h.txTime} ${h.kind}`; }
 * ```
 */
export type HistoryEntry =
  | {
      kind: 'created' | 'updated' | 'withdrawn';
      seq: number;
      txTime: string;
      version: number;
      submission: string;
      changes: FieldChange[];
    }
  | {
      kind: 'correction-filed' | 'correction-accepted' | 'correction-rejected';
      seq: number;
      txTime: string;
      correction: Correction;
    };

/**
 * One entry of the change feed: a golden record created, updated or withdrawn, with its sequence
 * number (resume with `changes({ since: seq })`).
 *
 * @example
 * ```ts
 * import type { Change } from '@gds/store';
 * function line(c: Change) { return `${c.seq} ${c.kind} ${c.id}`; }
 * ```
 */
export interface Change {
  seq: number;
  kind: 'created' | 'updated' | 'withdrawn';
  id: string;
  entity: string;
  version: number;
  txTime: string;
  submission: string;
  /** The golden record after the change (the last state before it, for `withdrawn`). */
  record: Record<string, unknown>;
  changes: FieldChange[];
}

/**
 * The integrated data (集中存储、统一管理): golden records merged from every department's submissions,
 * with per-field provenance, history, a change feed and corrections, over one {@link StoreAdapter}.
 *
 * @example
 * ```ts
 * import { openStore } from '@gds/store';
 * import { createMemoryAdapter } from '@gds/store/memory';
 * const store = openStore(createMemoryAdapter());
 * await store.ingest({ department: 'public-security', standard: 'person', version: '1.1.0',
 *   fileSha256: sha, exportedAt: '2026-06-30T18:00:00Z', mode: 'full', records });
 * const g = await store.find('person', '11010119900307451X');
 * ```
 */
export interface GoldenStore {
  readonly adapter: StoreAdapter;
  /** Applies a submission whole or not at all; the same submission twice changes nothing. */
  ingest(submission: Submission): Promise<IngestResult>;
  /** The current golden record with this id; undefined when unknown or withdrawn. */
  get(id: string): Promise<GoldenRow | undefined>;
  /** The golden record of an identifier (resident ID number, credit code, household number). */
  find(entity: string, identifier: string): Promise<GoldenRow | undefined>;
  /** Streams current golden records by id; `asOf` streams them as they stood at that time. */
  scan(query: ScanQuery & { asOf?: string | Date | { seq: number } }): AsyncIterable<GoldenRow>;
  count(query: ScanQuery): Promise<number>;
  /** Every version and correction of one golden record, in sequence order. */
  history(id: string): Promise<HistoryEntry[]>;
  /** The golden record as the store knew it at a time (or after a sequence number). */
  getAsOf(id: string, at: string | Date | { seq: number }): Promise<GoldenRow | undefined>;
  /** Golden records created, updated or withdrawn after `since`, by sequence number. */
  changes(options?: { since?: number; entity?: string }): AsyncIterable<Change>;
  /** The last sequence number. */
  seq(): Promise<number>;
  /** Files a correction against one field; it is routed to the field's authoritative source. */
  fileCorrection(request: {
    golden: string;
    path: string;
    value: unknown;
    department: string;
    reason: string;
  }): Promise<Correction>;
  /** The routed department accepts (the value becomes its source fact) or rejects, with a reason. */
  decideCorrection(
    id: string,
    decision: { department: string; accept: boolean; reason: string },
  ): Promise<Correction>;
  /**
   * The ledger entry of an applied submission, recomputed from the stored history: SHA-256 of the
   * canonical JSON `{ submission, entity, department, firstSeq, lastSeq, versions }`, `versions` being
   * the SHA-256 (hex) over the canonical versions it caused, in sequence order. Equal to the entry
   * appended at ingest unless the history was altered since. Undefined for an unknown submission.
   */
  ledgerEntry(submission: string): Promise<Uint8Array | undefined>;
  /** Corrections a department filed or must decide (`department`), or of one golden record. */
  corrections(query: { department?: string; golden?: string }): Promise<Correction[]>;
  close(): Promise<void>;
}

const BATCH = 500;
const PAGE = 1000;
const CAP = 1000;
const CORRECTION_SYSTEM = 'gds:correction';

function fail(code: ConstructorParameters<typeof GdsStoreError>[0], zh: string, en: string): never {
  throw new GdsStoreError(code, zh, en);
}

function iso(t: string | Date, what: string): string {
  const ms = t instanceof Date ? t.getTime() : Date.parse(t);
  if (!Number.isFinite(ms))
    fail('GDS_STORE_INVALID_INPUT', `${what} 不是有效的时间`, `${what} is not a valid time`);
  return new Date(ms).toISOString();
}

class Refused extends Error {}
class Duplicate extends Error {}

interface EntityContext {
  standard: Standard;
  merger: Merger;
  /** Field paths that can be merged (and corrected), with their authoritative source. */
  units: Map<string, string>;
}

/**
 * Opens the golden-record store over an adapter (memory, SQLite, PostgreSQL).
 *
 * @example
 * ```ts
 * import { openStore } from '@gds/store';
 * import { createSqliteAdapter } from '@gds/store/sqlite';
 * const store = openStore(createSqliteAdapter({ path: './.gds/store.sqlite' }));
 * const seen: string[] = [];
 * for await (const c of store.changes({ since: 0 })) seen.push(`${c.seq} ${c.kind} ${c.id}`);
 * ```
 */
export function openStore(adapter: StoreAdapter, options: OpenStoreOptions = {}): GoldenStore {
  const contexts = new Map<string, EntityContext>();
  const now = options.now ?? (() => new Date());

  function context(entity: string): EntityContext {
    let c = contexts.get(entity);
    if (c) return c;
    const standard = options.standards?.[entity] ?? getStandard(entity);
    if (!standard) {
      fail('GDS_STORE_UNKNOWN_STANDARD', `未知的标准 ${entity}`, `unknown standard ${entity}`);
    }
    const merger = createMerger(standard);
    c = { standard, merger, units: new Map(merger.units.map((u) => [u.path, u.source])) };
    contexts.set(entity, c);
    return c;
  }

  async function clock(tx: StoreWrites): Promise<() => { seq: number; txTime: string }> {
    let seq = await tx.lastSeq();
    const last = await tx.lastTxTime();
    let t = now().toISOString();
    if (last && last > t) t = last;
    return () => ({ seq: ++seq, txTime: t });
  }

  /** Recomputes the golden records of these keys from the current facts; returns the new versions. */
  async function recompute(
    tx: StoreWrites,
    entity: string,
    keys: readonly string[],
    facts: Map<string, FactRow[]>,
    tick: () => { seq: number; txTime: string },
    submission: string,
  ): Promise<VersionRow[]> {
    const { merger } = context(entity);
    const current = new Map((await tx.goldenByKeys(entity, keys)).map((g) => [g.key, g]));
    const out: VersionRow[] = [];
    for (const key of keys) {
      const fs = facts.get(key) ?? [];
      const prev = current.get(key);
      if (fs.length === 0) {
        if (!prev || prev.withdrawn) continue;
        const { seq, txTime } = tick();
        out.push({
          ...prev,
          version: prev.version + 1,
          seq,
          txTime,
          withdrawn: true,
          kind: 'withdrawn',
          submission,
          changes: diff(prev, undefined),
        });
        continue;
      }
      const { golden } = merger.mergeGroup(
        key,
        fs.map((f) => ({ record: f.record, src: f.provenance })),
      );
      if (sameState(prev, golden)) continue;
      const { seq, txTime } = tick();
      const row: VersionRow = {
        id: prev?.id ?? goldenId(entity, key),
        entity,
        key,
        record: golden.record,
        provenance: golden.provenance,
        sources: golden.sources,
        version: (prev?.version ?? 0) + 1,
        seq,
        txTime,
        withdrawn: false,
        kind: prev && !prev.withdrawn ? 'updated' : 'created',
        submission,
        changes: diff(prev && !prev.withdrawn ? prev : undefined, golden),
      };
      const division = divisionOf(golden.record);
      if (division) row.division = division;
      const grid = gridOf(entity, golden.record);
      if (grid) row.grid = grid;
      out.push(row);
    }
    return out;
  }

  function groupFacts(rows: readonly FactRow[]): Map<string, FactRow[]> {
    const m = new Map<string, FactRow[]>();
    for (const f of rows) {
      const g = m.get(f.key);
      if (g) g.push(f);
      else m.set(f.key, [f]);
    }
    return m;
  }

  const sameFact = (a: FactRow, b: { department: string; system: string }) =>
    a.department === b.department && a.system === b.system;

  async function ingest(sub: Submission): Promise<IngestResult> {
    if (!isPlainObject(sub))
      fail('GDS_STORE_INVALID_INPUT', '提交必须是对象', 'a submission must be an object');
    if (typeof sub.department !== 'string' || sub.department === '')
      fail('GDS_STORE_INVALID_INPUT', '提交缺少部门', 'the submission names no department');
    if (sub.mode !== 'full' && sub.mode !== 'delta')
      fail(
        'GDS_STORE_INVALID_INPUT',
        '提交方式须为 full 或 delta',
        "the submission's mode must be full or delta",
      );
    if (typeof sub.fileSha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sub.fileSha256))
      fail(
        'GDS_STORE_INVALID_INPUT',
        '提交缺少导出文件的 SHA-256（64 位小写十六进制）',
        "the submission's fileSha256 must be 64 lower-case hex digits",
      );
    if (sub.withdraw !== undefined && (sub.mode !== 'delta' || !Array.isArray(sub.withdraw)))
      fail(
        'GDS_STORE_INVALID_INPUT',
        '只有增量提交可以列出撤回',
        'only a delta submission may list withdrawals',
      );
    // Validated, but kept as submitted: source facts are never rewritten.
    iso(sub.exportedAt, 'exportedAt');
    const exportedAt = sub.exportedAt;
    const declared = getStandard(sub.standard, sub.version);
    if (!declared || sub.version === 'latest')
      fail(
        'GDS_STORE_UNKNOWN_STANDARD',
        `未知的标准或版本 ${sub.standard}@${sub.version}`,
        `unknown standard or version ${sub.standard}@${sub.version}`,
      );
    const entity = declared.entity;
    const ctx = context(entity);
    if (sub.mode === 'full' && ![...ctx.units.values()].includes(sub.department))
      fail(
        'GDS_STORE_NOT_A_SOURCE',
        `${sub.department} 不是 ${entity} 任何字段的数源部门，不能提交全量`,
        `${sub.department} is the authoritative source of no field of ${entity}: it cannot submit a full export`,
      );
    const system = sub.system ?? '';
    const id = sha256Hex(
      canon({
        department: sub.department,
        system,
        standard: entity,
        version: sub.version,
        fileSha256: sub.fileSha256,
        exportedAt,
        mode: sub.mode,
        withdraw: sub.withdraw ? [...sub.withdraw].sort() : [],
      }),
    );
    const result: IngestResult = {
      status: 'applied',
      submission: id,
      records: 0,
      unkeyed: [],
      unkeyedCount: 0,
      withdrawn: 0,
      created: 0,
      updated: 0,
      removed: 0,
      refused: [],
      refusedCount: 0,
    };
    if (await adapter.submission(id)) return { ...result, status: 'duplicate' };
    const fallback = {
      department: sub.department,
      ...(sub.system ? { system: sub.system } : {}),
      time: exportedAt,
    };
    try {
      await adapter.write(async (tx) => {
        if (await tx.submission(id)) throw new Duplicate();
        const tick = await clock(tx);
        const account = (versions: VersionRow[]) => {
          for (const v of versions) {
            if (v.kind === 'created') result.created++;
            else if (v.kind === 'updated') result.updated++;
            else result.removed++;
            result.firstSeq ??= v.seq;
            result.lastSeq = v.seq;
          }
        };
        let batch: FactRow[] = [];
        const flush = async () => {
          if (batch.length === 0 || result.refusedCount > 0) {
            batch = [];
            return;
          }
          // Within one submission the later record of a key replaces the earlier one.
          const incoming = new Map<string, FactRow>();
          for (const f of batch) incoming.set(f.key, f);
          const keys = [...incoming.keys()];
          const existing = groupFacts(await tx.facts(entity, keys));
          for (const key of keys) {
            const others = (existing.get(key) ?? []).filter(
              (f) => !sameFact(f, { department: sub.department, system }),
            );
            others.push(incoming.get(key)!);
            existing.set(key, others);
          }
          await tx.putFacts([...incoming.values()]);
          const versions = await recompute(tx, entity, keys, existing, tick, id);
          await tx.putVersions(versions);
          account(versions);
          batch = [];
          sub.onProgress?.(result.records);
        };
        for await (const record of sub.records as AsyncIterable<unknown>) {
          result.records++;
          const checked = declared.validate(record);
          if (!checked.ok) {
            result.refusedCount++;
            if (result.refused.length < CAP) {
              const r: RefusedRecord = { index: result.records, issues: checked.issues };
              const rid = isPlainObject(record) ? record.id : undefined;
              if (typeof rid === 'string') r.recordId = rid;
              result.refused.push(r);
            }
            continue;
          }
          const rec = record as Record<string, unknown>;
          const src = provenanceOf(rec, fallback);
          const key = ctx.merger.keyOf(rec);
          if (key === undefined) {
            result.unkeyedCount++;
            if (result.unkeyed.length < CAP) result.unkeyed.push(src);
            continue;
          }
          batch.push({
            entity,
            key,
            department: sub.department,
            system,
            recordId: src.recordId ?? '',
            record: rec,
            provenance: src,
            submission: id,
          });
          if (batch.length >= BATCH) await flush();
        }
        await flush();
        if (result.refusedCount > 0) throw new Refused();

        // Withdrawals: a full export withdraws what it no longer carries; a delta what it lists.
        const gone: FactRow[] =
          sub.mode === 'full'
            ? await tx.staleFacts(entity, sub.department, system, id)
            : (
                await tx.facts(
                  entity,
                  (sub.withdraw ?? []).map((w) => ctx.merger.keyOf(keyRecord(entity, w)) ?? w),
                )
              )
                // A record the same delta carries stands: the withdrawals describe the state before it.
                .filter((f) => sameFact(f, { department: sub.department, system }) && f.submission !== id);
        for (let i = 0; i < gone.length; i += BATCH) {
          const part = gone.slice(i, i + BATCH);
          await tx.deleteFacts(part);
          const keys = [...new Set(part.map((f) => f.key))];
          const facts = groupFacts(await tx.facts(entity, keys));
          const versions = await recompute(tx, entity, keys, facts, tick, id);
          await tx.putVersions(versions);
          account(versions);
        }
        result.withdrawn = gone.length;
        const last = tick();
        const row: SubmissionRow = {
          id,
          entity,
          department: sub.department,
          system,
          version: sub.version,
          fileSha256: sub.fileSha256,
          exportedAt,
          mode: sub.mode,
          receivedAt: last.txTime,
          records: result.records,
          withdrawn: result.withdrawn,
          changed: result.created + result.updated + result.removed,
        };
        if (result.firstSeq !== undefined) row.firstSeq = result.firstSeq;
        if (result.lastSeq !== undefined) row.lastSeq = result.lastSeq;
        await tx.putSubmission(row);
        // The submission's own tick is not used by any version: the clock only moves for changes.
        await tx.setClock(result.lastSeq ?? (await tx.lastSeq()), last.txTime);
      });
    } catch (e) {
      if (e instanceof Refused) {
        const { firstSeq: _f, lastSeq: _l, ...rest } = result;
        return { ...rest, status: 'refused', created: 0, updated: 0, removed: 0, withdrawn: 0 };
      }
      if (e instanceof Duplicate) return { ...result, status: 'duplicate' };
      throw e;
    }
    if (options.ledger) await options.ledger.appendBatch([(await ledgerEntry(id))!]);
    return result;
  }

  async function ledgerEntry(id: string): Promise<Uint8Array | undefined> {
    const row = await adapter.submission(id);
    if (!row) return undefined;
    const versions: string[] = [];
    if (row.firstSeq !== undefined && row.lastSeq !== undefined) {
      const vs = await adapter.changes(row.firstSeq - 1, row.entity, row.lastSeq - row.firstSeq + 1);
      for (const v of vs)
        versions.push(
          canon({
            id: v.id,
            seq: v.seq,
            kind: v.kind,
            record: v.record,
            provenance: v.provenance,
            sources: v.sources,
          }),
        );
    }
    return sha256(
      new TextEncoder().encode(
        canon({
          submission: row.id,
          entity: row.entity,
          department: row.department,
          firstSeq: row.firstSeq ?? null,
          lastSeq: row.lastSeq ?? null,
          versions: sha256Hex(versions.join('\n')),
        }),
      ),
    );
  }

  /** A record carrying only an identifier, so the entity's key function can read it. */
  function keyRecord(entity: string, identifier: string): Record<string, unknown> {
    switch (entity) {
      case 'person':
        return { identity: { type: 'resident-id', number: identifier } };
      case 'organization':
        return { creditCode: identifier };
      case 'household':
        return { householdNumber: identifier };
      default:
        return { id: identifier };
    }
  }

  async function find(entity: string, identifier: string): Promise<GoldenRow | undefined> {
    if (typeof identifier !== 'string' || identifier.trim() === '') return undefined;
    const key = context(entity).merger.keyOf(keyRecord(entity, identifier));
    if (key === undefined) return undefined;
    const [g] = await adapter.goldenByKeys(entity, [key]);
    return g && !g.withdrawn ? g : undefined;
  }

  async function seqOf(at: string | Date | { seq: number }): Promise<number> {
    if (typeof at === 'object' && !(at instanceof Date)) {
      if (!Number.isSafeInteger(at.seq) || at.seq < 0)
        fail(
          'GDS_STORE_INVALID_INPUT',
          '序号须为非负整数',
          'a sequence number must be a non-negative integer',
        );
      return at.seq;
    }
    return adapter.seqAt(iso(at, 'asOf'));
  }

  async function* scan(
    query: ScanQuery & { asOf?: string | Date | { seq: number } },
  ): AsyncIterable<GoldenRow> {
    if (typeof query?.entity !== 'string')
      fail('GDS_STORE_INVALID_INPUT', '扫描须指定实体', 'a scan needs an entity');
    const q: ScanQuery = { entity: query.entity };
    if (query.division) q.division = query.division;
    if (query.grid) q.grid = query.grid;
    const seq = query.asOf === undefined ? undefined : await seqOf(query.asOf);
    let after = '';
    for (;;) {
      const page =
        seq === undefined ? await adapter.scan(q, after, PAGE) : await adapter.scanAsOf(q, seq, after, PAGE);
      for (const g of page) yield g;
      if (page.length < PAGE) return;
      after = page[page.length - 1]!.id;
    }
  }

  async function history(id: string): Promise<HistoryEntry[]> {
    const versions = await adapter.versions(id);
    const out: HistoryEntry[] = versions.map((v) => ({
      kind: v.kind,
      seq: v.seq,
      txTime: v.txTime,
      version: v.version,
      submission: v.submission,
      changes: v.changes,
    }));
    for (const c of await adapter.corrections({ golden: id })) {
      out.push({ kind: 'correction-filed', seq: c.filedSeq, txTime: c.filedAt, correction: c });
      if (c.status !== 'pending')
        out.push({
          kind: c.status === 'accepted' ? 'correction-accepted' : 'correction-rejected',
          seq: c.decidedSeq ?? c.filedSeq,
          txTime: c.decidedAt ?? c.filedAt,
          correction: c,
        });
    }
    // A decision and the version it caused share a sequence number: the decision comes first.
    const rank = (h: HistoryEntry) => (h.kind.startsWith('correction') ? 0 : 1);
    return out.sort((a, b) => a.seq - b.seq || rank(a) - rank(b));
  }

  async function getAsOf(id: string, at: string | Date | { seq: number }): Promise<GoldenRow | undefined> {
    const seq = await seqOf(at);
    let found: VersionRow | undefined;
    for (const v of await adapter.versions(id)) if (v.seq <= seq) found = v;
    if (!found || found.withdrawn) return undefined;
    const { kind: _k, submission: _s, changes: _c, ...row } = found;
    return row;
  }

  async function* changes(options: { since?: number; entity?: string } = {}): AsyncIterable<Change> {
    let since = options.since ?? 0;
    if (!Number.isSafeInteger(since) || since < 0)
      fail('GDS_STORE_INVALID_INPUT', '序号须为非负整数', 'a sequence number must be a non-negative integer');
    for (;;) {
      const page = await adapter.changes(since, options.entity, PAGE);
      for (const v of page)
        yield {
          seq: v.seq,
          kind: v.kind,
          id: v.id,
          entity: v.entity,
          version: v.version,
          txTime: v.txTime,
          submission: v.submission,
          record: v.record,
          changes: v.changes,
        };
      if (page.length < PAGE) return;
      since = page[page.length - 1]!.seq;
    }
  }

  async function fileCorrection(request: {
    golden: string;
    path: string;
    value: unknown;
    department: string;
    reason: string;
  }): Promise<Correction> {
    if (!isPlainObject(request) || typeof request.department !== 'string' || request.department === '')
      fail('GDS_STORE_INVALID_INPUT', '纠错须指明提出部门', 'a correction needs the department filing it');
    if (typeof request.reason !== 'string' || request.reason.trim() === '')
      fail('GDS_STORE_INVALID_INPUT', '纠错须说明理由', 'a correction needs a reason');
    if (request.value === undefined)
      fail('GDS_STORE_INVALID_INPUT', '纠错须给出正确的值', 'a correction needs the right value');
    return adapter.write(async (tx) => {
      const g = await tx.golden(request.golden);
      if (!g || g.withdrawn)
        fail('GDS_STORE_NOT_FOUND', `没有黄金记录 ${request.golden}`, `no golden record ${request.golden}`);
      const routedTo = context(g.entity).units.get(request.path);
      if (routedTo === undefined)
        fail(
          'GDS_STORE_UNKNOWN_FIELD',
          `标准 ${g.entity} 没有可纠错的字段 ${request.path}`,
          `the standard ${g.entity} has no correctable field ${request.path}`,
        );
      const tick = await clock(tx);
      const { seq, txTime } = tick();
      const c: Correction = {
        id: `c${randomHex()}`,
        entity: g.entity,
        golden: g.id,
        path: request.path,
        value: request.value,
        filedBy: request.department,
        reason: request.reason,
        filedAt: txTime,
        routedTo,
        status: 'pending',
        filedSeq: seq,
      };
      const current = valueAt(g.record, request.path);
      if (current !== undefined) c.current = current;
      await tx.putCorrection(c);
      await tx.setClock(seq, txTime);
      return c;
    });
  }

  async function decideCorrection(
    id: string,
    decision: { department: string; accept: boolean; reason: string },
  ): Promise<Correction> {
    if (!isPlainObject(decision) || typeof decision.accept !== 'boolean')
      fail('GDS_STORE_INVALID_INPUT', '须说明接受或驳回', 'a decision must accept or reject');
    if (typeof decision.reason !== 'string' || decision.reason.trim() === '')
      fail('GDS_STORE_INVALID_INPUT', '决定须说明理由', 'a decision needs a reason');
    return adapter.write(async (tx) => {
      const c = await tx.correction(id);
      if (!c) fail('GDS_STORE_NOT_FOUND', `没有纠错 ${id}`, `no correction ${id}`);
      if (c.routedTo !== decision.department)
        fail(
          'GDS_STORE_CORRECTION_STATE',
          `纠错 ${id} 只能由数源部门 ${c.routedTo} 决定`,
          `correction ${id} can only be decided by its authoritative source ${c.routedTo}`,
        );
      if (c.status !== 'pending')
        fail('GDS_STORE_CORRECTION_STATE', `纠错 ${id} 已经决定`, `correction ${id} is already decided`);
      const tick = await clock(tx);
      const { seq, txTime } = tick();
      const decided: Correction = {
        ...c,
        status: decision.accept ? 'accepted' : 'rejected',
        decidedAt: txTime,
        decisionReason: decision.reason,
        decidedSeq: seq,
      };
      if (decision.accept) {
        const g = await tx.golden(c.golden);
        if (!g) fail('GDS_STORE_NOT_FOUND', `没有黄金记录 ${c.golden}`, `no golden record ${c.golden}`);
        const facts = await tx.facts(g.entity, [g.key]);
        // Accepted corrections of one department accumulate in one source fact of its own system.
        const prior = facts.find((f) => f.department === c.routedTo && f.system === CORRECTION_SYSTEM);
        const record = structuredClone(prior?.record ?? {});
        setAt(record, c.path, structuredClone(c.value));
        const provenance: Provenance = {
          department: c.routedTo,
          system: CORRECTION_SYSTEM,
          recordId: c.id,
          time: txTime,
        };
        const fact: FactRow = {
          entity: g.entity,
          key: g.key,
          department: c.routedTo,
          system: CORRECTION_SYSTEM,
          recordId: c.id,
          record,
          provenance,
          submission: `correction:${c.id}`,
        };
        await tx.putFacts([fact]);
        const all = [...facts.filter((f) => f !== prior), fact];
        const versions = await recompute(
          tx,
          g.entity,
          [g.key],
          new Map([[g.key, all]]),
          tick,
          `correction:${c.id}`,
        );
        // The version takes the decision's own sequence number: one step in the feed.
        for (const v of versions) v.seq = seq;
        await tx.putVersions(versions);
      }
      await tx.putCorrection(decided);
      await tx.setClock(seq, txTime);
      return decided;
    });
  }

  return {
    adapter,
    ingest,
    async get(id) {
      const g = await adapter.golden(id);
      return g && !g.withdrawn ? g : undefined;
    },
    find,
    scan,
    count: (q) => adapter.count(q),
    history,
    getAsOf,
    changes,
    seq: () => adapter.lastSeq(),
    fileCorrection,
    decideCorrection,
    corrections: (q) => adapter.corrections(q),
    ledgerEntry,
    close: () => adapter.close(),
  };
}

function valueAt(record: Record<string, unknown>, path: string): unknown {
  let v: unknown = record;
  for (const s of path.split('/').slice(1)) {
    if (!isPlainObject(v)) return undefined;
    v = v[s];
  }
  return v;
}

function setAt(record: Record<string, unknown>, path: string, value: unknown): void {
  const segs = path.split('/').slice(1);
  let o = record;
  for (let i = 0; i < segs.length - 1; i++) {
    const s = segs[i]!;
    if (!isPlainObject(o[s])) o[s] = {};
    o = o[s] as Record<string, unknown>;
  }
  o[segs[segs.length - 1]!] = value;
}

import { GdsStoreError } from './errors.js';
import type {
  Correction,
  FactRow,
  GoldenRow,
  ScanQuery,
  StoreAdapter,
  StoreReads,
  StoreWrites,
  SubmissionRow,
  VersionRow,
} from './StoreAdapter.js';

const k2 = (a: string, b: string) => `${a}\u0000${b}`;
const k3 = (a: string, b: string, c: string) => `${a}\u0000${b}\u0000${c}`;

function matches(g: GoldenRow, q: ScanQuery): boolean {
  return (
    g.entity === q.entity &&
    (q.division === undefined || (g.division ?? '').startsWith(q.division)) &&
    (q.grid === undefined || g.grid === q.grid)
  );
}

function current(v: VersionRow): GoldenRow {
  const { kind: _k, submission: _s, changes: _c, ...row } = v;
  return row;
}

/**
 * A {@link StoreAdapter} in memory: for tests, browsers and short-lived pipelines. Writes are
 * serialised and applied all or nothing (an undo log rolls a failed write back); reads wait for the
 * write under way, so they never see half a submission.
 *
 * @example
 * ```ts
 * import { openStore } from '@gds/store';
 * import { createMemoryAdapter } from '@gds/store/memory';
 * const store = openStore(createMemoryAdapter());
 * ```
 */
export function createMemoryAdapter(): StoreAdapter {
  let seq = 0;
  let txTime: string | undefined;
  const submissions = new Map<string, SubmissionRow>();
  /** entity\0key -> department\0system -> fact */
  const facts = new Map<string, Map<string, FactRow>>();
  /** entity\0department\0system -> keys */
  const factKeys = new Map<string, Set<string>>();
  const golden = new Map<string, GoldenRow>();
  const byKey = new Map<string, string>();
  const log: VersionRow[] = [];
  const versionsOf = new Map<string, VersionRow[]>();
  const corrections = new Map<string, Correction>();
  let undo: Array<() => void> | undefined;
  let open = true;

  const reads: StoreReads = {
    async lastSeq() {
      return seq;
    },
    async lastTxTime() {
      return txTime;
    },
    async submission(id) {
      return structuredClone(submissions.get(id));
    },
    async facts(entity, keys) {
      const out: FactRow[] = [];
      for (const key of new Set(keys))
        for (const f of facts.get(k2(entity, key))?.values() ?? []) out.push(f);
      return structuredClone(out);
    },
    async golden(id) {
      return structuredClone(golden.get(id));
    },
    async goldenByKeys(entity, keys) {
      const out: GoldenRow[] = [];
      for (const key of new Set(keys)) {
        const id = byKey.get(k2(entity, key));
        if (id) out.push(golden.get(id)!);
      }
      return structuredClone(out);
    },
    async scan(q, after, limit) {
      const rows = [...golden.values()].filter((g) => !g.withdrawn && g.id > after && matches(g, q));
      rows.sort((a, b) => (a.id < b.id ? -1 : 1));
      return structuredClone(rows.slice(0, limit));
    },
    async scanAsOf(q, at, after, limit) {
      const rows: GoldenRow[] = [];
      for (const [id, vs] of versionsOf) {
        if (id <= after) continue;
        let v: VersionRow | undefined;
        for (const x of vs) if (x.seq <= at) v = x;
        if (v && !v.withdrawn && matches(v, q)) rows.push(current(v));
      }
      rows.sort((a, b) => (a.id < b.id ? -1 : 1));
      return structuredClone(rows.slice(0, limit));
    },
    async count(q) {
      let n = 0;
      for (const g of golden.values()) if (!g.withdrawn && matches(g, q)) n++;
      return n;
    },
    async versions(id) {
      return structuredClone(versionsOf.get(id) ?? []);
    },
    async changes(since, entity, limit) {
      // The log is in sequence order: binary search for the first version after `since`.
      let lo = 0;
      let hi = log.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (log[mid]!.seq <= since) lo = mid + 1;
        else hi = mid;
      }
      const out: VersionRow[] = [];
      for (let i = lo; i < log.length && out.length < limit; i++)
        if (entity === undefined || log[i]!.entity === entity) out.push(log[i]!);
      return structuredClone(out);
    },
    async seqAt(t) {
      let n = 0;
      for (const v of log) if (v.txTime <= t) n = v.seq;
      return n;
    },
    async correction(id) {
      return structuredClone(corrections.get(id));
    },
    async corrections(q) {
      const out = [...corrections.values()].filter(
        (c) =>
          (q.golden === undefined || c.golden === q.golden) &&
          (q.department === undefined || c.filedBy === q.department || c.routedTo === q.department),
      );
      return structuredClone(out.sort((a, b) => a.filedSeq - b.filedSeq));
    },
  };

  const remember = (fn: () => void) => undo!.push(fn);
  const setMap = <K, V>(m: Map<K, V>, k: K, v: V) => {
    const had = m.has(k);
    const old = m.get(k);
    m.set(k, v);
    remember(() => (had ? m.set(k, old as V) : m.delete(k)));
  };
  const delMap = <K, V>(m: Map<K, V>, k: K) => {
    if (!m.has(k)) return;
    const old = m.get(k) as V;
    m.delete(k);
    remember(() => m.set(k, old));
  };
  const factKeySet = (f: FactRow) => {
    const id = k3(f.entity, f.department, f.system);
    let s = factKeys.get(id);
    if (!s) {
      s = new Set();
      setMap(factKeys, id, s);
    }
    return s;
  };

  const writes: StoreWrites = {
    ...reads,
    async setClock(s, t) {
      const [os, ot] = [seq, txTime];
      seq = s;
      txTime = t;
      remember(() => {
        seq = os;
        txTime = ot;
      });
    },
    async putSubmission(row) {
      setMap(submissions, row.id, structuredClone(row));
    },
    async putFacts(rows) {
      for (const f of rows) {
        const gk = k2(f.entity, f.key);
        let m = facts.get(gk);
        if (!m) {
          m = new Map();
          setMap(facts, gk, m);
        }
        setMap(m, k2(f.department, f.system), structuredClone(f));
        const s = factKeySet(f);
        if (!s.has(f.key)) {
          s.add(f.key);
          remember(() => s.delete(f.key));
        }
      }
    },
    async deleteFacts(rows) {
      for (const f of rows) {
        const m = facts.get(k2(f.entity, f.key));
        if (m) delMap(m, k2(f.department, f.system));
        const s = factKeys.get(k3(f.entity, f.department, f.system));
        if (s?.has(f.key)) {
          s.delete(f.key);
          remember(() => s.add(f.key));
        }
      }
    },
    async staleFacts(entity, department, system, submission) {
      const out: FactRow[] = [];
      for (const key of factKeys.get(k3(entity, department, system)) ?? []) {
        const f = facts.get(k2(entity, key))?.get(k2(department, system));
        if (f && f.submission !== submission) out.push(f);
      }
      return structuredClone(out);
    },
    async putVersions(rows) {
      for (const v of rows) {
        const copy = structuredClone(v);
        setMap(golden, v.id, current(copy));
        setMap(byKey, k2(v.entity, v.key), v.id);
        log.push(copy);
        remember(() => log.pop());
        let vs = versionsOf.get(v.id);
        if (!vs) {
          vs = [];
          setMap(versionsOf, v.id, vs);
        }
        vs.push(copy);
        const list = vs;
        remember(() => list.pop());
      }
    },
    async putCorrection(row) {
      setMap(corrections, row.id, structuredClone(row));
    },
  };

  let tail: Promise<unknown> = Promise.resolve();
  const guard = () => {
    if (!open) throw new GdsStoreError('GDS_STORE_BACKEND', '存储已关闭', 'the store is closed');
  };
  const waiting =
    <A extends unknown[], R>(fn: (...a: A) => Promise<R>) =>
    async (...a: A): Promise<R> => {
      guard();
      await tail;
      return fn(...a);
    };
  const wrapped = Object.fromEntries(
    Object.entries(reads).map(([k, fn]) => [k, waiting(fn as (...a: unknown[]) => Promise<unknown>)]),
  ) as unknown as StoreReads;

  return {
    kind: 'memory',
    ...wrapped,
    write<T>(fn: (tx: StoreWrites) => Promise<T>): Promise<T> {
      guard();
      const run = tail.then(async () => {
        const steps: Array<() => void> = [];
        undo = steps;
        try {
          const r = await fn(writes);
          undo = undefined;
          return r;
        } catch (e) {
          for (let i = steps.length - 1; i >= 0; i--) steps[i]!();
          undo = undefined;
          throw e;
        }
      });
      tail = run.catch(() => {});
      return run;
    },
    async close() {
      open = false;
    },
  };
}

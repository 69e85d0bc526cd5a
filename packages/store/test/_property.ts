// Acceptance property: for any sequence of department submissions (full and delta, repeats,
// withdrawals) the store's golden records equal the batch merge of the latest facts; replaying the
// change feed up to any sequence number equals getAsOf there; ingesting a submission twice is a no-op.
import { fc } from '@fast-check/vitest';
import { person as personStandard } from '@gds/schema';
import { type GoldenStore, mergeRecords, openStore, type StoreAdapter, type Submission } from '@gds/store';
import { expect } from 'vitest';
import { DIVISIONS, person, residentId, steppingClock, submission } from './_fixtures.js';

const DEPTS = ['public-security', 'grid-management', 'civil-affairs'] as const;

const arbRecord = (dept: string) =>
  fc
    .record({
      n: fc.integer({ min: 1, max: 6 }),
      name: fc.constantFrom('甲', '乙', '丙'),
      phone: fc.option(fc.constantFrom('13812345678', '13900000000'), { nil: undefined }),
      division: fc.constantFrom(...DIVISIONS),
    })
    .map((r) =>
      person(r.n, dept, { name: r.name, division: r.division, ...(r.phone ? { phone: r.phone } : {}) }),
    );

export const arbOp = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.constantFrom(...DEPTS).chain((dept) =>
      fc.record({
        kind: fc.constant('submit' as const),
        dept: fc.constant(dept),
        mode: fc.constantFrom('full' as const, 'delta' as const),
        records: fc.uniqueArray(arbRecord(dept), {
          maxLength: 5,
          selector: (r) => (r.identity as { number: string }).number,
        }),
        withdraw: fc.uniqueArray(fc.integer({ min: 1, max: 6 }), { maxLength: 2 }),
        day: fc.integer({ min: 1, max: 28 }),
      }),
    ),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('repeat' as const), which: fc.nat() }) },
);
export type Op = typeof arbOp extends fc.Arbitrary<infer T> ? T : never;

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

export async function checkProperty(adapter: StoreAdapter, ops: Op[]): Promise<void> {
  const store: GoldenStore = openStore(adapter, { now: steppingClock() });
  try {
    const done: Submission[] = [];
    const seen = new Set<string>();
    /** The model: department -> resident key -> the latest fact. */
    const facts = new Map<string, Map<string, { record: Record<string, unknown>; time: string }>>();
    for (const op of ops) {
      let sub: Submission;
      if (op.kind === 'repeat') {
        if (done.length === 0) continue;
        sub = done[op.which % done.length]!;
      } else {
        const exportedAt = `2026-06-${String(op.day).padStart(2, '0')}T00:00:00Z`;
        sub = submission(op.dept, op.records, {
          mode: op.mode,
          exportedAt,
          ...(op.mode === 'delta' && op.withdraw.length ? { withdraw: op.withdraw.map(residentId) } : {}),
        });
      }
      const before = await store.seq();
      const r = await store.ingest({ ...sub, records: [...(sub.records as unknown[])] });
      const id = r.submission;
      if (seen.has(id)) {
        expect(r.status).toBe('duplicate');
        expect(await store.seq()).toBe(before);
        continue;
      }
      expect(r.status).toBe('applied');
      seen.add(id);
      done.push(sub);
      let mine = facts.get(sub.department);
      if (!mine || sub.mode === 'full') {
        mine = new Map();
        facts.set(sub.department, mine);
      }
      for (const w of sub.withdraw ?? []) mine.delete(w);
      for (const rec of sub.records as Record<string, unknown>[])
        mine.set((rec.identity as { number: string }).number, { record: rec, time: sub.exportedAt });
    }
    // 1. Golden records equal the batch merge of the latest facts.
    const inputs = [...facts].flatMap(([department, m]) =>
      [...m.values()].map((f) => ({
        department,
        system: `${department}-sys`,
        time: f.time,
        records: [f.record],
      })),
    );
    const batch = mergeRecords(inputs, { standard: personStandard }).golden;
    const stored = (await all(store.scan({ entity: 'person' }))).sort((a, b) => (a.key < b.key ? -1 : 1));
    expect(
      stored.map((g) => ({ key: g.key, record: g.record, provenance: g.provenance, sources: g.sources })),
    ).toEqual(
      batch.map((g) => ({ key: g.key, record: g.record, provenance: g.provenance, sources: g.sources })),
    );
    // 2. Replaying the change feed up to any sequence number equals getAsOf there.
    const feed = await all(store.changes());
    const last = await store.seq();
    const ids = [...new Set(feed.map((c) => c.id))];
    const state = new Map<string, Record<string, unknown> | undefined>();
    let i = 0;
    for (let s = 0; s <= last; s++) {
      while (i < feed.length && feed[i]!.seq <= s) {
        const c = feed[i++]!;
        state.set(c.id, c.kind === 'withdrawn' ? undefined : c.record);
      }
      for (const id of ids) expect((await store.getAsOf(id, { seq: s }))?.record).toEqual(state.get(id));
    }
    // 3. Ingesting a submission again is a no-op.
    if (done.length > 0) {
      const again = await store.ingest({
        ...done[done.length - 1]!,
        records: [...(done[done.length - 1]!.records as unknown[])],
      });
      expect(again.status).toBe('duplicate');
      expect(await store.seq()).toBe(last);
    }
  } finally {
    await store.close();
  }
}

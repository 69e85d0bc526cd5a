// The one contract suite every StoreAdapter passes (unstorage's testDriver pattern): the same ingest,
// golden records, history, change feed, queries and corrections on memory, SQLite and PostgreSQL.

import { person as personStandard } from '@gds/schema';
import { GdsStoreError, type GoldenStore, mergeRecords, openStore, type StoreAdapter } from '@gds/store';
import { afterAll, describe, expect, it } from 'vitest';
import { DIVISIONS, person, residentId, steppingClock, submission } from './_fixtures.js';

export interface AdapterHarness {
  /** A fresh, empty adapter. */
  create(): Promise<StoreAdapter>;
  /** A new handle on the same data (after the old one is closed), when the adapter persists. */
  reopen?(adapter: StoreAdapter): Promise<StoreAdapter>;
  cleanup?(): Promise<void>;
}

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

const police = (ns: number[], extra: (n: number) => Parameters<typeof person>[2] = () => ({})) =>
  ns.map((n) =>
    person(n, 'public-security', { division: '110101001001', detail: `胡同${n}号`, ...extra(n) }),
  );
const grid = (ns: number[], extra: (n: number) => Parameters<typeof person>[2] = () => ({})) =>
  ns.map((n) => person(n, 'grid-management', { name: `居民${n}x`, phone: '13812345678', ...extra(n) }));
const civil = (ns: number[]) =>
  ns.map((n) => person(n, 'civil-affairs', { division: '110101001002', maritalStatus: '20' }));

export function storeContract(name: string, h: AdapterHarness): void {
  describe(`StoreAdapter contract: ${name}`, () => {
    afterAll(async () => {
      await h.cleanup?.();
    });
    const open = async (): Promise<GoldenStore> => openStore(await h.create(), { now: steppingClock() });

    it('starts empty', async () => {
      const s = await open();
      expect(await s.seq()).toBe(0);
      expect(await s.count({ entity: 'person' })).toBe(0);
      expect(await all(s.changes())).toEqual([]);
      expect(await s.find('person', residentId(1))).toBeUndefined();
      await s.close();
    });

    it('ingests departments into golden records equal to the batch merge, with per-field provenance', async () => {
      const s = await open();
      const subs = [
        submission('public-security', police([1, 2, 3])),
        submission('grid-management', grid([2, 3, 4]), { exportedAt: '2026-06-02T00:00:00Z' }),
        submission('civil-affairs', civil([3]), { mode: 'delta', exportedAt: '2026-06-03T00:00:00Z' }),
      ];
      for (const sub of subs) expect((await s.ingest(sub)).status).toBe('applied');
      const batch = mergeRecords(
        subs.map((x) => ({
          department: x.department,
          system: x.system,
          time: x.exportedAt,
          records: x.records as unknown[],
        })),
        { standard: personStandard },
      );
      const stored = await all(s.scan({ entity: 'person' }));
      expect(stored).toHaveLength(4);
      const byKey = new Map(stored.map((g) => [g.key, g]));
      for (const g of batch.golden) {
        const got = byKey.get(g.key)!;
        expect({ record: got.record, provenance: got.provenance, sources: got.sources }).toEqual({
          record: g.record,
          provenance: g.provenance,
          sources: g.sources,
        });
      }
      const three = (await s.find('person', residentId(3)))!;
      expect(three.record.name).toBe('居民3');
      expect(three.provenance['/name']!.department).toBe('public-security');
      expect(three.provenance['/phone']!.department).toBe('grid-management');
      expect(three.provenance['/residence/divisionCode']!.department).toBe('civil-affairs');
      expect(three.division).toBe('110101001002');
      // A department's own record id is source data, never a field of the golden record.
      expect(three.record.id).toBeUndefined();
      expect(await s.get(three.id)).toEqual(three);
      expect(await s.find('person', residentId(3).toLowerCase())).toEqual(three);
      expect(await s.count({ entity: 'person' })).toBe(4);
      expect(await s.count({ entity: 'person', division: '110101001002' })).toBe(1);
      expect(await s.count({ entity: 'person', division: '110101001001' })).toBe(2);
      expect((await all(s.scan({ entity: 'person', division: '110101' }))).map((g) => g.key).sort()).toEqual(
        [1, 2, 3].map(residentId),
      );
      expect(await s.count({ entity: 'organization' })).toBe(0);
      await s.close();
    });

    it('ingesting the same submission twice changes nothing', async () => {
      const s = await open();
      const sub = submission('public-security', police([1, 2]));
      const first = await s.ingest(sub);
      expect(first).toMatchObject({ status: 'applied', created: 2, records: 2 });
      const seq = await s.seq();
      const again = await s.ingest(submission('public-security', police([1, 2])));
      expect(again).toMatchObject({ status: 'duplicate', submission: first.submission });
      expect(await s.seq()).toBe(seq);
      // A new export with the same content changes no golden record either.
      const same = await s.ingest(
        submission('public-security', police([1, 2]), {
          exportedAt: '2026-06-01T00:00:00Z',
          fileSha256: 'a'.repeat(64),
        }),
      );
      expect(same).toMatchObject({ status: 'applied', created: 0, updated: 0 });
      expect(await s.seq()).toBe(seq);
      await s.close();
    });

    it("a full export withdraws the department's own facts it no longer carries, never another's", async () => {
      const s = await open();
      await s.ingest(submission('public-security', police([1, 2])));
      await s.ingest(submission('grid-management', grid([2]), { exportedAt: '2026-06-02T00:00:00Z' }));
      const r = await s.ingest(
        submission('public-security', police([1]), { exportedAt: '2026-06-05T00:00:00Z' }),
      );
      // Resident 1's facts are newer (their time changed); resident 2 lost the police's facts.
      expect(r).toMatchObject({ status: 'applied', withdrawn: 1, updated: 2, removed: 0 });
      const two = (await s.find('person', residentId(2)))!;
      // Grid management's facts remain: its name fills the gap the police left.
      expect(two.record.name).toBe('居民2x');
      expect(two.sources.map((x) => x.department)).toEqual(['grid-management']);
      // Grid management withdraws too (a delta listing it): the golden record is withdrawn.
      const w = await s.ingest(
        submission('grid-management', [], {
          mode: 'delta',
          withdraw: [residentId(2)],
          exportedAt: '2026-06-06T00:00:00Z',
        }),
      );
      expect(w).toMatchObject({ withdrawn: 1, removed: 1 });
      expect(await s.find('person', residentId(2))).toBeUndefined();
      expect(await s.get(two.id)).toBeUndefined();
      expect(await s.count({ entity: 'person' })).toBe(1);
      const feed = await all(s.changes({ since: 0 }));
      expect(feed.map((c) => c.kind)).toEqual([
        'created',
        'created',
        'updated',
        'updated',
        'updated',
        'withdrawn',
      ]);
      await s.close();
    });

    it('history lists field-level changes with provenance; getAsOf and as-of scans answer for any time', async () => {
      const s = await open();
      await s.ingest(submission('public-security', police([1])));
      const g1 = (await s.find('person', residentId(1)))!;
      await s.ingest(submission('grid-management', grid([1]), { exportedAt: '2026-06-02T00:00:00Z' }));
      await s.ingest(
        submission(
          'public-security',
          police([1], () => ({ name: '新名字' })),
          { exportedAt: '2026-06-09T00:00:00Z' },
        ),
      );
      const hist = await s.history(g1.id);
      expect(hist.map((x) => x.kind)).toEqual(['created', 'updated', 'updated']);
      const last = hist[2]!;
      expect(last.kind === 'updated' && last.changes).toEqual([
        {
          path: '/name',
          before: '居民1',
          after: '新名字',
          provenance: {
            department: 'public-security',
            system: 'public-security-sys',
            recordId: 'pu-1',
            time: '2026-06-09T00:00:00Z',
          },
        },
      ]);
      const second = hist[1]!;
      expect(second.kind === 'updated' && second.changes.map((c) => c.path)).toEqual(['/phone']);
      expect((await s.getAsOf(g1.id, { seq: hist[0]!.seq }))!.record).toEqual(g1.record);
      expect((await s.getAsOf(g1.id, hist[1]!.txTime))!.record.phone).toBe('13812345678');
      expect((await s.getAsOf(g1.id, hist[1]!.txTime))!.record.name).toBe('居民1');
      expect(await s.getAsOf(g1.id, '2020-01-01T00:00:00Z')).toBeUndefined();
      expect((await s.getAsOf(g1.id, new Date()))!.record.name).toBe('新名字');
      const asOf = await all(s.scan({ entity: 'person', asOf: { seq: hist[0]!.seq } }));
      expect(asOf.map((g) => g.record)).toEqual([g1.record]);
      expect(await all(s.scan({ entity: 'person', asOf: '2020-01-01T00:00:00Z' }))).toEqual([]);
      await s.close();
    });

    it('the change feed is resumable from any sequence number and filters by entity', async () => {
      const s = await open();
      await s.ingest(submission('public-security', police([1, 2, 3])));
      await s.ingest(submission('grid-management', grid([3, 4]), { exportedAt: '2026-06-02T00:00:00Z' }));
      const feed = await all(s.changes());
      expect(feed.map((c) => c.seq)).toEqual([1, 2, 3, 4, 5]);
      expect(feed.map((c) => c.kind)).toEqual(['created', 'created', 'created', 'updated', 'created']);
      for (let i = 0; i <= feed.length; i++)
        expect(await all(s.changes({ since: i }))).toEqual(feed.slice(i));
      expect(await all(s.changes({ entity: 'organization' }))).toEqual([]);
      expect(await all(s.changes({ entity: 'person', since: 3 }))).toEqual(feed.slice(3));
      await expect(all(s.changes({ since: -1 }))).rejects.toMatchObject({ code: 'GDS_STORE_INVALID_INPUT' });
      await s.close();
    });

    it('refuses a submission with an invalid record whole, with its issues, and changes nothing', async () => {
      const s = await open();
      await s.ingest(submission('public-security', police([1, 2])));
      const before = await all(s.scan({ entity: 'person' }));
      const seq = await s.seq();
      const bad = police([1, 2, 5]);
      (bad[2]!.identity as { number: string }).number = '110101199003070001';
      bad[0]!.name = '改了';
      const r = await s.ingest(submission('public-security', bad, { exportedAt: '2026-06-03T00:00:00Z' }));
      expect(r.status).toBe('refused');
      expect(r.refusedCount).toBe(1);
      expect(r.refused[0]).toMatchObject({ index: 3, recordId: 'pu-5' });
      expect(r.refused[0]!.issues.some((i) => i.severity === 'error')).toBe(true);
      expect(await all(s.scan({ entity: 'person' }))).toEqual(before);
      expect(await s.seq()).toBe(seq);
      // A refused submission is not remembered: once mended, it is applied.
      bad[2] = person(5, 'public-security');
      expect(
        (await s.ingest(submission('public-security', bad, { exportedAt: '2026-06-03T00:00:00Z' }))).status,
      ).toBe('applied');
      await s.close();
    });

    it('bad submissions are typed errors with bilingual messages, and change nothing', async () => {
      const s = await open();
      const code = async (p: Promise<unknown>) => {
        const e = await p.catch((x) => x);
        expect(e).toBeInstanceOf(GdsStoreError);
        expect((e as GdsStoreError).messageZh).toMatch(/[\u4e00-\u9fff]/);
        expect((e as GdsStoreError).messageEn).toMatch(/[a-z]/);
        return (e as GdsStoreError).code;
      };
      const ok = police([1]);
      expect(await code(s.ingest(submission('public-security', ok, { standard: 'spaceship' })))).toBe(
        'GDS_STORE_UNKNOWN_STANDARD',
      );
      expect(await code(s.ingest(submission('public-security', ok, { version: '9.9.9' })))).toBe(
        'GDS_STORE_UNKNOWN_STANDARD',
      );
      expect(await code(s.ingest(submission('tax-bureau', ok)))).toBe('GDS_STORE_NOT_A_SOURCE');
      expect(await code(s.ingest(submission('public-security', ok, { fileSha256: 'nope' })))).toBe(
        'GDS_STORE_INVALID_INPUT',
      );
      expect(await code(s.ingest(submission('public-security', ok, { exportedAt: 'yesterday' })))).toBe(
        'GDS_STORE_INVALID_INPUT',
      );
      expect(await code(s.ingest(submission('public-security', ok, { withdraw: ['x'] })))).toBe(
        'GDS_STORE_INVALID_INPUT',
      );
      // A delta from a department that is nobody's source fills gaps: allowed.
      expect((await s.ingest(submission('tax-bureau', ok, { mode: 'delta' }))).status).toBe('applied');
      const g = (await s.find('person', residentId(1)))!;
      expect(
        await code(
          s.fileCorrection({
            golden: g.id,
            path: '/nickname',
            value: 'x',
            department: 'tax-bureau',
            reason: 'r',
          }),
        ),
      ).toBe('GDS_STORE_UNKNOWN_FIELD');
      expect(
        await code(
          s.fileCorrection({
            golden: 'gnope',
            path: '/name',
            value: 'x',
            department: 'tax-bureau',
            reason: 'r',
          }),
        ),
      ).toBe('GDS_STORE_NOT_FOUND');
      expect(await s.seq()).toBe(1);
      await s.close();
    });

    it('a submission that fails while it is read is applied not at all', async () => {
      const s = await open();
      await s.ingest(submission('public-security', police([1])));
      const seq = await s.seq();
      async function* failing() {
        for (const r of police([1, 2, 3], () => ({ name: '新' }))) yield r;
        throw new Error('the export file went away');
      }
      const sub = {
        ...submission('public-security', []),
        records: failing(),
        exportedAt: '2026-06-02T00:00:00Z',
      };
      await expect(s.ingest(sub)).rejects.toThrow('went away');
      expect(await s.seq()).toBe(seq);
      expect((await s.find('person', residentId(1)))!.record.name).toBe('居民1');
      expect(await s.find('person', residentId(2))).toBeUndefined();
      await s.close();
    });

    it('a correction is routed to the authoritative department, which accepts or rejects it', async () => {
      const s = await open();
      await s.ingest(submission('public-security', police([1])));
      await s.ingest(submission('grid-management', grid([1]), { exportedAt: '2026-06-02T00:00:00Z' }));
      const g = (await s.find('person', residentId(1)))!;
      const filed = await s.fileCorrection({
        golden: g.id,
        path: '/name',
        value: '居民壹',
        department: 'grid-management',
        reason: '入户核实，姓名登记有误',
      });
      expect(filed).toMatchObject({ routedTo: 'public-security', status: 'pending', current: '居民1' });
      const wrongDept = await s
        .decideCorrection(filed.id, { department: 'grid-management', accept: true, reason: 'x' })
        .catch((e) => e);
      expect(wrongDept).toMatchObject({ code: 'GDS_STORE_CORRECTION_STATE' });
      const accepted = await s.decideCorrection(filed.id, {
        department: 'public-security',
        accept: true,
        reason: '核对户籍底册属实',
      });
      expect(accepted.status).toBe('accepted');
      const after = (await s.get(g.id))!;
      expect(after.record.name).toBe('居民壹');
      expect(after.provenance['/name']).toMatchObject({
        department: 'public-security',
        system: 'gds:correction',
        recordId: filed.id,
      });
      const twice = await s
        .decideCorrection(filed.id, { department: 'public-security', accept: false, reason: 'x' })
        .catch((e) => e);
      expect(twice).toMatchObject({ code: 'GDS_STORE_CORRECTION_STATE' });

      const second = await s.fileCorrection({
        golden: g.id,
        path: '/residence/divisionCode',
        value: '110101002001',
        department: 'public-security',
        reason: '已迁居',
      });
      expect(second.routedTo).toBe('civil-affairs');
      const rejected = await s.decideCorrection(second.id, {
        department: 'civil-affairs',
        accept: false,
        reason: '未办理迁移登记',
      });
      expect(rejected).toMatchObject({ status: 'rejected', decisionReason: '未办理迁移登记' });
      expect((await s.get(g.id))!.record).toEqual(after.record);

      const hist = await s.history(g.id);
      expect(hist.map((x) => x.kind)).toEqual([
        'created',
        'updated',
        'correction-filed',
        'correction-accepted',
        'updated',
        'correction-filed',
        'correction-rejected',
      ]);
      const change = hist[4]!;
      expect(change.kind === 'updated' && change.submission).toBe(`correction:${filed.id}`);
      expect((await s.corrections({ department: 'civil-affairs' })).map((c) => c.id)).toEqual([second.id]);
      expect((await s.corrections({ department: 'public-security' })).map((c) => c.id)).toEqual([
        filed.id,
        second.id,
      ]);
      expect((await s.corrections({ golden: g.id })).map((c) => c.status)).toEqual(['accepted', 'rejected']);
      // A later export of the source department supersedes the accepted correction (it is newer).
      await s.ingest(
        submission(
          'public-security',
          police([1], () => ({ name: '居民一' })),
          { exportedAt: '2030-01-01T00:00:00Z' },
        ),
      );
      expect((await s.get(g.id))!.record.name).toBe('居民一');
      await s.close();
    });

    if (h.reopen) {
      it('keeps everything across a reopen', async () => {
        const adapter = await h.create();
        const s = openStore(adapter, { now: steppingClock() });
        await s.ingest(submission('public-security', police([1, 2])));
        const feed = await all(s.changes());
        const rows = await all(s.scan({ entity: 'person' }));
        await s.close();
        const again = openStore(await h.reopen!(adapter), { now: steppingClock() });
        expect(await all(again.changes())).toEqual(feed);
        expect(await all(again.scan({ entity: 'person' }))).toEqual(rows);
        expect((await again.ingest(submission('public-security', police([1, 2])))).status).toBe('duplicate');
        // Times never go backwards, even with a clock behind the stored ones.
        await again.ingest(submission('grid-management', grid([1]), { exportedAt: '2026-06-02T00:00:00Z' }));
        const last = (await all(again.changes({ since: 2 })))[0]!;
        expect(last.txTime >= feed[1]!.txTime).toBe(true);
        await again.close();
      });
    }

    it('scans stream page by page', async () => {
      const s = await open();
      const records = Array.from({ length: 2100 }, (_, i) =>
        person(i, 'public-security', { division: DIVISIONS[i % 3]! }),
      );
      const r = await s.ingest(submission('public-security', records));
      expect(r).toMatchObject({ status: 'applied', created: 2100 });
      const rows = await all(s.scan({ entity: 'person' }));
      expect(rows).toHaveLength(2100);
      expect(rows.map((g) => g.id)).toEqual(rows.map((g) => g.id).sort());
      expect(await all(s.changes({ since: 1500 }))).toHaveLength(600);
      await s.close();
    });
  });
}

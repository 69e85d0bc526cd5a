// PostgreSQL: a real server from GDS_PG_URL (.ci/run starts one and sets GDS_REQUIRE_PG=1). Every
// store gets its own schema (gds_store_t<pid>_<n>), dropped afterwards, so runs never collide with
// each other or with the ledger's tables.
import { fc, test as propTest } from '@fast-check/vitest';
import { person as personStandard } from '@gds/schema';
import { mergeRecords, openStore, type StoreAdapter } from '@gds/store';
import { createPostgresAdapter } from '@gds/store/postgres';
import { describe, expect, it } from 'vitest';
import { storeContract } from './_contract.js';
import { feedSubmission } from './_fixtures.js';
import { arbOp, checkProperty } from './_property.js';
import { buildWorker, runWorker } from './_worker.js';

const pgUrl = process.env.GDS_PG_URL;
if (!pgUrl && process.env.GDS_REQUIRE_PG === '1') {
  describe('StoreAdapter contract: postgres', () => {
    it('needs GDS_PG_URL (GDS_REQUIRE_PG=1)', () => {
      throw new Error('GDS_REQUIRE_PG=1 but GDS_PG_URL is not set');
    });
  });
} else if (!pgUrl) {
  describe.skip('StoreAdapter contract: postgres (skipped: GDS_PG_URL not set)', () => {
    it('needs a server', () => {});
  });
} else {
  const run = `t${process.pid}_${Date.now().toString(36)}`;
  const created: string[] = [];
  const schemas = new WeakMap<StoreAdapter, string>();
  let k = 0;
  const fresh = () => {
    const schema = `gds_store_${run}_${k++}`;
    created.push(schema);
    return schema;
  };
  const drop = async () => {
    const pg = (await import('pg')).default;
    const client = new pg.Client({ connectionString: pgUrl });
    await client.connect();
    for (const s of created.splice(0)) await client.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
    await client.end();
  };
  storeContract('postgres', {
    create: async () => {
      const schema = fresh();
      const a = createPostgresAdapter({ connectionString: pgUrl, schema });
      schemas.set(a, schema);
      return a;
    },
    reopen: async (a) => createPostgresAdapter({ connectionString: pgUrl, schema: schemas.get(a)! }),
    cleanup: drop,
  });

  describe('postgres: more', () => {
    propTest.prop([fc.array(arbOp, { maxLength: 8 })], { numRuns: 6 })(
      'golden records equal the batch merge of the latest facts; history replays; repeats are no-ops',
      async (ops) => {
        await checkProperty(createPostgresAdapter({ connectionString: pgUrl, schema: fresh() }), ops);
      },
    );

    it('two concurrent ingest processes for two departments give the same golden records as sequential', {
      timeout: 120_000,
    }, async () => {
      const worker = await buildWorker();
      const concurrent = fresh();
      const ROUNDS = 5;
      const acks = await Promise.all(
        ['public-security', 'grid-management'].map((d) =>
          runWorker(worker, ['postgres', pgUrl, concurrent, d, '0', String(ROUNDS - 1)]),
        ),
      );
      for (const a of acks) expect(a).toEqual(Array.from({ length: ROUNDS }, (_, i) => `ack ${i} applied`));
      const sequential = fresh();
      const seqStore = openStore(createPostgresAdapter({ connectionString: pgUrl, schema: sequential }));
      for (const d of ['grid-management', 'public-security'])
        for (let i = 0; i < ROUNDS; i++) await seqStore.ingest(feedSubmission(d, i));
      const conStore = openStore(createPostgresAdapter({ connectionString: pgUrl, schema: concurrent }));
      const state = async (s: typeof seqStore) => {
        const out: unknown[] = [];
        for await (const g of s.scan({ entity: 'person' }))
          out.push({ id: g.id, key: g.key, record: g.record, provenance: g.provenance, sources: g.sources });
        return out;
      };
      const a = await state(conStore);
      expect(a).toEqual(await state(seqStore));
      // And both equal the batch merge of every department's latest facts.
      const latest = new Map<
        string,
        { department: string; system: string; time: string; records: unknown[] }
      >();
      for (const d of ['public-security', 'grid-management'])
        for (let i = 0; i < ROUNDS; i++) {
          const sub = feedSubmission(d, i);
          for (const r of sub.records as Record<string, unknown>[])
            latest.set(`${d}|${(r.identity as { number: string }).number}`, {
              department: d,
              system: sub.system!,
              time: sub.exportedAt,
              records: [r],
            });
        }
      const batch = mergeRecords([...latest.values()], { standard: personStandard }).golden;
      expect(a).toHaveLength(batch.length);
      // The change feed of the concurrent store has no gaps and no repeats.
      const seqs: number[] = [];
      for await (const c of conStore.changes()) seqs.push(c.seq);
      expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
      expect(new Set(seqs).size).toBe(seqs.length);
      await conStore.close();
      await seqStore.close();
      await drop();
    });
  });
}

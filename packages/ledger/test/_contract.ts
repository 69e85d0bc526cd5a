// The one contract suite every LogStore passes (unstorage's testDriver pattern): the same appends,
// roots, proofs, conflicts and checkpoints on memory, SQLite and PostgreSQL.
import {
  GdsLedgerError,
  generateNoteKey,
  Log,
  type LogStore,
  MerkleTree,
  noteSignerFromKey,
  noteVerifierFromKey,
  verifyConsistency,
  verifyInclusion,
  verifyLog,
} from '@gds/ledger';
import { afterAll, describe, expect, it } from 'vitest';

export interface StoreHarness {
  /** A fresh, empty store. */
  create(): Promise<LogStore>;
  /** A second handle on the same data as `store` (after close), when the store persists. */
  reopen?(store: LogStore): Promise<LogStore>;
  /** Another live handle on the same data, for concurrent writers. */
  share?(store: LogStore): Promise<LogStore>;
  cleanup?(): Promise<void>;
}

const entry = (i: number) => {
  const e = new Uint8Array(32);
  new DataView(e.buffer).setUint32(0, i);
  e[31] = 0x5a;
  return e;
};

export function storeContract(name: string, h: StoreHarness): void {
  describe(`LogStore contract: ${name}`, () => {
    afterAll(async () => {
      await h.cleanup?.();
    });

    it('starts empty', async () => {
      const log = await Log.open(await h.create());
      expect(log.size).toBe(0);
      expect(await log.rootHash()).toEqual(new MerkleTree().root());
      expect(await log.latestCheckpoint()).toBeUndefined();
      await log.close();
    });

    it('appends in batches and proves exactly as the in-memory tree', async () => {
      const log = await Log.open(await h.create());
      const tree = new MerkleTree();
      let i = 0;
      for (const n of [1, 2, 5, 1, 16, 33, 7]) {
        const batch = Array.from({ length: n }, () => entry(i++));
        const r = await log.appendBatch(batch);
        for (const e of batch) tree.append(e);
        expect(r.size).toBe(tree.size);
        expect(r.rootHash).toEqual(tree.root());
      }
      for (const size of [1, 2, 3, 8, 9, 31, 64, tree.size]) {
        expect(await log.rootHash(size)).toEqual(tree.root(size));
        for (const index of [0, Math.floor(size / 2), size - 1]) {
          const proof = await log.inclusionProof(index, size);
          expect(proof).toEqual(tree.inclusionProof(index, size));
          expect(verifyInclusion(index, size, await log.leafHash(index), proof, tree.root(size)).valid).toBe(
            true,
          );
        }
        const cp = await log.consistencyProof(size, tree.size);
        expect(cp).toEqual(tree.consistencyProof(size, tree.size));
        expect(verifyConsistency(size, tree.size, cp, tree.root(size), tree.root()).valid).toBe(true);
      }
      expect(await log.entries(3, 6)).toEqual([entry(3), entry(4), entry(5)]);
      await log.close();
    });

    it('refuses a batch that does not start at its size, atomically', async () => {
      const store = await h.create();
      const log = await Log.open(store);
      await log.appendBatch([entry(0), entry(1)]);
      const err = await store
        .append({ start: 1, entries: [entry(9)], leafHashes: [new Uint8Array(32)], nodes: [] })
        .catch((e) => e);
      expect(err).toBeInstanceOf(GdsLedgerError);
      expect((err as GdsLedgerError).code).toBe('GDS_LEDGER_CONFLICT');
      expect(await store.size()).toBe(2);
      expect(await store.readEntries(0, 5)).toEqual([entry(0), entry(1)]);
      await log.close();
    });

    it('keeps checkpoints, the largest size as latest, replaced at equal size', async () => {
      const store = await h.create();
      await store.putCheckpoint({ size: 2, note: 'two' });
      await store.putCheckpoint({ size: 1, note: 'one' });
      expect(await store.latestCheckpoint()).toEqual({ size: 2, note: 'two' });
      await store.putCheckpoint({ size: 2, note: 'two, cosigned' });
      expect(await store.latestCheckpoint()).toEqual({ size: 2, note: 'two, cosigned' });
      await store.close();
    });

    it('rejects use after close with GDS_LEDGER_STORE', async () => {
      const store = await h.create();
      await store.close();
      await expect(store.size()).rejects.toMatchObject({ code: 'GDS_LEDGER_STORE' });
    });

    it.skipIf(!h.reopen)('reopens with the same tree', async () => {
      const store = await h.create();
      const log = await Log.open(store);
      await log.appendBatch(Array.from({ length: 21 }, (_, i) => entry(i)));
      const root = await log.rootHash();
      await log.close();
      const again = await Log.open(await h.reopen!(store));
      expect(again.size).toBe(21);
      expect(await again.rootHash()).toEqual(root);
      await again.appendBatch([entry(21)]);
      const tree = new MerkleTree();
      for (let i = 0; i < 22; i++) tree.append(entry(i));
      expect(await again.rootHash()).toEqual(tree.root());
      await again.close();
    });

    it.skipIf(!h.share)('serialises concurrent writers on one store', async () => {
      const store = await h.create();
      const a = await Log.open(store);
      const b = await Log.open(await h.share!(store));
      const writes: Promise<unknown>[] = [];
      for (let i = 0; i < 10; i++) {
        writes.push(a.appendBatch([entry(1000 + i), entry(2000 + i)]));
        writes.push(b.appendBatch([entry(3000 + i)]));
      }
      await Promise.all(writes);
      await a.refresh();
      expect(a.size).toBe(30);
      const all = await a.entries(0, 30);
      const tree = new MerkleTree();
      for (const e of all) tree.append(e);
      expect(await a.rootHash()).toEqual(tree.root());
      expect(new Set(all.map((e) => Buffer.from(e).toString('hex'))).size).toBe(30);
      await a.close();
      await b.close().catch(() => undefined);
    });

    it('verifyLog: a signed log verifies; a tail appended without the key is reported', async () => {
      const keys = await generateNoteKey('contract.example/log');
      const verifier = noteVerifierFromKey(keys.verifierKey);
      const store = await h.create();
      const empty = await verifyLog(store, { verifier });
      expect(empty.valid ? [] : empty.issues.map((i) => i.code)).toEqual(['GDS_LEDGER_LOG_EMPTY']);
      const log = await Log.open(store, { signer: await noteSignerFromKey(keys.signerKey) });
      await log.signCheckpoint();
      await log.appendBatch([entry(1), entry(2), entry(3)]);
      expect((await verifyLog(store, { verifier })).valid).toBe(true);
      await log.appendBatch([entry(4)], { checkpoint: false });
      const r = await verifyLog(store, { verifier });
      expect(r.valid ? [] : r.issues.map((i) => i.code)).toEqual(['GDS_LEDGER_UNCHECKPOINTED_ENTRIES']);
      await log.close();
    });
  });
}

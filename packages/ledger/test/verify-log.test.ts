// verifyLog: every way of altering a stored log in silence has its own issue code. The forgeries are
// made the way an attacker with write access to the database would: SQL on the SQLite file, an emptied
// file, a database written by another log or without the log's key copied over the real one.
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import {
  generateNoteKey,
  type LedgerIssueCode,
  Log,
  MerkleTree,
  type NoteKeyPair,
  noteSignerFromKey,
  noteVerifierFromKey,
  verifyLog,
} from '@gds/ledger';
import { createMemoryStore } from '@gds/ledger/memory';
import { createSqliteStore } from '@gds/ledger/sqlite';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ORIGIN = 'county.example/population-log';
const entry = (i: number) => {
  const e = new Uint8Array(32);
  new DataView(e.buffer).setUint32(0, i);
  return e;
};

describe('verifyLog', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gds-verify-log-'));
  let keys: NoteKeyPair;
  let n = 0;
  beforeAll(async () => {
    keys = await generateNoteKey(ORIGIN);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A log as `gds log init` + appends leave it: signed at size 0, then one checkpoint per batch. */
  async function writeLog(batches: number[], key: NoteKeyPair | null = keys): Promise<string> {
    const path = join(dir, `log-${n++}.sqlite`);
    const log = await Log.open(
      createSqliteStore({ path }),
      key ? { signer: await noteSignerFromKey(key.signerKey) } : { origin: ORIGIN },
    );
    if (key) await log.signCheckpoint();
    let i = 0;
    for (const b of batches) await log.appendBatch(Array.from({ length: b }, () => entry(i++)));
    await log.close();
    return path;
  }

  async function verify(path: string) {
    const store = createSqliteStore({ path });
    try {
      return await verifyLog(store, { verifier: noteVerifierFromKey(keys.verifierKey) });
    } finally {
      await store.close();
    }
  }

  const codes = (r: Awaited<ReturnType<typeof verify>>): LedgerIssueCode[] =>
    r.valid ? [] : r.issues.map((i) => i.code);

  function sql(path: string, ...statements: string[]) {
    const db = new Database(path);
    for (const s of statements) db.exec(s);
    db.close();
  }

  it('a log as written verifies, at size 0 and after batches, with its root and checkpoint', async () => {
    const empty = await verify(await writeLog([]));
    expect(empty.valid).toBe(true);
    const r = await verify(await writeLog([1, 5, 64, 30]));
    expect(r.valid).toBe(true);
    const tree = new MerkleTree();
    for (let i = 0; i < 100; i++) tree.append(entry(i));
    if (r.valid) {
      expect(r.size).toBe(100);
      expect(r.rootHash).toEqual(tree.root());
      expect(r.checkpoint).toMatchObject({ origin: ORIGIN, size: 100 });
    }
  });

  it('every checkpoint deleted: GDS_LEDGER_NO_CHECKPOINT', async () => {
    const path = await writeLog([3, 4]);
    sql(path, 'DELETE FROM gds_log_checkpoints');
    const r = await verify(path);
    expect(codes(r)).toEqual(['GDS_LEDGER_NO_CHECKPOINT']);
    expect(r.valid || r.issue.messageZh).toContain('没有签名检查点');
    expect(r.valid || r.issue.messageEn).toBe('the log has 7 entries but no signed checkpoint');
  });

  it('entries beyond the last checkpoint: GDS_LEDGER_UNCHECKPOINTED_ENTRIES', async () => {
    const path = await writeLog([3, 4]);
    // Appended by someone without the key: no checkpoint over the new entries.
    const log = await Log.open(createSqliteStore({ path }), { origin: ORIGIN });
    await log.appendBatch([entry(100), entry(101)]);
    await log.close();
    const r = await verify(path);
    expect(codes(r)).toEqual(['GDS_LEDGER_UNCHECKPOINTED_ENTRIES']);
    expect(r.valid || r.issue.messageEn).toContain('2 entries beyond the last signed checkpoint');
  });

  it('the file emptied: GDS_LEDGER_LOG_EMPTY', async () => {
    const path = await writeLog([3, 4]);
    writeFileSync(path, '');
    rmSync(`${path}-wal`, { force: true });
    rmSync(`${path}-shm`, { force: true });
    const r = await verify(path);
    expect(codes(r)).toEqual(['GDS_LEDGER_LOG_EMPTY']);
    expect(r.valid || r.issue.messageZh).toContain('日志数据库为空');
  });

  it('a new empty database in its place: GDS_LEDGER_LOG_EMPTY', async () => {
    const r = await verifyLog(createMemoryStore(), { verifier: noteVerifierFromKey(keys.verifierKey) });
    expect(codes(r)).toEqual(['GDS_LEDGER_LOG_EMPTY']);
  });

  it("another log's database copied over it: GDS_LEDGER_ORIGIN_MISMATCH", async () => {
    const path = await writeLog([3, 4]);
    const other = await writeLog([5], await generateNoteKey('police.county.example/log'));
    copyFileSync(other, path);
    const r = await verify(path);
    expect(codes(r)).toEqual(['GDS_LEDGER_ORIGIN_MISMATCH']);
    expect(r.valid || r.issue.messageEn).toContain('origin is police.county.example/log');
  });

  it('replaced by a log written without the key, signed by another key of the same name: GDS_LEDGER_NOTE_UNVERIFIED', async () => {
    const path = await writeLog([3, 4]);
    copyFileSync(await writeLog([3, 4], await generateNoteKey(ORIGIN)), path);
    const r = await verify(path);
    expect(codes(r)).toEqual(['GDS_LEDGER_NOTE_UNVERIFIED']);
    expect(r.valid || r.issue.messageEn).toContain('the log was not written with this key');
  });

  it('replaced by a log written without any key: GDS_LEDGER_NO_CHECKPOINT', async () => {
    const path = await writeLog([3, 4]);
    copyFileSync(await writeLog([3, 4], null), path);
    expect(codes(await verify(path))).toEqual(['GDS_LEDGER_NO_CHECKPOINT']);
  });

  it('entries removed below the checkpoint: GDS_LEDGER_LOG_TRUNCATED', async () => {
    const path = await writeLog([100]); // rows of 64 entries: 0..63 and 64..99
    sql(path, 'DELETE FROM gds_log_chunks WHERE start = 64', 'UPDATE gds_log_meta SET size = 64');
    const r = await verify(path);
    expect(codes(r)).toEqual(['GDS_LEDGER_LOG_TRUNCATED']);
  });

  it('an entry edited: GDS_LEDGER_ROOT_MISMATCH and GDS_LEDGER_TREE_MISMATCH', async () => {
    const path = await writeLog([10]);
    const db = new Database(path);
    const row = db.prepare('SELECT start, entries FROM gds_log_chunks').get() as {
      start: number;
      entries: Buffer;
    };
    row.entries[row.entries.length - 1]! ^= 1;
    db.prepare('UPDATE gds_log_chunks SET entries = ? WHERE start = ?').run(row.entries, row.start);
    db.close();
    expect(codes(await verify(path))).toEqual(['GDS_LEDGER_ROOT_MISMATCH', 'GDS_LEDGER_TREE_MISMATCH']);
  });

  it('takes a Log as well as a store, and the origin to expect', async () => {
    const log = await Log.open(createMemoryStore(), { signer: await noteSignerFromKey(keys.signerKey) });
    await log.appendBatch([entry(1)]);
    const verifier = noteVerifierFromKey(keys.verifierKey);
    expect((await verifyLog(log, { verifier })).valid).toBe(true);
    expect(codes(await verifyLog(log, { verifier, origin: 'other.example/log' }))).toEqual([
      'GDS_LEDGER_ORIGIN_MISMATCH',
    ]);
  });

  // For any history of batches, the log verifies, and any tail appended without a checkpoint is reported.
  test.prop([fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 6 }), fc.integer({ min: 0, max: 5 })], {
    numRuns: 25,
  })('any batch history verifies; an unsigned tail of k > 0 entries is reported', async (batches, k) => {
    const log = await Log.open(createMemoryStore(), { signer: await noteSignerFromKey(keys.signerKey) });
    await log.signCheckpoint();
    let i = 0;
    for (const b of batches) await log.appendBatch(Array.from({ length: b }, () => entry(i++)));
    if (k > 0)
      await log.appendBatch(
        Array.from({ length: k }, () => entry(i++)),
        { checkpoint: false },
      );
    const r = await verifyLog(log, { verifier: noteVerifierFromKey(keys.verifierKey), step: 7 });
    expect(codes(r)).toEqual(k > 0 ? ['GDS_LEDGER_UNCHECKPOINTED_ENTRIES'] : []);
    expect(r.size).toBe(i);
  });
});

import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { closed, conflict, missingNode, storeFailure } from './_internal/storeErrors.js';
import { GdsLedgerError } from './errors.js';
import type { AppendBatch, LogStore, StoredCheckpoint } from './LogStore.js';

/**
 * Options of {@link createSqliteStore}.
 *
 * @example
 * ```ts
 * import type { SqliteStoreOptions } from '@gds/ledger/sqlite';
 * const options: SqliteStoreOptions = { path: './.gds/ledger.sqlite' };
 * ```
 */
export interface SqliteStoreOptions {
  /**
   * Database file; default `./.gds/ledger.sqlite`. A new file is created with mode 0600 and a missing
   * folder with mode 0700. `:memory:` works for tests.
   */
  path?: string;
  /**
   * `FULL` (default) makes an acknowledged append survive power loss; `NORMAL` survives a killed
   * process but may lose the last commits on power loss, for bulk loads that can be replayed.
   */
  synchronous?: 'FULL' | 'NORMAL';
}

const toU8 = (b: Buffer) => new Uint8Array(b.buffer, b.byteOffset, b.length);
/** Entries per row: a batch is stored as rows of up to this many consecutive entries. */
const CHUNK = 64;

/** Number of interior nodes leaf `i` completes: one per trailing 1 bit of its index. */
function completes(i: number): number {
  let k = 0;
  for (let x = i; x % 2 === 1; x = (x - 1) / 2) k++;
  return k;
}

/**
 * Rows of up to CHUNK consecutive entries. `entries` is a table of n + 1 little-endian u32 offsets
 * followed by the entry bytes; `hashes` is, per entry in order, its leaf hash then the hashes of the
 * interior nodes that leaf completes (levels 1, 2, ...). Every node is completed by exactly one leaf, so
 * the tree costs no extra rows, and a batch of 1000 entries is 16 inserts: per-row overhead, not
 * hashing or SQLite's B-tree, was what limited bulk appends.
 */
function packChunks(batch: AppendBatch): Array<[number, number, Uint8Array, Uint8Array]> {
  const out: Array<[number, number, Uint8Array, Uint8Array]> = [];
  const n = batch.entries.length;
  // Where each entry's hashes start within its chunk, so nodes can be placed as they arrive.
  const hashOffset = new Array<number>(n);
  const hashBlobs: Uint8Array[] = [];
  for (let c = 0; c < n; c += CHUNK) {
    const m = Math.min(CHUNK, n - c);
    let dataLen = 0;
    let hashLen = 0;
    for (let i = c; i < c + m; i++) {
      dataLen += batch.entries[i]!.length;
      hashOffset[i] = hashLen;
      hashLen += 32 * (1 + completes(batch.start + i));
    }
    const entries = new Uint8Array(4 * (m + 1) + dataLen);
    const view = new DataView(entries.buffer);
    let o = 0;
    for (let i = 0; i < m; i++) {
      view.setUint32(4 * i, o, true);
      entries.set(batch.entries[c + i]!, 4 * (m + 1) + o);
      o += batch.entries[c + i]!.length;
    }
    view.setUint32(4 * m, o, true);
    const hashes = new Uint8Array(hashLen);
    for (let i = 0; i < m; i++) hashes.set(batch.leafHashes[c + i]!, hashOffset[c + i]!);
    hashBlobs.push(hashes);
    out.push([batch.start + c, m, entries, hashes]);
  }
  for (const node of batch.nodes) {
    const leaf = (node.index + 1) * 2 ** node.level - 1 - batch.start;
    if (leaf < 0 || leaf >= n || node.level > completes(batch.start + leaf))
      throw missingNode(node.level, node.index);
    hashBlobs[Math.floor(leaf / CHUNK)]!.set(node.hash, hashOffset[leaf]! + 32 * node.level);
  }
  return out;
}

function chunkEntries(n: number, blob: Uint8Array): Uint8Array[] {
  const view = new DataView(blob.buffer, blob.byteOffset, blob.length);
  const base = 4 * (n + 1);
  const out: Uint8Array[] = [];
  for (let i = 0; i < n; i++) {
    out.push(blob.slice(base + view.getUint32(4 * i, true), base + view.getUint32(4 * (i + 1), true)));
  }
  return out;
}

/**
 * The embedded default {@link LogStore}: one SQLite file (better-sqlite3, WAL journal). Each batch is
 * one `BEGIN IMMEDIATE` transaction, so it is atomic, durable once acknowledged, and safe with several
 * processes on the same file (a batch started on a stale size is refused and the {@link Log} retries).
 *
 * @example
 * ```ts
 * import { Log } from '@gds/ledger';
 * import { createSqliteStore } from '@gds/ledger/sqlite';
 * const log = await Log.open(createSqliteStore({ path: './.gds/ledger.sqlite' }));
 * await log.appendBatch(entryHashes);
 * ```
 */
export function createSqliteStore(options: SqliteStoreOptions = {}): LogStore {
  const path = options.path ?? './.gds/ledger.sqlite';
  let db: Database.Database;
  try {
    if (path !== ':memory:') {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      // Created by us with mode 0600 (SQLite gives its -wal and -shm files the database's mode); an
      // existing file keeps the mode its owner gave it.
      try {
        closeSync(openSync(path, 'wx', 0o600));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
    }
    db = new Database(path);
    if (path !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous === 'NORMAL' ? 'NORMAL' : 'FULL'}`);
    db.pragma('busy_timeout = 10000');
    // Fewer WAL checkpoints (each one fsyncs the database file too) during bulk loads.
    db.pragma('wal_autocheckpoint = 16384');
    db.exec(`
      CREATE TABLE IF NOT EXISTS gds_log_meta (id INTEGER PRIMARY KEY CHECK (id = 0), size INTEGER NOT NULL);
      INSERT OR IGNORE INTO gds_log_meta (id, size) VALUES (0, 0);
      CREATE TABLE IF NOT EXISTS gds_log_chunks (start INTEGER PRIMARY KEY, n INTEGER NOT NULL,
        entries BLOB NOT NULL, hashes BLOB NOT NULL);
      CREATE TABLE IF NOT EXISTS gds_log_checkpoints (size INTEGER PRIMARY KEY, note TEXT NOT NULL);
    `);
  } catch (e) {
    throw storeFailure(`无法打开 SQLite 日志 ${path}`, `cannot open the SQLite log ${path}`, e);
  }
  const q = {
    size: db.prepare('SELECT size FROM gds_log_meta WHERE id = 0').pluck(),
    setSize: db.prepare('UPDATE gds_log_meta SET size = ? WHERE id = 0'),
    chunk: db.prepare('INSERT INTO gds_log_chunks (start, n, entries, hashes) VALUES (?, ?, ?, ?)'),
    chunkAt: db.prepare(
      'SELECT start, n, hashes FROM gds_log_chunks WHERE start <= ? ORDER BY start DESC LIMIT 1',
    ),
    chunksFrom: db.prepare(
      `SELECT start, n, entries FROM gds_log_chunks
       WHERE start >= (SELECT coalesce(max(start), 0) FROM gds_log_chunks WHERE start <= ?) AND start < ? ORDER BY start`,
    ),
    putCheckpoint: db.prepare('INSERT OR REPLACE INTO gds_log_checkpoints (size, note) VALUES (?, ?)'),
    latest: db.prepare('SELECT size, note FROM gds_log_checkpoints ORDER BY size DESC LIMIT 1'),
  };
  const append = db.transaction((batch: AppendBatch) => {
    const size = q.size.get() as number;
    if (size !== batch.start) throw conflict(batch.start, size);
    for (const row of packChunks(batch)) q.chunk.run(row);
    q.setSize.run(batch.start + batch.entries.length);
    if (batch.checkpoint) q.putCheckpoint.run(batch.checkpoint.size, batch.checkpoint.note);
  });
  let open = true;
  const guard = <T>(fn: () => T): T => {
    if (!open) throw closed();
    try {
      return fn();
    } catch (e) {
      if (e instanceof GdsLedgerError) throw e;
      throw storeFailure('SQLite 日志操作失败', 'a SQLite log operation failed', e);
    }
  };

  return {
    kind: 'sqlite',
    async size() {
      return guard(() => q.size.get() as number);
    },
    async append(batch) {
      guard(() => append.immediate(batch));
    },
    async readNodes(keys) {
      return guard(() =>
        keys.map(([level, index]) => {
          // Node (level, index) was completed by the last leaf under it and sits at position `level`
          // among that leaf's hashes.
          const leaf = (index + 1) * 2 ** level - 1;
          const row = q.chunkAt.get(leaf) as { start: number; n: number; hashes: Buffer } | undefined;
          if (!row || leaf >= row.start + row.n || level > completes(leaf)) throw missingNode(level, index);
          let o = 0;
          for (let i = row.start; i < leaf; i++) o += 32 * (1 + completes(i));
          o += 32 * level;
          if (row.hashes.length < o + 32) throw missingNode(level, index);
          return new Uint8Array(row.hashes.subarray(o, o + 32));
        }),
      );
    },
    async readEntries(start, end) {
      if (end <= start) return [];
      return guard(() => {
        const rows = q.chunksFrom.all(start, end) as Array<{ start: number; n: number; entries: Buffer }>;
        const out: Uint8Array[] = [];
        for (const r of rows) {
          const es = chunkEntries(r.n, toU8(r.entries));
          for (let i = 0; i < r.n; i++) if (r.start + i >= start && r.start + i < end) out.push(es[i]!);
        }
        return out;
      });
    },
    async putCheckpoint(cp) {
      guard(() => q.putCheckpoint.run(cp.size, cp.note));
    },
    async latestCheckpoint() {
      return guard(() => q.latest.get() as StoredCheckpoint | undefined);
    },
    async close() {
      if (open) {
        open = false;
        db.close();
      }
    },
  };
}

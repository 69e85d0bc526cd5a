import { mkdirSync } from 'node:fs';
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
  /** Database file; default `./.gds/ledger.sqlite` (the folder is created). `:memory:` works for tests. */
  path?: string;
  /**
   * `FULL` (default) makes an acknowledged append survive power loss; `NORMAL` survives a killed
   * process but may lose the last commits on power loss, for bulk loads that can be replayed.
   */
  synchronous?: 'FULL' | 'NORMAL';
}

const toU8 = (b: Buffer) => new Uint8Array(b.buffer, b.byteOffset, b.length);
const ROWS = 64;

/**
 * One row per entry: the entry, then its leaf hash followed by the hashes of the interior nodes that
 * leaf completes (levels 1, 2, ... in order). Every node is completed by exactly one leaf, so the tree
 * costs no extra rows and a node read is one primary-key lookup. Returns the flat bind parameters.
 */
function packRows(batch: AppendBatch): unknown[] {
  const n = batch.entries.length;
  const blobs: Uint8Array[] = new Array(n);
  for (let i = 0; i < n; i++) {
    // Leaf i completes one node per trailing 1 bit of its index.
    let k = 0;
    for (let x = batch.start + i; x % 2 === 1; x = (x - 1) / 2) k++;
    const blob = new Uint8Array(32 * (k + 1));
    blob.set(batch.leafHashes[i]!, 0);
    blobs[i] = blob;
  }
  for (const node of batch.nodes) {
    const leaf = (node.index + 1) * 2 ** node.level - 1;
    const blob = blobs[leaf - batch.start];
    if (!blob || blob.length < 32 * (node.level + 1)) throw missingNode(node.level, node.index);
    blob.set(node.hash, 32 * node.level);
  }
  const params: unknown[] = new Array(3 * n);
  for (let i = 0; i < n; i++) {
    params[3 * i] = batch.start + i;
    params[3 * i + 1] = batch.entries[i]!;
    params[3 * i + 2] = blobs[i]!;
  }
  return params;
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
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    db = new Database(path);
    if (path !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous === 'NORMAL' ? 'NORMAL' : 'FULL'}`);
    db.pragma('busy_timeout = 10000');
    db.exec(`
      CREATE TABLE IF NOT EXISTS gds_log_meta (id INTEGER PRIMARY KEY CHECK (id = 0), size INTEGER NOT NULL);
      INSERT OR IGNORE INTO gds_log_meta (id, size) VALUES (0, 0);
      CREATE TABLE IF NOT EXISTS gds_log_entries (idx INTEGER PRIMARY KEY, entry BLOB NOT NULL, hashes BLOB NOT NULL);
      CREATE TABLE IF NOT EXISTS gds_log_checkpoints (size INTEGER PRIMARY KEY, note TEXT NOT NULL);
    `);
  } catch (e) {
    throw storeFailure(`无法打开 SQLite 日志 ${path}`, `cannot open the SQLite log ${path}`, e);
  }
  const q = {
    size: db.prepare('SELECT size FROM gds_log_meta WHERE id = 0').pluck(),
    setSize: db.prepare('UPDATE gds_log_meta SET size = ? WHERE id = 0'),
    entry: db.prepare('INSERT INTO gds_log_entries (idx, entry, hashes) VALUES (?, ?, ?)'),
    entries64: db.prepare(
      `INSERT INTO gds_log_entries (idx, entry, hashes) VALUES ${Array.from({ length: ROWS }, () => '(?, ?, ?)').join(', ')}`,
    ),
    hashes: db.prepare('SELECT hashes FROM gds_log_entries WHERE idx = ?').pluck(),
    entries: db.prepare('SELECT entry FROM gds_log_entries WHERE idx >= ? AND idx < ? ORDER BY idx').pluck(),
    putCheckpoint: db.prepare('INSERT OR REPLACE INTO gds_log_checkpoints (size, note) VALUES (?, ?)'),
    latest: db.prepare('SELECT size, note FROM gds_log_checkpoints ORDER BY size DESC LIMIT 1'),
  };
  const append = db.transaction((batch: AppendBatch) => {
    const size = q.size.get() as number;
    if (size !== batch.start) throw conflict(batch.start, size);
    const params = packRows(batch);
    const n = batch.entries.length;
    let i = 0;
    // Multi-row INSERTs: per-statement overhead, not SQLite, dominates small rows.
    for (; i + ROWS <= n; i += ROWS) q.entries64.run(params.slice(3 * i, 3 * (i + ROWS)));
    for (; i < n; i++) q.entry.run(params.slice(3 * i, 3 * i + 3));
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
          // Node (level, index) was completed by the last leaf under it, and sits at position `level`
          // of that leaf's row.
          const leaf = (index + 1) * 2 ** level - 1;
          const h = q.hashes.get(leaf) as Buffer | undefined;
          if (!h || h.length < 32 * (level + 1)) throw missingNode(level, index);
          return new Uint8Array(h.subarray(32 * level, 32 * (level + 1)));
        }),
      );
    },
    async readEntries(start, end) {
      return guard(() => (q.entries.all(start, end) as Buffer[]).map(toU8));
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

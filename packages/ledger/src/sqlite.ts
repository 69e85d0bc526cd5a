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

const toBuf = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.length);
const toU8 = (b: Buffer) => new Uint8Array(b.buffer, b.byteOffset, b.length);

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
      CREATE TABLE IF NOT EXISTS gds_log_entries (idx INTEGER PRIMARY KEY, entry BLOB NOT NULL, leaf_hash BLOB NOT NULL);
      CREATE TABLE IF NOT EXISTS gds_log_nodes (level INTEGER NOT NULL, idx INTEGER NOT NULL, hash BLOB NOT NULL,
        PRIMARY KEY (level, idx)) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS gds_log_checkpoints (size INTEGER PRIMARY KEY, note TEXT NOT NULL);
    `);
  } catch (e) {
    throw storeFailure(`无法打开 SQLite 日志 ${path}`, `cannot open the SQLite log ${path}`, e);
  }
  const q = {
    size: db.prepare('SELECT size FROM gds_log_meta WHERE id = 0').pluck(),
    setSize: db.prepare('UPDATE gds_log_meta SET size = ? WHERE id = 0'),
    entry: db.prepare('INSERT INTO gds_log_entries (idx, entry, leaf_hash) VALUES (?, ?, ?)'),
    node: db.prepare('INSERT INTO gds_log_nodes (level, idx, hash) VALUES (?, ?, ?)'),
    leaf: db.prepare('SELECT leaf_hash FROM gds_log_entries WHERE idx = ?').pluck(),
    inner: db.prepare('SELECT hash FROM gds_log_nodes WHERE level = ? AND idx = ?').pluck(),
    entries: db.prepare('SELECT entry FROM gds_log_entries WHERE idx >= ? AND idx < ? ORDER BY idx').pluck(),
    putCheckpoint: db.prepare('INSERT OR REPLACE INTO gds_log_checkpoints (size, note) VALUES (?, ?)'),
    latest: db.prepare('SELECT size, note FROM gds_log_checkpoints ORDER BY size DESC LIMIT 1'),
  };
  const append = db.transaction((batch: AppendBatch) => {
    const size = q.size.get() as number;
    if (size !== batch.start) throw conflict(batch.start, size);
    for (let i = 0; i < batch.entries.length; i++) {
      q.entry.run(batch.start + i, toBuf(batch.entries[i]!), toBuf(batch.leafHashes[i]!));
    }
    for (const n of batch.nodes) q.node.run(n.level, n.index, toBuf(n.hash));
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
          const h = (level === 0 ? q.leaf.get(index) : q.inner.get(level, index)) as Buffer | undefined;
          if (!h) throw missingNode(level, index);
          return toU8(h);
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

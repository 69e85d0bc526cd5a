import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import {
  correctionFrom,
  factFrom,
  goldenFrom,
  type Raw,
  submissionFrom,
  versionFrom,
} from './_internal/sqlRows.js';
import { GdsStoreError } from './errors.js';
import type { ScanQuery, StoreAdapter, StoreReads, StoreWrites } from './StoreAdapter.js';

/**
 * Options of {@link createSqliteAdapter}.
 *
 * @example
 * ```ts
 * import type { SqliteAdapterOptions } from '@gds/store/sqlite';
 * const o: SqliteAdapterOptions = { path: './.gds/store.sqlite' };
 * ```
 */
export interface SqliteAdapterOptions {
  /** Database file; default `./.gds/store.sqlite` (the folder is created). `:memory:` for tests. */
  path?: string;
  /**
   * `FULL` (default): an acknowledged submission survives power loss. `NORMAL` survives a killed
   * process but may lose the last commits on power loss, for bulk loads that can be replayed.
   */
  synchronous?: 'FULL' | 'NORMAL';
}

export const SQLITE_SCHEMA = `
CREATE TABLE IF NOT EXISTS gds_store_meta (id INTEGER PRIMARY KEY CHECK (id = 0), seq INTEGER NOT NULL, tx_time TEXT);
INSERT OR IGNORE INTO gds_store_meta (id, seq, tx_time) VALUES (0, 0, NULL);
CREATE TABLE IF NOT EXISTS gds_store_submissions (
  id TEXT PRIMARY KEY, entity TEXT NOT NULL, department TEXT NOT NULL, system TEXT NOT NULL,
  received_at TEXT NOT NULL, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS gds_store_facts (
  entity TEXT NOT NULL, key TEXT NOT NULL, department TEXT NOT NULL, system TEXT NOT NULL,
  record_id TEXT NOT NULL, record TEXT NOT NULL, provenance TEXT NOT NULL, submission TEXT NOT NULL,
  PRIMARY KEY (entity, key, department, system)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS gds_store_facts_by_source ON gds_store_facts (entity, department, system, submission);
CREATE TABLE IF NOT EXISTS gds_store_golden (
  id TEXT PRIMARY KEY, entity TEXT NOT NULL, key TEXT NOT NULL, division TEXT, grid TEXT,
  record TEXT NOT NULL, provenance TEXT NOT NULL, sources TEXT NOT NULL,
  version INTEGER NOT NULL, seq INTEGER NOT NULL, tx_time TEXT NOT NULL, withdrawn INTEGER NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS gds_store_golden_by_key ON gds_store_golden (entity, key);
CREATE INDEX IF NOT EXISTS gds_store_golden_by_division ON gds_store_golden (entity, division);
CREATE INDEX IF NOT EXISTS gds_store_golden_by_grid ON gds_store_golden (entity, grid);
CREATE TABLE IF NOT EXISTS gds_store_versions (
  seq INTEGER PRIMARY KEY, id TEXT NOT NULL, entity TEXT NOT NULL, key TEXT NOT NULL, division TEXT, grid TEXT,
  record TEXT NOT NULL, provenance TEXT NOT NULL, sources TEXT NOT NULL, version INTEGER NOT NULL,
  tx_time TEXT NOT NULL, withdrawn INTEGER NOT NULL, kind TEXT NOT NULL, submission TEXT NOT NULL,
  changes TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS gds_store_versions_by_id ON gds_store_versions (id, seq);
CREATE INDEX IF NOT EXISTS gds_store_versions_by_entity ON gds_store_versions (entity, seq);
CREATE INDEX IF NOT EXISTS gds_store_versions_by_time ON gds_store_versions (tx_time);
CREATE TABLE IF NOT EXISTS gds_store_corrections (
  id TEXT PRIMARY KEY, golden TEXT NOT NULL, filed_by TEXT NOT NULL, routed_to TEXT NOT NULL,
  status TEXT NOT NULL, filed_seq INTEGER NOT NULL, body TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS gds_store_corrections_by_golden ON gds_store_corrections (golden);
CREATE INDEX IF NOT EXISTS gds_store_corrections_by_filer ON gds_store_corrections (filed_by);
CREATE INDEX IF NOT EXISTS gds_store_corrections_by_router ON gds_store_corrections (routed_to);
`;

function backend(zh: string, en: string, cause: unknown): GdsStoreError {
  return new GdsStoreError('GDS_STORE_BACKEND', zh, `${en}: ${(cause as Error)?.message ?? cause}`, {
    cause,
  });
}

/** `division >= prefix AND division < prefix~`: division codes are digits, and `~` sorts after them. */
function where(q: ScanQuery, alias = ''): { sql: string; args: unknown[] } {
  const parts = [`${alias}entity = ?`];
  const args: unknown[] = [q.entity];
  if (q.division !== undefined) {
    parts.push(`${alias}division >= ? AND ${alias}division < ?`);
    args.push(q.division, `${q.division}~`);
  }
  if (q.grid !== undefined) {
    parts.push(`${alias}grid = ?`);
    args.push(q.grid);
  }
  return { sql: parts.join(' AND '), args };
}

/**
 * The embedded default {@link StoreAdapter}: one SQLite file (better-sqlite3, WAL journal,
 * `synchronous = FULL`). Each write (a whole submission, a correction) is one `BEGIN IMMEDIATE`
 * transaction: atomic, durable once acknowledged, and safe with several processes on one file. Golden
 * records are JSON text columns that SQLite's JSON functions query; the table layout is in the README.
 *
 * @example
 * ```ts
 * import { openStore } from '@gds/store';
 * import { createSqliteAdapter } from '@gds/store/sqlite';
 * const store = openStore(createSqliteAdapter({ path: './.gds/store.sqlite' }));
 * ```
 */
export function createSqliteAdapter(options: SqliteAdapterOptions = {}): StoreAdapter {
  const path = options.path ?? './.gds/store.sqlite';
  let db: Database.Database;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    db = new Database(path);
    if (path !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous === 'NORMAL' ? 'NORMAL' : 'FULL'}`);
    db.pragma('busy_timeout = 30000');
    db.exec(SQLITE_SCHEMA);
  } catch (e) {
    throw backend(`无法打开 SQLite 存储 ${path}`, `cannot open the SQLite store ${path}`, e);
  }
  const GOLDEN =
    'id, entity, key, division, grid, record, provenance, sources, version, seq, tx_time, withdrawn';
  const q = {
    meta: db.prepare('SELECT seq, tx_time FROM gds_store_meta WHERE id = 0'),
    setMeta: db.prepare('UPDATE gds_store_meta SET seq = ?, tx_time = ? WHERE id = 0'),
    submission: db.prepare('SELECT body FROM gds_store_submissions WHERE id = ?'),
    putSubmission: db.prepare(
      'INSERT INTO gds_store_submissions (id, entity, department, system, received_at, body) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    facts: db.prepare(
      'SELECT * FROM gds_store_facts WHERE entity = ? AND key IN (SELECT value FROM json_each(?)) ORDER BY key, department, system',
    ),
    putFact: db.prepare(
      `INSERT OR REPLACE INTO gds_store_facts (entity, key, department, system, record_id, record, provenance, submission)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    deleteFact: db.prepare(
      'DELETE FROM gds_store_facts WHERE entity = ? AND key = ? AND department = ? AND system = ?',
    ),
    stale: db.prepare(
      'SELECT * FROM gds_store_facts WHERE entity = ? AND department = ? AND system = ? AND submission <> ?',
    ),
    golden: db.prepare(`SELECT ${GOLDEN} FROM gds_store_golden WHERE id = ?`),
    goldenByKeys: db.prepare(
      `SELECT ${GOLDEN} FROM gds_store_golden WHERE entity = ? AND key IN (SELECT value FROM json_each(?))`,
    ),
    putGolden: db.prepare(
      `INSERT OR REPLACE INTO gds_store_golden (${GOLDEN}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    putVersion: db.prepare(
      `INSERT INTO gds_store_versions (${GOLDEN}, kind, submission, changes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    versions: db.prepare('SELECT * FROM gds_store_versions WHERE id = ? ORDER BY seq'),
    changes: db.prepare('SELECT * FROM gds_store_versions WHERE seq > ? ORDER BY seq LIMIT ?'),
    changesOf: db.prepare(
      'SELECT * FROM gds_store_versions WHERE entity = ? AND seq > ? ORDER BY seq LIMIT ?',
    ),
    seqAt: db.prepare('SELECT coalesce(max(seq), 0) FROM gds_store_versions WHERE tx_time <= ?').pluck(),
    correction: db.prepare('SELECT body FROM gds_store_corrections WHERE id = ?'),
    putCorrection: db.prepare(
      `INSERT OR REPLACE INTO gds_store_corrections (id, golden, filed_by, routed_to, status, filed_seq, body)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
  };
  const scans = new Map<string, Database.Statement>();
  const prepared = (sql: string) => {
    let s = scans.get(sql);
    if (!s) {
      s = db.prepare(sql);
      scans.set(sql, s);
    }
    return s;
  };
  let open = true;
  const run = <T>(fn: () => T): T => {
    if (!open) throw new GdsStoreError('GDS_STORE_BACKEND', '存储已关闭', 'the store is closed');
    try {
      return fn();
    } catch (e) {
      if (e instanceof GdsStoreError) throw e;
      throw backend('SQLite 存储操作失败', 'a SQLite store operation failed', e);
    }
  };
  const j = (v: unknown) => JSON.stringify(v);

  const reads: StoreReads = {
    async lastSeq() {
      return run(() => (q.meta.get() as { seq: number }).seq);
    },
    async lastTxTime() {
      return run(() => (q.meta.get() as { tx_time: string | null }).tx_time ?? undefined);
    },
    async submission(id) {
      return run(() => {
        const r = q.submission.get(id) as Raw | undefined;
        return r ? submissionFrom(r) : undefined;
      });
    },
    async facts(entity, keys) {
      if (keys.length === 0) return [];
      return run(() => (q.facts.all(entity, j(keys)) as Raw[]).map(factFrom));
    },
    async golden(id) {
      return run(() => {
        const r = q.golden.get(id) as Raw | undefined;
        return r ? goldenFrom(r) : undefined;
      });
    },
    async goldenByKeys(entity, keys) {
      if (keys.length === 0) return [];
      return run(() => (q.goldenByKeys.all(entity, j(keys)) as Raw[]).map(goldenFrom));
    },
    async scan(query, after, limit) {
      const w = where(query);
      return run(() =>
        (
          prepared(
            `SELECT ${GOLDEN} FROM gds_store_golden WHERE ${w.sql} AND withdrawn = 0 AND id > ? ORDER BY id LIMIT ?`,
          ).all(...w.args, after, limit) as Raw[]
        ).map(goldenFrom),
      );
    },
    async scanAsOf(query, seq, after, limit) {
      const w = where(query, 'v.');
      return run(() =>
        (
          prepared(
            `SELECT v.* FROM gds_store_versions v
             WHERE v.seq = (SELECT max(seq) FROM gds_store_versions x WHERE x.id = v.id AND x.seq <= ?)
               AND ${w.sql} AND v.withdrawn = 0 AND v.id > ? ORDER BY v.id LIMIT ?`,
          ).all(seq, ...w.args, after, limit) as Raw[]
        ).map((r) => goldenFrom(r)),
      );
    },
    async count(query) {
      const w = where(query);
      return run(
        () =>
          prepared(`SELECT count(*) FROM gds_store_golden WHERE ${w.sql} AND withdrawn = 0`)
            .pluck()
            .get(...w.args) as number,
      );
    },
    async versions(id) {
      return run(() => (q.versions.all(id) as Raw[]).map(versionFrom));
    },
    async changes(since, entity, limit) {
      return run(() =>
        (
          (entity === undefined
            ? q.changes.all(since, limit)
            : q.changesOf.all(entity, since, limit)) as Raw[]
        ).map(versionFrom),
      );
    },
    async seqAt(t) {
      return run(() => q.seqAt.get(t) as number);
    },
    async correction(id) {
      return run(() => {
        const r = q.correction.get(id) as Raw | undefined;
        return r ? correctionFrom(r) : undefined;
      });
    },
    async corrections(query) {
      const parts: string[] = [];
      const args: unknown[] = [];
      if (query.golden !== undefined) {
        parts.push('golden = ?');
        args.push(query.golden);
      }
      if (query.department !== undefined) {
        parts.push('(filed_by = ? OR routed_to = ?)');
        args.push(query.department, query.department);
      }
      const sql = `SELECT body FROM gds_store_corrections ${parts.length ? `WHERE ${parts.join(' AND ')}` : ''} ORDER BY filed_seq`;
      return run(() => (prepared(sql).all(...args) as Raw[]).map(correctionFrom));
    },
  };

  const writes: StoreWrites = {
    ...reads,
    async setClock(seq, txTime) {
      run(() => q.setMeta.run(seq, txTime));
    },
    async putSubmission(s) {
      run(() => q.putSubmission.run(s.id, s.entity, s.department, s.system, s.receivedAt, j(s)));
    },
    async putFacts(rows) {
      run(() => {
        for (const f of rows)
          q.putFact.run(
            f.entity,
            f.key,
            f.department,
            f.system,
            f.recordId,
            j(f.record),
            j(f.provenance),
            f.submission,
          );
      });
    },
    async deleteFacts(rows) {
      run(() => {
        for (const f of rows) q.deleteFact.run(f.entity, f.key, f.department, f.system);
      });
    },
    async staleFacts(entity, department, system, submission) {
      return run(() => (q.stale.all(entity, department, system, submission) as Raw[]).map(factFrom));
    },
    async putVersions(rows) {
      run(() => {
        for (const v of rows) {
          const cols = [
            v.id,
            v.entity,
            v.key,
            v.division ?? null,
            v.grid ?? null,
            j(v.record),
            j(v.provenance),
            j(v.sources),
            v.version,
            v.seq,
            v.txTime,
            v.withdrawn ? 1 : 0,
          ];
          q.putGolden.run(...cols);
          q.putVersion.run(...cols, v.kind, v.submission, j(v.changes));
        }
      });
    },
    async putCorrection(c) {
      run(() => q.putCorrection.run(c.id, c.golden, c.filedBy, c.routedTo, c.status, c.filedSeq, j(c)));
    },
  };

  // One connection: writes of this handle queue behind each other; other processes wait on the lock.
  let tail: Promise<unknown> = Promise.resolve();
  return {
    kind: 'sqlite',
    ...reads,
    write<T>(fn: (tx: StoreWrites) => Promise<T>): Promise<T> {
      const go = tail.then(async () => {
        run(() => db.exec('BEGIN IMMEDIATE'));
        try {
          const r = await fn(writes);
          run(() => db.exec('COMMIT'));
          return r;
        } catch (e) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw e;
        }
      });
      tail = go.catch(() => {});
      return go;
    },
    async close() {
      if (!open) return;
      await tail;
      open = false;
      db.close();
    },
  };
}

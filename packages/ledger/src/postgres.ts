import pg from 'pg';
import { closed, conflict, missingNode, storeFailure } from './_internal/storeErrors.js';
import { GdsLedgerError } from './errors.js';
import type { AppendBatch, LogStore, StoredCheckpoint } from './LogStore.js';

/**
 * Options of {@link createPostgresStore}: a connection string or an existing pool, and the schema
 * that holds the log's tables (one log per schema).
 *
 * @example
 * ```ts
 * import type { PostgresStoreOptions } from '@gds/ledger/postgres';
 * const options: PostgresStoreOptions = { connectionString: process.env.GDS_PG_URL, schema: 'county_log' };
 * ```
 */
export interface PostgresStoreOptions {
  connectionString?: string;
  /** A pool you own; the store does not end it on close. */
  pool?: pg.Pool;
  /** Schema of the log's tables, created if missing; default `gds_ledger`. */
  schema?: string;
  /**
   * How long a writer waits for the log's write lock before failing with `GDS_LEDGER_STORE`
   * (default 60 000 ms): a writer that holds it is computing and committing one batch.
   */
  lockTimeoutMs?: number;
}

const toU8 = (b: Buffer) => new Uint8Array(b.buffer, b.byteOffset, b.length);
const toBuf = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.length);

function safe(v: string | number): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) {
    throw new GdsLedgerError(
      'GDS_LEDGER_STORE',
      `数据库中的数值超出安全整数：${v}`,
      `a stored number is not a safe integer: ${v}`,
    );
  }
  return n;
}

/**
 * A {@link LogStore} in PostgreSQL (node-postgres), for several writers and machines. A writer holds
 * the log's write lock (a transaction-level advisory lock on its own connection, keyed by the schema)
 * while it catches up, computes a batch and appends it, so concurrent writers queue in the server
 * instead of refusing each other's batches; each batch is one transaction that also locks the size row
 * and refuses a stale size, so a writer that does not take the lock cannot corrupt the log. Committed
 * means durable. A pool you pass needs one connection more than the writers sharing it hold at once.
 *
 * @example
 * ```ts
 * import { Log } from '@gds/ledger';
 * import { createPostgresStore } from '@gds/ledger/postgres';
 * const store = createPostgresStore({ connectionString: process.env.GDS_PG_URL, schema: 'county_log' });
 * const log = await Log.open(store);
 * ```
 */
export function createPostgresStore(options: PostgresStoreOptions): LogStore {
  const schema = options.schema ?? 'gds_ledger';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new GdsLedgerError(
      'GDS_LEDGER_INVALID_INPUT',
      `模式名无效：${schema}`,
      `invalid schema name ${schema}`,
    );
  }
  const ownPool = !options.pool;
  const pool = options.pool ?? new pg.Pool({ connectionString: options.connectionString, max: 4 });
  const t = (name: string) => `"${schema}"."${name}"`;
  const lockTimeout = options.lockTimeoutMs ?? 60_000;
  if (!Number.isSafeInteger(lockTimeout) || lockTimeout < 1) {
    throw new GdsLedgerError(
      'GDS_LEDGER_INVALID_INPUT',
      `lockTimeoutMs 必须是正整数：${lockTimeout}`,
      `lockTimeoutMs must be a positive integer: ${lockTimeout}`,
    );
  }
  // One waiter per store in this process: the others queue here rather than each holding a pooled
  // connection blocked in the server, which could leave the lock's holder none to append with.
  let lockQueue: Promise<unknown> = Promise.resolve();
  let ready: Promise<void> | undefined;
  let open = true;

  const init = () => {
    ready ??= (async () => {
      const c = await pool.connect();
      try {
        // Concurrent first opens of the same schema race on CREATE; an advisory lock orders them.
        await c.query('BEGIN');
        await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`gds_ledger:${schema}`]);
        await c.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
        await c.query(
          `CREATE TABLE IF NOT EXISTS ${t('meta')} (id int PRIMARY KEY CHECK (id = 0), size bigint NOT NULL)`,
        );
        await c.query(`INSERT INTO ${t('meta')} (id, size) VALUES (0, 0) ON CONFLICT (id) DO NOTHING`);
        await c.query(
          `CREATE TABLE IF NOT EXISTS ${t('entries')} (idx bigint PRIMARY KEY, entry bytea NOT NULL, leaf_hash bytea NOT NULL)`,
        );
        await c.query(
          `CREATE TABLE IF NOT EXISTS ${t('nodes')} (level int NOT NULL, idx bigint NOT NULL, hash bytea NOT NULL, PRIMARY KEY (level, idx))`,
        );
        await c.query(
          `CREATE TABLE IF NOT EXISTS ${t('checkpoints')} (size bigint PRIMARY KEY, note text NOT NULL)`,
        );
        await c.query('COMMIT');
      } catch (e) {
        await c.query('ROLLBACK').catch(() => undefined);
        ready = undefined;
        throw e;
      } finally {
        c.release();
      }
    })();
    return ready;
  };

  const run = async <T>(fn: () => Promise<T>): Promise<T> => {
    if (!open) throw closed();
    try {
      await init();
      return await fn();
    } catch (e) {
      if (e instanceof GdsLedgerError) throw e;
      throw storeFailure('PostgreSQL 日志操作失败', 'a PostgreSQL log operation failed', e);
    }
  };

  return {
    kind: 'postgres',
    size: () =>
      run(async () => safe((await pool.query(`SELECT size FROM ${t('meta')} WHERE id = 0`)).rows[0].size)),
    append: (batch: AppendBatch) =>
      run(async () => {
        const c = await pool.connect();
        try {
          await c.query('BEGIN');
          const size = safe(
            (await c.query(`SELECT size FROM ${t('meta')} WHERE id = 0 FOR UPDATE`)).rows[0].size,
          );
          if (size !== batch.start) throw conflict(batch.start, size);
          if (batch.entries.length > 0) {
            await c.query(
              `INSERT INTO ${t('entries')} (idx, entry, leaf_hash) SELECT * FROM unnest($1::bigint[], $2::bytea[], $3::bytea[])`,
              [
                batch.entries.map((_, i) => batch.start + i),
                batch.entries.map(toBuf),
                batch.leafHashes.map(toBuf),
              ],
            );
          }
          if (batch.nodes.length > 0) {
            await c.query(
              `INSERT INTO ${t('nodes')} (level, idx, hash) SELECT * FROM unnest($1::int[], $2::bigint[], $3::bytea[])`,
              [
                batch.nodes.map((n) => n.level),
                batch.nodes.map((n) => n.index),
                batch.nodes.map((n) => toBuf(n.hash)),
              ],
            );
          }
          await c.query(`UPDATE ${t('meta')} SET size = $1 WHERE id = 0`, [
            batch.start + batch.entries.length,
          ]);
          if (batch.checkpoint) await putCheckpoint(c, batch.checkpoint);
          await c.query('COMMIT');
        } catch (e) {
          await c.query('ROLLBACK').catch(() => undefined);
          throw e;
        } finally {
          c.release();
        }
      }),
    readNodes: (keys) =>
      run(async () => {
        if (keys.length === 0) return [];
        const leaves = keys.filter(([l]) => l === 0).map(([, i]) => i);
        const inner = keys.filter(([l]) => l > 0);
        const found = new Map<string, Uint8Array>();
        if (leaves.length > 0) {
          const r = await pool.query(
            `SELECT idx, leaf_hash FROM ${t('entries')} WHERE idx = ANY($1::bigint[])`,
            [leaves],
          );
          for (const row of r.rows) found.set(`0/${safe(row.idx)}`, toU8(row.leaf_hash));
        }
        if (inner.length > 0) {
          const r = await pool.query(
            `SELECT n.level, n.idx, n.hash FROM ${t('nodes')} n JOIN unnest($1::int[], $2::bigint[]) AS k(level, idx)
             ON n.level = k.level AND n.idx = k.idx`,
            [inner.map(([l]) => l), inner.map(([, i]) => i)],
          );
          for (const row of r.rows) found.set(`${row.level}/${safe(row.idx)}`, toU8(row.hash));
        }
        return keys.map(([l, i]) => {
          const h = found.get(`${l}/${i}`);
          if (!h) throw missingNode(l, i);
          return h;
        });
      }),
    readEntries: (start, end) =>
      run(async () => {
        const r = await pool.query(
          `SELECT entry FROM ${t('entries')} WHERE idx >= $1 AND idx < $2 ORDER BY idx`,
          [start, end],
        );
        return r.rows.map((row) => toU8(row.entry));
      }),
    lockWriter: () =>
      run(async () => {
        let leave!: () => void;
        const turn = lockQueue;
        lockQueue = new Promise<void>((r) => {
          leave = r;
        });
        await turn;
        let c: pg.PoolClient | undefined;
        try {
          c = await pool.connect();
          // One round trip (the schema name and the timeout are checked above, safe to inline).
          await c.query(
            `BEGIN; SET LOCAL lock_timeout = ${lockTimeout}; SELECT pg_advisory_xact_lock(hashtext('gds_ledger_writer:${schema}'))`,
          );
        } catch (e) {
          await c?.query('ROLLBACK').catch(() => undefined);
          c?.release(true);
          leave();
          throw storeFailure(
            '无法取得 PostgreSQL 日志的写锁',
            'cannot take the PostgreSQL log write lock',
            e,
          );
        }
        const held = c;
        let released = false;
        return async () => {
          if (released) return;
          released = true;
          try {
            await held.query('COMMIT');
            held.release();
          } catch (e) {
            // Never thrown: the batch is already committed. A broken connection lost the lock with its
            // session; destroying it ends the session for sure.
            held.release(e instanceof Error ? e : true);
          } finally {
            leave();
          }
        };
      }),
    putCheckpoint: (cp) => run(() => putCheckpoint(pool, cp)),
    latestCheckpoint: () =>
      run(async () => {
        const r = await pool.query(`SELECT size, note FROM ${t('checkpoints')} ORDER BY size DESC LIMIT 1`);
        const row = r.rows[0];
        return row ? ({ size: safe(row.size), note: row.note } as StoredCheckpoint) : undefined;
      }),
    async close() {
      if (!open) return;
      open = false;
      if (ownPool) await pool.end();
    },
  };

  async function putCheckpoint(c: pg.Pool | pg.PoolClient, cp: StoredCheckpoint): Promise<void> {
    await c.query(
      `INSERT INTO ${t('checkpoints')} (size, note) VALUES ($1, $2) ON CONFLICT (size) DO UPDATE SET note = excluded.note`,
      [cp.size, cp.note],
    );
  }
}

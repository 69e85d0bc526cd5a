import pg from 'pg';
import {
  correctionFrom,
  factFrom,
  goldenFrom,
  type Raw,
  submissionFrom,
  versionFrom,
} from './_internal/sqlRows.js';
import { GdsStoreError } from './errors.js';
import type {
  FactRow,
  ScanQuery,
  StoreAdapter,
  StoreReads,
  StoreWrites,
  VersionRow,
} from './StoreAdapter.js';

/**
 * Options of {@link createPostgresAdapter}.
 *
 * @example
 * ```ts
 * import type { PostgresAdapterOptions } from '@gds/store/postgres';
 * const o: PostgresAdapterOptions = { connectionString: process.env.GDS_PG_URL, schema: 'gds_store' };
 * ```
 */
export interface PostgresAdapterOptions {
  /** A libpq connection string; or give `pool`. */
  connectionString?: string;
  /** An existing `pg` pool (the adapter then leaves it open on close). */
  pool?: pg.Pool;
  /** The schema holding the tables (created if absent); default `gds_store`. */
  schema?: string;
}

const IDENT = /^[a-z_][a-z0-9_]{0,62}$/;

function backend(zh: string, en: string, cause: unknown): GdsStoreError {
  return new GdsStoreError('GDS_STORE_BACKEND', zh, `${en}: ${(cause as Error)?.message ?? cause}`, {
    cause,
  });
}

function tables(s: string): string {
  return `
CREATE SCHEMA IF NOT EXISTS ${s};
CREATE TABLE IF NOT EXISTS ${s}.meta (id int PRIMARY KEY CHECK (id = 0), seq bigint NOT NULL, tx_time timestamptz);
INSERT INTO ${s}.meta (id, seq) VALUES (0, 0) ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS ${s}.submissions (
  id text PRIMARY KEY, entity text NOT NULL, department text NOT NULL, system text NOT NULL,
  received_at timestamptz NOT NULL, body jsonb NOT NULL);
CREATE TABLE IF NOT EXISTS ${s}.facts (
  entity text NOT NULL, key text NOT NULL, department text NOT NULL, system text NOT NULL,
  record_id text NOT NULL, record jsonb NOT NULL, provenance jsonb NOT NULL, submission text NOT NULL,
  PRIMARY KEY (entity, key, department, system)) PARTITION BY LIST (entity);
CREATE INDEX IF NOT EXISTS facts_by_source ON ${s}.facts (entity, department, system, submission);
CREATE TABLE IF NOT EXISTS ${s}.golden (
  id text NOT NULL, entity text NOT NULL, key text NOT NULL, division text, grid text,
  record jsonb NOT NULL, provenance jsonb NOT NULL, sources jsonb NOT NULL,
  version int NOT NULL, seq bigint NOT NULL, tx_time timestamptz NOT NULL, withdrawn boolean NOT NULL,
  PRIMARY KEY (entity, id), UNIQUE (entity, key)) PARTITION BY LIST (entity);
CREATE INDEX IF NOT EXISTS golden_by_id ON ${s}.golden (id);
CREATE INDEX IF NOT EXISTS golden_by_division ON ${s}.golden (entity, division text_pattern_ops);
CREATE INDEX IF NOT EXISTS golden_by_grid ON ${s}.golden (entity, grid);
CREATE TABLE IF NOT EXISTS ${s}.versions (
  seq bigint NOT NULL, id text NOT NULL, entity text NOT NULL, key text NOT NULL, division text, grid text,
  record jsonb NOT NULL, provenance jsonb NOT NULL, sources jsonb NOT NULL, version int NOT NULL,
  tx_time timestamptz NOT NULL, withdrawn boolean NOT NULL, kind text NOT NULL, submission text NOT NULL,
  changes jsonb NOT NULL, PRIMARY KEY (entity, seq)) PARTITION BY LIST (entity);
CREATE INDEX IF NOT EXISTS versions_by_id ON ${s}.versions (id, seq);
CREATE INDEX IF NOT EXISTS versions_by_seq ON ${s}.versions (seq);
CREATE INDEX IF NOT EXISTS versions_by_time ON ${s}.versions (tx_time);
CREATE TABLE IF NOT EXISTS ${s}.corrections (
  id text PRIMARY KEY, golden text NOT NULL, filed_by text NOT NULL, routed_to text NOT NULL,
  status text NOT NULL, filed_seq bigint NOT NULL, body jsonb NOT NULL);
CREATE INDEX IF NOT EXISTS corrections_by_golden ON ${s}.corrections (golden);
CREATE INDEX IF NOT EXISTS corrections_by_filer ON ${s}.corrections (filed_by);
CREATE INDEX IF NOT EXISTS corrections_by_router ON ${s}.corrections (routed_to);`;
}

/**
 * The {@link StoreAdapter} for scale: PostgreSQL (`pg`), golden records and history as JSONB, the
 * facts, golden and versions tables partitioned by entity (one partition per entity, created on first
 * use), indexed by golden id, match key (the identifier or its blind index) and division code. Every
 * write is one transaction holding a transaction-level advisory lock of the schema, so several ingest
 * processes (one per department feed) share one database and give the same golden records as
 * sequential ingest; reads never wait. The layout and what runs on managed or Citus PostgreSQL are
 * in the README.
 *
 * @example
 * ```ts
 * import { openStore } from '@gds/store';
 * import { createPostgresAdapter } from '@gds/store/postgres';
 * const store = openStore(createPostgresAdapter({ connectionString: process.env.GDS_PG_URL }));
 * ```
 */
export function createPostgresAdapter(options: PostgresAdapterOptions = {}): StoreAdapter {
  const schema = options.schema ?? 'gds_store';
  if (!IDENT.test(schema))
    throw new GdsStoreError(
      'GDS_STORE_INVALID_INPUT',
      `模式名 ${schema} 无效（小写字母、数字、下划线）`,
      `invalid schema name ${schema} (lower-case letters, digits, underscores)`,
    );
  const s = `"${schema}"`;
  const owned = !options.pool;
  const pool = options.pool ?? new pg.Pool({ connectionString: options.connectionString, max: 4 });
  // The advisory lock of this schema: 64 bits from its name, the same in every process.
  const lockSql = `SELECT pg_advisory_xact_lock(hashtextextended('gds_store:' || $1, 0))`;
  let ready: Promise<void> | undefined;
  const init = () =>
    (ready ??= (async () => {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        await c.query(lockSql, [schema]);
        await c.query(tables(s));
        await c.query('COMMIT');
      } catch (e) {
        await c.query('ROLLBACK').catch(() => {});
        ready = undefined;
        throw backend(
          `无法初始化 PostgreSQL 存储 ${schema}`,
          `cannot initialise the PostgreSQL store ${schema}`,
          e,
        );
      } finally {
        c.release();
      }
    })());
  const partitions = new Set<string>();
  let open = true;

  type Q = (sql: string, args?: unknown[]) => Promise<Raw[]>;
  const poolQuery: Q = async (sql, args) => {
    if (!open) throw new GdsStoreError('GDS_STORE_BACKEND', '存储已关闭', 'the store is closed');
    await init();
    try {
      return (await pool.query(sql, args as unknown[])).rows;
    } catch (e) {
      throw backend('PostgreSQL 存储操作失败', 'a PostgreSQL store operation failed', e);
    }
  };

  function where(q: ScanQuery, args: unknown[], alias = ''): string {
    args.push(q.entity);
    const parts = [`${alias}entity = $${args.length}`];
    if (q.division !== undefined) {
      args.push(`${q.division.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      parts.push(`${alias}division LIKE $${args.length}`);
    }
    if (q.grid !== undefined) {
      args.push(q.grid);
      parts.push(`${alias}grid = $${args.length}`);
    }
    return parts.join(' AND ');
  }

  const GOLDEN =
    'id, entity, key, division, grid, record, provenance, sources, version, seq, tx_time, withdrawn';

  function readsOn(query: Q): StoreReads {
    return {
      async lastSeq() {
        return Number((await query(`SELECT seq FROM ${s}.meta WHERE id = 0`))[0]!.seq);
      },
      async lastTxTime() {
        const t = (await query(`SELECT tx_time FROM ${s}.meta WHERE id = 0`))[0]!.tx_time as Date | null;
        return t ? t.toISOString() : undefined;
      },
      async submission(id) {
        const r = (await query(`SELECT body FROM ${s}.submissions WHERE id = $1`, [id]))[0];
        return r ? submissionFrom(r) : undefined;
      },
      async facts(entity, keys) {
        if (keys.length === 0) return [];
        return (
          await query(
            `SELECT * FROM ${s}.facts WHERE entity = $1 AND key = ANY($2::text[]) ORDER BY key, department, system`,
            [entity, [...new Set(keys)]],
          )
        ).map(factFrom);
      },
      async golden(id) {
        const r = (await query(`SELECT ${GOLDEN} FROM ${s}.golden WHERE id = $1`, [id]))[0];
        return r ? goldenFrom(r) : undefined;
      },
      async goldenByKeys(entity, keys) {
        if (keys.length === 0) return [];
        return (
          await query(`SELECT ${GOLDEN} FROM ${s}.golden WHERE entity = $1 AND key = ANY($2::text[])`, [
            entity,
            [...new Set(keys)],
          ])
        ).map(goldenFrom);
      },
      async scan(q, after, limit) {
        const args: unknown[] = [];
        const w = where(q, args);
        args.push(after, limit);
        return (
          await query(
            `SELECT ${GOLDEN} FROM ${s}.golden WHERE ${w} AND NOT withdrawn AND id > $${args.length - 1}
             ORDER BY id LIMIT $${args.length}`,
            args,
          )
        ).map(goldenFrom);
      },
      async scanAsOf(q, seq, after, limit) {
        // The last version of each record up to `seq` (entity and id only: the division or grid may
        // have changed since), then the query's filters on that version.
        const args: unknown[] = [q.entity, seq, after];
        const w = where(q, args, 'v.');
        args.push(limit);
        return (
          await query(
            `SELECT * FROM (
               SELECT DISTINCT ON (x.id) x.* FROM ${s}.versions x
               WHERE x.entity = $1 AND x.seq <= $2 AND x.id > $3 ORDER BY x.id, x.seq DESC) v
             WHERE ${w} AND NOT v.withdrawn ORDER BY v.id LIMIT $${args.length}`,
            args,
          )
        ).map(goldenFrom);
      },
      async count(q) {
        const args: unknown[] = [];
        const w = where(q, args);
        return Number(
          (await query(`SELECT count(*) AS n FROM ${s}.golden WHERE ${w} AND NOT withdrawn`, args))[0]!.n,
        );
      },
      async versions(id) {
        return (await query(`SELECT * FROM ${s}.versions WHERE id = $1 ORDER BY seq`, [id])).map(versionFrom);
      },
      async changes(since, entity, limit) {
        const rows =
          entity === undefined
            ? await query(`SELECT * FROM ${s}.versions WHERE seq > $1 ORDER BY seq LIMIT $2`, [since, limit])
            : await query(
                `SELECT * FROM ${s}.versions WHERE entity = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
                [entity, since, limit],
              );
        return rows.map(versionFrom);
      },
      async seqAt(t) {
        return Number(
          (await query(`SELECT coalesce(max(seq), 0) AS n FROM ${s}.versions WHERE tx_time <= $1`, [t]))[0]!
            .n,
        );
      },
      async correction(id) {
        const r = (await query(`SELECT body FROM ${s}.corrections WHERE id = $1`, [id]))[0];
        return r ? correctionFrom(r) : undefined;
      },
      async corrections(q) {
        const parts: string[] = [];
        const args: unknown[] = [];
        if (q.golden !== undefined) {
          args.push(q.golden);
          parts.push(`golden = $${args.length}`);
        }
        if (q.department !== undefined) {
          args.push(q.department);
          parts.push(`(filed_by = $${args.length} OR routed_to = $${args.length})`);
        }
        return (
          await query(
            `SELECT body FROM ${s}.corrections ${parts.length ? `WHERE ${parts.join(' AND ')}` : ''} ORDER BY filed_seq`,
            args,
          )
        ).map(correctionFrom);
      },
    };
  }

  const reads = readsOn(poolQuery);
  const j = (v: unknown) => JSON.stringify(v);

  function writesOn(query: Q, created: string[]): StoreWrites {
    const partition = async (entity: string) => {
      if (partitions.has(entity)) return;
      if (!IDENT.test(entity))
        throw new GdsStoreError(
          'GDS_STORE_INVALID_INPUT',
          `实体名 ${entity} 无效`,
          `invalid entity name ${entity}`,
        );
      for (const t of ['facts', 'golden', 'versions'])
        await query(
          `CREATE TABLE IF NOT EXISTS ${s}."${t}_${entity}" PARTITION OF ${s}.${t} FOR VALUES IN ('${entity}')`,
        );
      partitions.add(entity);
      created.push(entity);
    };
    const golden = (rows: readonly VersionRow[]) => [
      rows.map((v) => v.id),
      rows.map((v) => v.entity),
      rows.map((v) => v.key),
      rows.map((v) => v.division ?? null),
      rows.map((v) => v.grid ?? null),
      rows.map((v) => j(v.record)),
      rows.map((v) => j(v.provenance)),
      rows.map((v) => j(v.sources)),
      rows.map((v) => v.version),
      rows.map((v) => v.seq),
      rows.map((v) => v.txTime),
      rows.map((v) => v.withdrawn),
    ];
    const UNNEST = `unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::jsonb[],
      $8::jsonb[], $9::int[], $10::bigint[], $11::timestamptz[], $12::boolean[])`;
    return {
      ...readsOn(query),
      async setClock(seq, txTime) {
        await query(`UPDATE ${s}.meta SET seq = $1, tx_time = $2 WHERE id = 0`, [seq, txTime]);
      },
      async putSubmission(x) {
        await query(
          `INSERT INTO ${s}.submissions (id, entity, department, system, received_at, body) VALUES ($1, $2, $3, $4, $5, $6)`,
          [x.id, x.entity, x.department, x.system, x.receivedAt, j(x)],
        );
      },
      async putFacts(rows: readonly FactRow[]) {
        if (rows.length === 0) return;
        for (const e of new Set(rows.map((f) => f.entity))) await partition(e);
        await query(
          `INSERT INTO ${s}.facts (entity, key, department, system, record_id, record, provenance, submission)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::jsonb[], $8::text[])
           ON CONFLICT (entity, key, department, system) DO UPDATE SET record_id = excluded.record_id,
             record = excluded.record, provenance = excluded.provenance, submission = excluded.submission`,
          [
            rows.map((f) => f.entity),
            rows.map((f) => f.key),
            rows.map((f) => f.department),
            rows.map((f) => f.system),
            rows.map((f) => f.recordId),
            rows.map((f) => j(f.record)),
            rows.map((f) => j(f.provenance)),
            rows.map((f) => f.submission),
          ],
        );
      },
      async deleteFacts(rows) {
        if (rows.length === 0) return;
        await query(
          `DELETE FROM ${s}.facts f USING unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS d(entity, key, department, system)
           WHERE f.entity = d.entity AND f.key = d.key AND f.department = d.department AND f.system = d.system`,
          [
            rows.map((f) => f.entity),
            rows.map((f) => f.key),
            rows.map((f) => f.department),
            rows.map((f) => f.system),
          ],
        );
      },
      async staleFacts(entity, department, system, submission) {
        return (
          await query(
            `SELECT * FROM ${s}.facts WHERE entity = $1 AND department = $2 AND system = $3 AND submission <> $4`,
            [entity, department, system, submission],
          )
        ).map(factFrom);
      },
      async putVersions(rows) {
        if (rows.length === 0) return;
        for (const e of new Set(rows.map((v) => v.entity))) await partition(e);
        const cols = golden(rows);
        await query(
          `INSERT INTO ${s}.golden (${GOLDEN}) SELECT * FROM ${UNNEST}
           ON CONFLICT (entity, id) DO UPDATE SET key = excluded.key, division = excluded.division, grid = excluded.grid,
             record = excluded.record, provenance = excluded.provenance, sources = excluded.sources,
             version = excluded.version, seq = excluded.seq, tx_time = excluded.tx_time, withdrawn = excluded.withdrawn`,
          cols,
        );
        await query(
          `INSERT INTO ${s}.versions (${GOLDEN}, kind, submission, changes)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::jsonb[],
             $8::jsonb[], $9::int[], $10::bigint[], $11::timestamptz[], $12::boolean[], $13::text[], $14::text[], $15::jsonb[])`,
          [...cols, rows.map((v) => v.kind), rows.map((v) => v.submission), rows.map((v) => j(v.changes))],
        );
      },
      async putCorrection(c) {
        await query(
          `INSERT INTO ${s}.corrections (id, golden, filed_by, routed_to, status, filed_seq, body)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (id) DO UPDATE SET status = excluded.status, body = excluded.body`,
          [c.id, c.golden, c.filedBy, c.routedTo, c.status, c.filedSeq, j(c)],
        );
      },
    };
  }

  return {
    kind: 'postgres',
    ...reads,
    async write<T>(fn: (tx: StoreWrites) => Promise<T>): Promise<T> {
      if (!open) throw new GdsStoreError('GDS_STORE_BACKEND', '存储已关闭', 'the store is closed');
      await init();
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (e) {
        throw backend('无法连接 PostgreSQL', 'cannot connect to PostgreSQL', e);
      }
      const created: string[] = [];
      const query: Q = async (sql, args) => {
        try {
          return (await client.query(sql, args as unknown[])).rows;
        } catch (e) {
          throw backend('PostgreSQL 存储操作失败', 'a PostgreSQL store operation failed', e);
        }
      };
      try {
        await query('BEGIN');
        await query(lockSql, [schema]);
        const r = await fn(writesOn(query, created));
        await query('COMMIT');
        return r;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {});
        // Partitions created in a rolled-back transaction are gone again.
        for (const e of created) partitions.delete(e);
        throw e;
      } finally {
        client.release();
      }
    },
    async close() {
      if (!open) return;
      open = false;
      if (owned) await pool.end();
    },
  };
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LogStore } from '@gds/ledger';
import { createMemoryStore } from '@gds/ledger/memory';
import { createPostgresStore } from '@gds/ledger/postgres';
import { createSqliteStore } from '@gds/ledger/sqlite';
import { describe, it } from 'vitest';
import { storeContract } from './_contract.js';

storeContract('memory', {
  create: async () => createMemoryStore(),
  share: async (store) => store,
});

const dir = mkdtempSync(join(tmpdir(), 'gds-ledger-sqlite-'));
const paths = new WeakMap<LogStore, string>();
let n = 0;
storeContract('sqlite', {
  create: async () => {
    const path = join(dir, `log-${n++}.sqlite`);
    const store = createSqliteStore({ path });
    paths.set(store, path);
    return store;
  },
  reopen: async (store) => createSqliteStore({ path: paths.get(store)! }),
  share: async (store) => createSqliteStore({ path: paths.get(store)! }),
  cleanup: async () => rmSync(dir, { recursive: true, force: true }),
});

// PostgreSQL: a real server from GDS_PG_URL (.ci/run starts one and sets GDS_REQUIRE_PG=1).
const pgUrl = process.env.GDS_PG_URL;
if (!pgUrl && process.env.GDS_REQUIRE_PG === '1') {
  describe('LogStore contract: postgres', () => {
    it('needs GDS_PG_URL (GDS_REQUIRE_PG=1)', () => {
      throw new Error('GDS_REQUIRE_PG=1 but GDS_PG_URL is not set');
    });
  });
} else if (!pgUrl) {
  describe.skip('LogStore contract: postgres (skipped: GDS_PG_URL not set)', () => {
    it('needs a server', () => {});
  });
} else {
  // A unique schema per run and per store, so parallel runs never share tables.
  const run = `t${process.pid}_${Date.now().toString(36)}`;
  const schemas = new WeakMap<LogStore, string>();
  const created: string[] = [];
  let k = 0;
  storeContract('postgres', {
    create: async () => {
      const schema = `gds_ledger_${run}_${k++}`;
      created.push(schema);
      const store = createPostgresStore({ connectionString: pgUrl, schema });
      schemas.set(store, schema);
      return store;
    },
    reopen: async (store) => createPostgresStore({ connectionString: pgUrl, schema: schemas.get(store)! }),
    share: async (store) => createPostgresStore({ connectionString: pgUrl, schema: schemas.get(store)! }),
    cleanup: async () => {
      const pg = (await import('pg')).default;
      const client = new pg.Client({ connectionString: pgUrl });
      await client.connect();
      for (const s of created) await client.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
      await client.end();
    },
  });
}

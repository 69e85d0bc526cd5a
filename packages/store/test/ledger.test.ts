import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Log } from '@gds/ledger';
import { createMemoryStore } from '@gds/ledger/memory';
import { openStore } from '@gds/store';
import { createSqliteAdapter } from '@gds/store/sqlite';
import Database from 'better-sqlite3';
import { afterAll, expect, test } from 'vitest';
import { person, steppingClock, submission } from './_fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'gds-store-ledger-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('each applied submission appends its entry to the ledger; altering the history changes the entry', async () => {
  const log = await Log.open(createMemoryStore());
  const path = join(dir, 'store.sqlite');
  const store = openStore(createSqliteAdapter({ path }), { now: steppingClock(), ledger: log });
  const a = await store.ingest(
    submission(
      'public-security',
      [1, 2].map((n) => person(n, 'public-security', { division: '110101001001' })),
    ),
  );
  const b = await store.ingest(
    submission('grid-management', [person(1, 'grid-management', { phone: '13812345678' })], {
      exportedAt: '2026-06-02T00:00:00Z',
    }),
  );
  // A duplicate appends nothing.
  expect(
    (
      await store.ingest(
        submission(
          'public-security',
          [1, 2].map((n) => person(n, 'public-security', { division: '110101001001' })),
        ),
      )
    ).status,
  ).toBe('duplicate');
  expect(log.size).toBe(2);
  const entries = await log.entries(0, 2);
  expect(entries[0]).toEqual(await store.ledgerEntry(a.submission));
  expect(entries[1]).toEqual(await store.ledgerEntry(b.submission));
  expect(await store.ledgerEntry('nope')).toBeUndefined();
  await store.close();

  // Someone edits a stored version behind the store's back: its entry no longer matches the ledger.
  const db = new Database(path);
  db.prepare("UPDATE gds_store_versions SET record = json_set(record, '$.name', '改过') WHERE seq = 1").run();
  db.close();
  const again = openStore(createSqliteAdapter({ path }));
  expect(await again.ledgerEntry(a.submission)).not.toEqual(entries[0]);
  expect(await again.ledgerEntry(b.submission)).toEqual(entries[1]);
  await again.close();
});

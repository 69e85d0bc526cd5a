import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import type { StoreAdapter } from '@gds/store';
import { createSqliteAdapter } from '@gds/store/sqlite';
import { afterAll } from 'vitest';
import { storeContract } from './_contract.js';
import { arbOp, checkProperty } from './_property.js';

const dir = mkdtempSync(join(tmpdir(), 'gds-store-sqlite-'));
const paths = new WeakMap<StoreAdapter, string>();
let n = 0;
storeContract('sqlite', {
  create: async () => {
    const path = join(dir, `store-${n++}.sqlite`);
    const a = createSqliteAdapter({ path });
    paths.set(a, path);
    return a;
  },
  reopen: async (a) => createSqliteAdapter({ path: paths.get(a)! }),
  cleanup: async () => rmSync(dir, { recursive: true, force: true }),
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

test.prop([fc.array(arbOp, { maxLength: 10 })], { numRuns: 15 })(
  'sqlite: golden records equal the batch merge of the latest facts; history replays; repeats are no-ops',
  async (ops) => {
    await checkProperty(createSqliteAdapter({ path: ':memory:' }), ops);
  },
);

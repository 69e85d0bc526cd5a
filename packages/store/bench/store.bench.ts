// `npm run bench -- store`: the @gds/store figures of issue 17, against the BUILT package.
// GDS_BENCH_STORE_N sets the residents per department of the scale run (default 1,000,000: three
// departments, 3M source records); run it small to see it work: GDS_BENCH_STORE_N=2000 npm run bench -- store
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalize } from '@gds/crypto';
import { person as personStandard, residentIdCheckCharacter } from '@gds/schema';
import { openStore, type Submission } from '@gds/store';
import { mergeFiles } from '@gds/store/node';
import { createSqliteAdapter } from '@gds/store/sqlite';
import Database from 'better-sqlite3';
import { compare, record } from '../../../bench/harness.js';

const N = Number(process.env.GDS_BENCH_STORE_N ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'gds-store-bench-'));
const DEPTS = ['public-security', 'civil-affairs', 'grid-management'] as const;

/** Resident n: a valid ID number (birth date from 1950-01-01 + n/1000 days, sequence n % 1000). */
function resident(n: number, dept: string): Record<string, unknown> {
  const d = new Date(Date.UTC(1950, 0, 1) + Math.floor(n / 1000) * 86_400_000);
  const ymd = d.toISOString().slice(0, 10);
  const body = `110101${ymd.replaceAll('-', '')}${String(n % 1000).padStart(3, '0')}`;
  const r: Record<string, unknown> = {
    id: `${dept.slice(0, 2)}-${n}`,
    identity: { type: 'resident-id', number: body + residentIdCheckCharacter(body) },
    name: dept === 'grid-management' ? `网格居民${n}` : `居民${n}`,
    sex: n % 2 ? '1' : '2',
    birthDate: ymd,
  };
  if (dept === 'civil-affairs') r.maritalStatus = '20';
  if (dept === 'grid-management') r.phone = `138${String(n).padStart(8, '0').slice(-8)}`;
  else
    r.residence = { divisionCode: ['110101001001', '110101001002', '110101002001'][n % 3], detail: `${n}号` };
  return r;
}

function* records(dept: string, n: number): Generator<Record<string, unknown>> {
  for (let i = 0; i < n; i++) yield resident(i, dept);
}

const sub = (dept: string, n: number, sha = 'a'.repeat(64)): Submission => ({
  department: dept,
  system: `${dept}-sys`,
  standard: 'person',
  version: '1.1.0',
  fileSha256: sha,
  exportedAt: '2026-06-30T00:00:00Z',
  mode: 'full',
  records: records(dept, n),
});

// 1. Ingest into SQLite vs a raw better-sqlite3 loop inserting the same canonical JSON rows in
// transactions of 1,000 (both on a fresh file, synchronous FULL, WAL).
const BATCH = 2000;
const rows = [...records('public-security', BATCH)].map((r) => canonicalize(r as never));
let k = 0;
await compare('store-ingest', [
  {
    name: `ingest ${BATCH} person records into a fresh SQLite store`,
    itemsPerCall: BATCH,
    unit: 'records',
    target: 0.5,
    iterations: 5,
    ours: {
      name: 'GoldenStore.ingest (validate, merge, facts, golden, history)',
      fn: async () => {
        const store = openStore(createSqliteAdapter({ path: join(dir, `ours-${k++}.sqlite`) }));
        await store.ingest(sub('public-security', BATCH));
        await store.close();
      },
    },
    peer: {
      name: 'better-sqlite3 INSERT of canonical JSON, transactions of 1000',
      fn: () => {
        const db = new Database(join(dir, `peer-${k++}.sqlite`));
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = FULL');
        db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
        const ins = db.prepare('INSERT INTO t (body) VALUES (?)');
        const tx = db.transaction((part: string[]) => {
          for (const r of part) ins.run(r);
        });
        for (let i = 0; i < rows.length; i += 1000) tx(rows.slice(i, i + 1000));
        db.close();
      },
    },
  },
]);

// 2. Three departments x N residents: peak RSS during ingest, and golden == batch merge.
const path = join(dir, 'scale.sqlite');
const store = openStore(createSqliteAdapter({ path }));
const t0 = performance.now();
for (const d of DEPTS) await store.ingest(sub(d, N));
const ingestSeconds = (performance.now() - t0) / 1000;
const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);

/** An order-independent digest of golden records: the sum of 64-bit prefixes of their SHA-256. */
const digest = (g: { key: string; record: unknown; provenance: unknown; sources: unknown }) =>
  createHash('sha256')
    .update(
      canonicalize({ key: g.key, record: g.record, provenance: g.provenance, sources: g.sources } as never),
    )
    .digest()
    .readBigUInt64BE(0);
let ours = 0n;
let oursCount = 0;
for await (const g of store.scan({ entity: 'person' })) {
  ours = (ours + digest(g)) & 0xffffffffffffffffn;
  oursCount++;
}
const inputs = DEPTS.map((d) => {
  const file = join(dir, `${d}.ndjson`);
  const out: string[] = [];
  for (const r of records(d, N)) out.push(JSON.stringify(r));
  writeFileSync(file, `${out.join('\n')}\n`);
  return { path: file, department: d, system: `${d}-sys`, time: '2026-06-30T00:00:00Z' };
});
mergeFiles({
  standard: personStandard,
  inputs,
  out: join(dir, 'golden.ndjson'),
  conflicts: join(dir, 'conflicts.ndjson'),
});
let batch = 0n;
let batchCount = 0;
const { readFileSync } = await import('node:fs');
for (const line of readFileSync(join(dir, 'golden.ndjson'), 'utf8').split('\n')) {
  if (!line) continue;
  batch = (batch + digest(JSON.parse(line))) & 0xffffffffffffffffn;
  batchCount++;
}

// 3. find by resident ID at 3N source records: latency percentiles over 10,000 random lookups.
const lat: number[] = [];
for (let i = 0; i < 10_000; i++) {
  const n = Math.floor(Math.random() * N);
  const id = (resident(n, 'public-security').identity as { number: string }).number;
  const s = performance.now();
  await store.find('person', id);
  lat.push(performance.now() - s);
}
lat.sort((a, b) => a - b);
const pct = (p: number) => Math.round(lat[Math.floor((lat.length - 1) * p)]! * 1000) / 1000;

// 4. The change feed: versions streamed per second.
const c0 = performance.now();
let changes = 0;
for await (const _ of store.changes({ since: 0 })) changes++;
const changesPerSecond = Math.round(changes / ((performance.now() - c0) / 1000));
await store.close();

record('store-scale', {
  residentsPerDepartment: N,
  sourceRecords: 3 * N,
  ingestSeconds: Math.round(ingestSeconds * 10) / 10,
  ingestRecordsPerSecond: Math.round((3 * N) / ingestSeconds),
  peakRssMb,
  peakRssTargetMb: 300,
  goldenRecords: oursCount,
  goldenEqualsBatchMerge: ours === batch && oursCount === batchCount,
  findMs: { p50: pct(0.5), p99: pct(0.99), max: pct(1), target: '<1 (p99)' },
  changes,
  changesPerSecond,
  changesTarget: 200_000,
});
rmSync(dir, { recursive: true, force: true });

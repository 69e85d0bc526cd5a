// Acceptance: an ingest process killed with SIGKILL at random moments, 20 times, on SQLite: no
// acknowledged submission is lost and none is half applied (the golden records always equal the batch
// merge of exactly the first k submissions of the feed, k at least the number acknowledged).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { person as personStandard } from '@gds/schema';
import { mergeRecords, openStore } from '@gds/store';
import { createSqliteAdapter } from '@gds/store/sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedSubmission } from './_fixtures.js';
import { buildWorker } from './_worker.js';

const KILLS = 20;
const DEPT = 'public-security';

/** The golden records after the first k submissions of the feed, as the batch merge gives them. */
function expected(k: number): string[] {
  const latest = new Map<string, { department: string; system: string; time: string; records: unknown[] }>();
  for (let i = 0; i < k; i++) {
    const sub = feedSubmission(DEPT, i);
    for (const r of sub.records as Record<string, unknown>[])
      latest.set((r.identity as { number: string }).number, {
        department: DEPT,
        system: sub.system!,
        time: sub.exportedAt,
        records: [r],
      });
  }
  return mergeRecords([...latest.values()], { standard: personStandard }).golden.map((g) =>
    JSON.stringify({ key: g.key, record: g.record, provenance: g.provenance, sources: g.sources }),
  );
}

function killAfterAck(child: ChildProcess, delayMs: number): Promise<number> {
  return new Promise((ok) => {
    let acked = -1;
    let buf = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout!.on('data', (d) => {
      buf += d;
      for (const m of buf.matchAll(/^ack (\d+) /gm)) acked = Math.max(acked, Number(m[1]));
      buf = buf.slice(buf.lastIndexOf('\n') + 1);
      timer ??= setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.on('exit', () => {
      clearTimeout(timer);
      ok(acked);
    });
  });
}

describe('SIGKILL crash safety (SQLite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gds-store-crash-'));
  const path = join(dir, 'store.sqlite');
  let worker = '';
  beforeAll(async () => {
    worker = await buildWorker();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`keeps every acknowledged submission, none half applied, across ${KILLS} kills`, {
    timeout: 55_000,
  }, async () => {
    let acked = 0;
    for (let round = 0; round < KILLS; round++) {
      const child = spawn(process.execPath, [worker, 'sqlite', path, '-', DEPT, String(acked), '-1'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const last = await killAfterAck(child, Math.floor(Math.random() * 700));
      if (last >= 0) acked = Math.max(acked, last + 1);
      const store = openStore(createSqliteAdapter({ path }));
      const rows: string[] = [];
      for await (const g of store.scan({ entity: 'person' }))
        rows.push(
          JSON.stringify({ key: g.key, record: g.record, provenance: g.provenance, sources: g.sources }),
        );
      await store.close();
      rows.sort();
      // The store holds exactly the first k submissions: k = acked, or one more committed unacknowledged.
      const k = [acked, acked + 1].find((n) => JSON.stringify(expected(n).sort()) === JSON.stringify(rows));
      expect(
        k,
        `round ${round}: the store is not the first ${acked} or ${acked + 1} submissions`,
      ).toBeDefined();
      acked = k!;
    }
    // The kills fell both before and after acknowledgements: the feed made progress across restarts.
    expect(acked).toBeGreaterThan(2);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { residentIdCheckCharacter } from '@gds/schema';
import { afterAll, describe, expect, test } from 'vitest';
import { gds, usageError } from './_io.js';

const dir = mkdtempSync(join(tmpdir(), 'gds-cli-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const body = '11010119900307451';
const id = body + residentIdCheckCharacter(body);
const police = (name: string) => ({
  id: 'ps-1',
  identity: { type: 'resident-id', number: id },
  name,
  sex: '1',
  birthDate: '1990-03-07',
  residence: { divisionCode: '110101001001', detail: '银闸胡同12号' },
});
const write = (name: string, records: unknown[]) => {
  const p = join(dir, name);
  writeFileSync(p, records.map((r) => `${JSON.stringify(r)}\n`).join(''));
  return p;
};
const ingestArgs = (file: string, dept: string, at: string, mode = 'full') => [
  'store',
  'ingest',
  file,
  '--department',
  dept,
  '--system',
  `${dept}-sys`,
  '--standard',
  'person@1.1.0',
  '--exported-at',
  at,
  '--mode',
  mode,
  '--db',
  join(dir, 'store.sqlite'),
];
const db = ['--db', join(dir, 'store.sqlite')];

describe('gds store', () => {
  test('ingest, find, get, history, changes, stats and a correction round trip', async () => {
    const a = await gds([
      ...ingestArgs(write('p1.ndjson', [police('张三')]), 'public-security', '2026-06-01T00:00:00Z'),
      '--format',
      'json',
    ]);
    expect(a.code).toBe(0);
    expect(JSON.parse(a.stdout)).toMatchObject({ status: 'applied', created: 1 });
    const again = await gds(ingestArgs(join(dir, 'p1.ndjson'), 'public-security', '2026-06-01T00:00:00Z'));
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('此前已导入，未作改变（already applied, nothing changed）');

    const found = await gds(['store', 'find', id.toLowerCase(), ...db, '--format', 'json']);
    expect(found.code).toBe(0);
    const g = JSON.parse(found.stdout);
    expect(g.record.name).toBe('张三');
    const text = await gds(['store', 'get', g.id, ...db, '--locale', 'en']);
    expect(text.stdout).toContain('/name  "张三"  ← public-security/public-security-sys ps-1');

    const filed = await gds([
      'store',
      'correct',
      g.id,
      '--path',
      '/name',
      '--value',
      '"张叁"',
      '--department',
      'grid-management',
      '--reason',
      '入户核实',
      ...db,
      '--format',
      'json',
    ]);
    expect(filed.code).toBe(0);
    const c = JSON.parse(filed.stdout);
    expect(c).toMatchObject({ routedTo: 'public-security', status: 'pending' });
    const wrong = await gds([
      'store',
      'correct',
      '--decide',
      c.id,
      '--accept',
      '--department',
      'grid-management',
      '--reason',
      'x',
      ...db,
    ]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('GDS_STORE_CORRECTION_STATE');
    const ok = await gds([
      'store',
      'correct',
      '--decide',
      c.id,
      '--accept',
      '--department',
      'public-security',
      '--reason',
      '属实',
      ...db,
    ]);
    expect(ok.code).toBe(0);
    const list = await gds([
      'store',
      'correct',
      '--list',
      '--department',
      'public-security',
      ...db,
      '--format',
      'json',
    ]);
    expect(JSON.parse(list.stdout).map((x: { status: string }) => x.status)).toEqual(['accepted']);

    const h = await gds(['store', 'history', g.id, ...db]);
    expect(
      h.stdout
        .split('\n')
        .filter((l) => l.startsWith('#'))
        .map((l) => l.split(' ')[2]),
    ).toEqual(['created', 'correction-filed', 'correction-accepted', 'updated']);
    expect(h.stdout).toContain('/name  "张三" → "张叁"  ← public-security');

    const feed = await gds(['store', 'changes', ...db, '--format', 'json']);
    const lines = JSON.parse(feed.stdout) as Array<{ kind: string; seq: number }>;
    expect(lines.map((l) => l.kind)).toEqual(['created', 'updated']);
    const resumed = await gds([
      'store',
      'changes',
      '--since',
      String(lines[0]!.seq),
      ...db,
      '--format',
      'json',
    ]);
    expect(JSON.parse(resumed.stdout)).toHaveLength(1);

    const stats = await gds(['store', 'stats', ...db, '--format', 'json']);
    expect(JSON.parse(stats.stdout)).toEqual({ seq: lines[1]!.seq, golden: { person: 1 } });
  });

  test('a refused submission exits 1 with its issues and changes nothing', async () => {
    const bad = { ...police('李四'), identity: { type: 'resident-id', number: '110101199003070001' } };
    const r = await gds(ingestArgs(write('bad.ndjson', [bad]), 'public-security', '2026-06-02T00:00:00Z'));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('已拒绝，存储未改变');
    expect(r.stdout).toContain('/identity/number');
  });

  test('bad calls are usage errors with stable codes', async () => {
    await usageError(gds(['store', 'ingest', join(dir, 'p1.ndjson'), ...db]), /--department/);
    await usageError(
      gds(ingestArgs(join(dir, 'p1.ndjson'), 'tax-bureau', '2026-06-03T00:00:00Z')),
      /GDS_STORE_NOT_A_SOURCE/,
    );
    const unknown = ingestArgs(join(dir, 'p1.ndjson'), 'public-security', '2026-06-03T00:00:00Z');
    unknown[unknown.indexOf('person@1.1.0')] = 'person@9.9.9';
    await usageError(gds(unknown), /GDS_STORE_UNKNOWN_STANDARD/);
    const missing = await gds(['store', 'get', 'gnope', ...db]);
    expect(missing.code).toBe(1);
  });
});

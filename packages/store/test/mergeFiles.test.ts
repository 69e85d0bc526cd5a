import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { person } from '@gds/schema';
import { mergeRecords } from '@gds/store';
import { mergeFiles } from '@gds/store/node';
import { afterAll, describe, expect, test } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'policy-merge-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function people(dept: string, n: number, seed: number) {
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    const k = (i * 7 + seed) % (n + 5);
    out.push({
      id: `${dept}-${i}`,
      identity: { type: 'resident-id', number: `1101011990${String(k).padStart(8, '0')}` },
      name: seed % 2 ? `张${k}` : `张${k}${i % 3 === 0 ? '丰' : ''}`,
      sex: String(1 + (k % 2)),
      birthDate: '1990-03-07',
      phone: `138${String(k + seed).padStart(8, '0')}`,
      residence: { divisionCode: '110101001001', detail: `${seed}号` },
    });
  }
  return out;
}

describe('mergeFiles', () => {
  test('partitioned file merge gives the same bytes as the in-memory merge', () => {
    const inputs = [
      { department: 'public-security', system: 'hukou', records: people('ps', 400, 1) },
      { department: 'grid-management', system: 'wg', records: people('gm', 300, 2) },
      {
        department: 'civil-affairs',
        records: [
          ...people('ca', 200, 3),
          { id: 'x', name: '无证', birthDate: '2000-01-01' },
          { id: 'y', name: '无证', birthDate: '2000-01-01' },
        ],
      },
    ];
    const files = inputs.map((input, i) => {
      const path = join(dir, `in${i}.ndjson`);
      writeFileSync(path, `${input.records.map((r) => JSON.stringify(r)).join('\n')}\n\nnot json\n`);
      return { path, department: input.department, system: input.system };
    });
    const report = mergeFiles({
      standard: person,
      inputs: files,
      out: join(dir, 'golden.ndjson'),
      conflicts: join(dir, 'conflicts.ndjson'),
      candidates: join(dir, 'candidates.ndjson'),
      partitionBytes: 20_000, // many partitions, to exercise the k-way merge
    });
    const mem = mergeRecords(inputs, { standard: person });
    const lines = (xs: unknown[]) => xs.map((x) => `${JSON.stringify(x)}\n`).join('');
    expect(readFileSync(join(dir, 'golden.ndjson'), 'utf8')).toBe(lines(mem.golden));
    expect(readFileSync(join(dir, 'conflicts.ndjson'), 'utf8')).toBe(lines(mem.conflicts));
    expect(readFileSync(join(dir, 'candidates.ndjson'), 'utf8')).toBe(lines(mem.candidates));
    expect(report).toMatchObject({
      records: 902,
      golden: mem.golden.length,
      conflicts: mem.conflicts.length,
      candidates: 1,
      invalidCount: 3,
    });
    expect(report.invalid[0]).toMatchObject({ file: files[0]!.path, line: 402 });
    expect(report.unkeyed).toEqual(mem.unkeyed);
  });

  test('incremental: merging new files into earlier golden records equals merging everything', () => {
    const a = { department: 'public-security', records: people('ps', 120, 1) };
    const b = { department: 'grid-management', records: people('gm', 150, 2) };
    const write = (name: string, records: unknown[]) => {
      const path = join(dir, name);
      writeFileSync(path, records.map((r) => `${JSON.stringify(r)}\n`).join(''));
      return path;
    };
    const pa = write('a.ndjson', a.records);
    const pb = write('b.ndjson', b.records);
    const o = (out: string) => ({
      standard: person,
      out: join(dir, out),
      conflicts: join(dir, `${out}.c`),
      partitionBytes: 5000,
    });
    mergeFiles({
      ...o('all.ndjson'),
      inputs: [
        { path: pa, department: a.department },
        { path: pb, department: b.department },
      ],
    });
    mergeFiles({ ...o('first.ndjson'), inputs: [{ path: pa, department: a.department }] });
    mergeFiles({
      ...o('then.ndjson'),
      inputs: [{ path: pb, department: b.department }],
      previous: join(dir, 'first.ndjson'),
    });
    expect(readFileSync(join(dir, 'then.ndjson'), 'utf8')).toBe(
      readFileSync(join(dir, 'all.ndjson'), 'utf8'),
    );
  });

  test('an unreadable input is an environment fault', () => {
    expect(() =>
      mergeFiles({
        standard: person,
        inputs: [{ path: join(dir, 'missing.ndjson'), department: 'x' }],
        out: join(dir, 'o'),
        conflicts: join(dir, 'c'),
      }),
    ).toThrow(expect.objectContaining({ code: 'GDS_STORE_IO' }));
  });
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mergeRecords } from '@gds/policy';
import { mergeFiles } from '@gds/policy/node';
import { person } from '@gds/schema';
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

  test('an unreadable input is an environment fault', () => {
    expect(() =>
      mergeFiles({
        standard: person,
        inputs: [{ path: join(dir, 'missing.ndjson'), department: 'x' }],
        out: join(dir, 'o'),
        conflicts: join(dir, 'c'),
      }),
    ).toThrow(expect.objectContaining({ code: 'GDS_POLICY_IO' }));
  });
});

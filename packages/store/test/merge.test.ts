import { test as fcTest } from '@fast-check/vitest';
import { person } from '@gds/schema';
import { type MergeInput, mergeRecords } from '@gds/store';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';

const police: MergeInput = {
  department: 'public-security',
  system: 'hukou',
  time: '2026-01-01T00:00:00Z',
  records: [
    {
      id: 'ps-1',
      identity: { type: 'resident-id', number: '11010119900307451x' },
      name: '张三',
      sex: '1',
      birthDate: '1990-03-07',
    },
  ],
};
const grid: MergeInput = {
  department: 'grid-management',
  system: 'wangge',
  time: '2026-03-01T00:00:00Z',
  records: [
    {
      id: 'gm-9',
      identity: { type: 'temporary-resident-id', number: '11010119900307451X' },
      name: '张叁',
      sex: '1',
      birthDate: '1990-03-07',
      phone: '13812345678',
      residence: { divisionCode: '110101001001', detail: '多福巷社区银闸胡同12号' },
    },
    {
      id: 'gm-10',
      name: '李四',
      sex: '2',
      birthDate: '1985-01-02',
      residence: { divisionCode: '110101001001' },
    },
  ],
};
const civil: MergeInput = {
  department: 'civil-affairs',
  system: 'minzheng',
  time: '2026-02-01T00:00:00Z',
  records: [
    {
      id: 'ca-3',
      identity: { type: 'resident-id', number: '11010119900307451X' },
      name: '张三',
      sex: '1',
      birthDate: '1990-03-07',
      residence: { divisionCode: '110101001002', detail: '另一个社区' },
      phone: '13900000000',
    },
    {
      id: 'ca-4',
      name: '李 四',
      sex: '2',
      birthDate: '1985-01-02',
      residence: { divisionCode: '110101001001', detail: 'x' },
    },
  ],
};

describe('golden records', () => {
  const r = mergeRecords([police, grid, civil], { standard: person });

  test('one golden record per resident ID, each field from its authoritative source or filling a gap', () => {
    expect(r.golden).toHaveLength(1);
    const g = r.golden[0]!;
    expect(g.key).toBe('11010119900307451X');
    expect(g.record.name).toBe('张三');
    expect(g.provenance['/name']).toEqual({
      department: 'public-security',
      system: 'hukou',
      recordId: 'ps-1',
      time: '2026-01-01T00:00:00Z',
    });
    // /phone's source is grid management: its value wins over civil affairs' more recent... older one.
    expect(g.record.phone).toBe('13812345678');
    expect(g.provenance['/phone']!.department).toBe('grid-management');
    // /residence/divisionCode's source is civil affairs: it wins over grid management's.
    expect((g.record.residence as { divisionCode: string }).divisionCode).toBe('110101001002');
    expect(g.provenance['/residence/divisionCode']!.department).toBe('civil-affairs');
    expect(g.provenance['/residence/detail']!.department).toBe('grid-management');
    expect(g.sources.map((s) => s.recordId)).toEqual(['ca-3', 'gm-9', 'ps-1']);
  });

  test('the conflicts report says which value won and why', () => {
    const name = r.conflicts.find((c) => c.path === '/name')!;
    expect(name).toMatchObject({
      key: '11010119900307451X',
      authoritative: 'public-security',
      winner: { value: '张三', department: 'public-security' },
      others: [{ value: '张叁', department: 'grid-management' }],
      reason: 'authoritative-source',
    });
    // The police wrote a lower-case check character: reported. Record ids differ by department too,
    // but a department's own record id is source data (in provenance), not a golden-record conflict.
    expect(r.conflicts.map((c) => c.path)).toEqual([
      '/identity/type',
      '/identity/number',
      '/name',
      '/phone',
      '/residence/divisionCode',
      '/residence/detail',
    ]);
    const type = r.conflicts.find((c) => c.path === '/identity/type')!;
    expect(type.reason).toBe('authoritative-source');
  });

  test('residents without an ID number are never merged, only paired for review', () => {
    expect(r.unkeyed.map((u) => u.recordId)).toEqual(['ca-4', 'gm-10']);
    expect(r.candidates).toEqual([
      {
        a: {
          department: 'civil-affairs',
          system: 'minzheng',
          recordId: 'ca-4',
          time: '2026-02-01T00:00:00Z',
        },
        b: {
          department: 'grid-management',
          system: 'wangge',
          recordId: 'gm-10',
          time: '2026-03-01T00:00:00Z',
        },
        address: 'same-division',
        score: 0.9,
      },
    ]);
  });

  test('a keyless record is paired with a golden record of the same name, birth date and county', () => {
    const lone: MergeInput = {
      department: 'health',
      records: [
        { id: 'h-1', name: '张三', birthDate: '1990-03-07', residence: { divisionCode: '110101009009' } },
      ],
    };
    const far: MergeInput = {
      department: 'health',
      records: [
        { id: 'h-2', name: '张三', birthDate: '1990-03-07', residence: { divisionCode: '310101001001' } },
      ],
    };
    const m = mergeRecords([police, civil, lone, far], { standard: person });
    expect(m.candidates).toEqual([
      {
        a: { department: 'health', recordId: 'h-1' },
        b: { key: '11010119900307451X', department: 'public-security' },
        address: 'same-county',
        score: 0.8,
      },
    ]);
    expect(m.golden).toHaveLength(1);
  });

  test('same authority, different times: the most recent wins; equal times: a fixed tie-break', () => {
    const a: MergeInput = {
      department: 'grid-management',
      time: '2026-01-01T00:00:00Z',
      records: [{ id: 'a', identity: { type: 'resident-id', number: '1' }, phone: '1' }],
    };
    const b: MergeInput = {
      department: 'grid-management',
      time: '2026-02-01T00:00:00Z',
      records: [{ id: 'b', identity: { type: 'resident-id', number: '1' }, phone: '2' }],
    };
    const c: MergeInput = {
      department: 'grid-management',
      time: '2026-02-01T00:00:00Z',
      records: [{ id: 'c', identity: { type: 'resident-id', number: '1' }, phone: '3' }],
    };
    const phone = (inputs: MergeInput[]) =>
      mergeRecords(inputs, { standard: person }).conflicts.find((x) => x.path === '/phone');
    expect(phone([a, b])).toMatchObject({
      reason: 'most-recent',
      winner: { value: '2' },
      others: [{ value: '1' }],
    });
    expect(phone([c, b])).toMatchObject({ reason: 'tie-break', winner: { value: '2', recordId: 'b' } });
  });
});

// ---- property: any order of inputs and records gives byte-identical output ----

const DEPTS = ['public-security', 'grid-management', 'civil-affairs', 'health'];
const arbRecord = fc.record(
  {
    id: fc.constantFrom('r1', 'r2', 'r3', 'r4'),
    identity: fc.record({
      type: fc.constantFrom('resident-id', 'temporary-resident-id', 'cn-passport'),
      number: fc.constantFrom('110101199003074514', '11010119900307451x', 'E1234567', '320102198001010012'),
    }),
    name: fc.constantFrom('张三', '张叁', '李四'),
    sex: fc.constantFrom('1', '2'),
    birthDate: fc.constantFrom('1990-03-07', '1980-01-01'),
    phone: fc.constantFrom('13812345678', '13900000000'),
    residence: fc.record(
      { divisionCode: fc.constantFrom('110101001001', '110101001002'), detail: fc.constantFrom('甲', '乙') },
      { requiredKeys: ['divisionCode'] },
    ),
  },
  { requiredKeys: ['id'] },
);
const arbInput = fc.record({
  department: fc.constantFrom(...DEPTS),
  system: fc.constantFrom('s1', 's2'),
  time: fc.constantFrom('2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z', '2026-02-01T00:00:00.000Z'),
  records: fc.array(arbRecord, { maxLength: 6 }),
});

function serialise(r: ReturnType<typeof mergeRecords>) {
  return {
    golden: r.golden.map((g) => JSON.stringify(g)).join('\n'),
    conflicts: r.conflicts.map((c) => JSON.stringify(c)).join('\n'),
    candidates: JSON.stringify(r.candidates),
    unkeyed: JSON.stringify(r.unkeyed),
  };
}

function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('order independence (property)', () => {
  fcTest.prop([fc.array(arbInput, { minLength: 1, maxLength: 4 }), fc.integer(), fc.integer()], {
    numRuns: 150,
  })(
    'merging the same inputs in any order gives byte-identical golden records and conflict reports',
    (inputs, seedA, seedB) => {
      const base = serialise(mergeRecords(inputs, { standard: person }));
      // Shuffle the departments' files, and the records inside each; also flatten into one file per record.
      const reordered = shuffled(inputs, seedA).map((i) => ({ ...i, records: shuffled(i.records, seedB) }));
      expect(serialise(mergeRecords(reordered, { standard: person }))).toEqual(base);
      const flat = shuffled(
        inputs.flatMap((i) => i.records.map((r) => ({ ...i, records: [r] }))),
        seedA ^ seedB,
      );
      expect(serialise(mergeRecords(flat, { standard: person }))).toEqual(base);
    },
  );

  fcTest.prop([fc.array(arbInput, { minLength: 1, maxLength: 4 })], { numRuns: 100 })(
    "each field's provenance names a department that supplied that value",
    (inputs) => {
      const r = mergeRecords(inputs, { standard: person });
      for (const g of r.golden) {
        for (const [path, p] of Object.entries(g.provenance)) {
          const value = path
            .split('/')
            .slice(1)
            .reduce<unknown>((v, k) => (v as Record<string, unknown>)?.[k], g.record);
          const supplied = inputs.some(
            (i) =>
              i.department === p.department &&
              i.records.some(
                (rec) =>
                  (rec as { id: string }).id === p.recordId &&
                  JSON.stringify(
                    path
                      .split('/')
                      .slice(1)
                      .reduce<unknown>((v, k) => (v as Record<string, unknown>)?.[k], rec),
                  ) === JSON.stringify(value),
              ),
          );
          expect(supplied, `${g.key} ${path}`).toBe(true);
        }
      }
    },
  );

  fcTest.prop(
    [fc.array(arbInput, { minLength: 1, maxLength: 3 }), fc.array(arbInput, { minLength: 1, maxLength: 3 })],
    {
      numRuns: 100,
    },
  )(
    'incremental: merging new records into earlier golden records equals merging everything',
    (first, second) => {
      const all = mergeRecords([...first, ...second], { standard: person });
      const earlier = mergeRecords(first, { standard: person });
      const later = mergeRecords(second, { standard: person, previous: earlier.golden });
      expect(later.golden.map((g) => JSON.stringify(g))).toEqual(all.golden.map((g) => JSON.stringify(g)));
    },
  );
});

import {
  type ConvertResult,
  createConverter,
  createExporter,
  type Mapping,
  parseCrosswalk,
  parseMapping,
  type SourceRecord,
} from '@gds/convert';
import { readCsv } from '@gds/convert/csv';
import { createIssue } from '@gds/schema';
import { describe, expect, it } from 'vitest';

const mapping: Mapping = parseMapping({
  id: 'test/people',
  version: '1.0.0',
  title: { zh: '测试', en: 'Test' },
  source: { system: 'test/people', format: 'csv', encoding: 'utf-8' },
  target: { standard: 'person', version: 'next' },
  recordId: { target: 'id', keys: ['gmsfhm'], prefix: 't-' },
  filters: [{ column: 'xm', op: 'notEquals', value: '合计' }],
  fields: [
    { target: 'identity.type', const: 'resident-id' },
    { target: 'identity.number', from: 'gmsfhm', transforms: ['trim', 'residentId'] },
    { target: 'name', from: 'xm', transforms: ['trim'] },
    { target: 'sex', from: 'xb', crosswalk: 'sex/test' },
    { target: 'birthDate', from: 'csrq', transforms: [{ name: 'date', exportFormat: 'yyyyMMdd' }] },
  ],
});
const crosswalks = {
  'sex/test': parseCrosswalk(
    'sex/test',
    'source_code,source_label,code,equivalence,comment\n1,男,1,equivalent,\n2,女,2,equivalent,\n',
  ),
};
// An injected validator keeps the engine test independent of the schema build.
const validate = (rec: unknown) => {
  const r = rec as Record<string, unknown>;
  const issues = ['name', 'birthDate']
    .filter((k) => r[k] === undefined)
    .map((k) => createIssue('required', [k], { property: k }));
  return { ok: issues.length === 0, issues };
};

async function run(csv: string) {
  const converter = createConverter(mapping, { crosswalks, validate, file: 'p.csv' });
  const reader = readCsv(new TextEncoder().encode(csv));
  const accepted: unknown[] = [];
  const results: ConvertResult[] = [];
  for await (const rec of reader) {
    const r = converter.convert(rec);
    results.push(r);
    if (r.status === 'accepted') accepted.push(r.record);
  }
  return { accepted, results, report: converter.report(reader.info) };
}

describe('createConverter', () => {
  it.each(['constructor', 'toString', 'no-such-transform'])(
    'refuses a mapping naming an unknown transform (%s) with a typed error',
    (name) => {
      const bad = { ...mapping, fields: [{ target: 'name', from: 'xm', transforms: [name] }] } as Mapping;
      expect(() => createConverter(bad, { crosswalks, validate })).toThrow(
        expect.objectContaining({ code: 'GDS_CONVERT_UNKNOWN_TRANSFORM' }),
      );
    },
  );
  it.each(['constructor', 'toString', '__proto__'])(
    'refuses a mapping naming a crosswalk that was not supplied (%s) with a typed error',
    (name) => {
      const bad = { ...mapping, fields: [{ target: 'sex', from: 'xb', crosswalk: name }] } as Mapping;
      expect(() => createConverter(bad, { crosswalks, validate })).toThrow(
        expect.objectContaining({ code: 'GDS_CONVERT_UNKNOWN_CROSSWALK' }),
      );
    },
  );
  it.each(['__proto__', 'a.__proto__.polluted', 'a.constructor.__proto__'])(
    'refuses a mapping writing to %s with a typed error, leaving Object.prototype alone',
    (target) => {
      const bad = { ...mapping, fields: [{ target, from: 'xm' }] } as Mapping;
      expect(() => createConverter(bad, { crosswalks, validate })).toThrow(
        expect.objectContaining({ code: 'GDS_CONVERT_INVALID_MAPPING' }),
      );
      const badId = { ...mapping, recordId: { target: '__proto__.polluted', keys: ['gmsfhm'] } } as Mapping;
      expect(() => createConverter(badId, { crosswalks, validate })).toThrow(
        expect.objectContaining({ code: 'GDS_CONVERT_INVALID_MAPPING' }),
      );
      expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
    },
  );
  it.each(['constructor', 'toString', '__proto__'])(
    'a code list named %s is not supplied: cells pass through on import and codes on export',
    async (list) => {
      const m = {
        ...mapping,
        recordId: undefined,
        filters: [],
        fields: [
          { target: 'name', from: 'xm', transforms: [{ name: 'codeFromLabel', list, exportAs: 'label' }] },
        ],
      } as Mapping;
      const opts = { validate: () => ({ ok: true, issues: [] }), codeLists: { ethnicity: [] } };
      const conv = createConverter(m, opts);
      for await (const rec of readCsv(new TextEncoder().encode('xm\n汉族\n'))) {
        expect(conv.convert(rec)).toMatchObject({ status: 'accepted', record: { name: '汉族' } });
      }
      expect(createExporter(m, opts).exportRecord({ name: '01' }).values).toEqual(['01']);
    },
  );
  it('reads fields named like Object.prototype members only when the record has them', async () => {
    const m = {
      ...mapping,
      recordId: undefined,
      filters: [],
      fields: [
        { target: 'name', from: 'xm', onlyIf: 'toString' },
        { target: 'constructor', from: 'gz' },
      ],
    } as Mapping;
    expect(createExporter(m).exportRecord({ name: '张三' }).values).toEqual(['张三', null]);
    const conv = createConverter(m, { validate: () => ({ ok: true, issues: [] }) });
    for await (const rec of readCsv(new TextEncoder().encode('xm,gz\n张三,\n'))) {
      const r = conv.convert(rec);
      expect(r.status === 'accepted' && Object.keys(r.record)).toEqual([]);
    }
  });
  it('converts rows, rejects bad ones with source positions, and reconciles counts', async () => {
    const { accepted, report } = await run(
      'gmsfhm,xm,xb,csrq,bz\n11010519491231002x,张三,男,19491231,\n11010519491231002X,张三,1,19491231,\n34052419800101001X,,2,1980/1/1,\n370101190102039973,李四,2,2020-02-30,\n,合计,,,\n',
    );
    expect(accepted).toEqual([
      {
        id: expect.stringMatching(/^t-[0-9a-f]{32}$/),
        identity: { type: 'resident-id', number: '11010519491231002X' },
        name: '张三',
        sex: '1',
        birthDate: '1949-12-31',
      },
    ]);
    expect(report.stats).toMatchObject({
      rowsRead: 4,
      rowsAccepted: 1,
      rowsRejected: 3,
      rowsSkipped: 1,
      duplicateKeys: 1,
    });
    expect(report.stats.rowsRead).toBe(report.stats.rowsAccepted + report.stats.rowsRejected);
    const bad = report.issues.find((i) => i.code === 'transform.invalid_date')!;
    expect(bad.path).toEqual(['birthDate']);
    expect(bad.source).toEqual({
      file: 'p.csv',
      row: 5,
      column: 'csrq',
      columnLetter: 'D',
      raw: '2020-02-30',
    });
    const dup = report.issues.find((i) => i.code === 'row.duplicate_key')!;
    expect(dup.params).toMatchObject({ firstRow: 2 });
    expect(report.unusedColumns).toEqual(['bz']);
    expect(report.issues.find((i) => i.code === 'required')!.source).toMatchObject({
      row: 4,
      column: 'xm',
      columnLetter: 'B',
    });
  });

  it('says a missing column once, in the file-level issues', async () => {
    const { report } = await run('gmsfhm,name,xb,csrq\n11010519491231002X,张三,1,19491231\n');
    expect(report.missingColumns).toEqual(['xm']);
    expect(report.groups.find((g) => g.code === 'source.missing_column')?.count).toBe(1);
  });

  it('lists a misspelt column first as the root cause of the per-row issues it explains', async () => {
    const rows = [
      '11010519491231002X,张三,1,19491231',
      '110105194912310029,李四,2,19491231',
      'x,王五,1,1949',
    ];
    const { report, results } = await run(`gmsfhm,xnm,xb,csrq\n${rows.join('\n')}\n`);
    expect(report.stats).toMatchObject({ rowsRead: 3, rowsAccepted: 0, rowsRejected: 3 });
    const cause = { code: 'source.missing_column', column: 'xm' };
    const root = report.issues[0]!;
    expect(root).toMatchObject({ code: cause.code, params: { column: 'xm', rows: 3, suggestion: 'xnm' } });
    expect(report.groups[0]).toMatchObject({ code: cause.code, column: 'xm', count: 1 });
    expect(report.groups[1]).toMatchObject({ code: 'required', count: 3, cause });
    // No row issue is lost: each row still says what is wrong with it, and points at the cause.
    const required = report.issues.filter((i) => i.code === 'required');
    expect(required.map((i) => i.source?.row)).toEqual([2, 3, 4]);
    for (const i of required) expect(i.cause).toEqual(cause);
    for (const r of results) expect(r.issues.find((i) => i.code === 'required')?.cause).toEqual(cause);
    // Issues with other origins carry no cause.
    expect(
      report.issues.filter((i) => i.cause === undefined && i.code !== cause.code).length,
    ).toBeGreaterThan(0);
    expect(report.issues.find((i) => i.code === 'source.unused_column')?.cause).toBeUndefined();
  });

  it('suggests nothing when no header is close to the missing one', async () => {
    const { report } = await run('gmsfhm,name,xb,csrq\n11010519491231002X,张三,1,19491231\n');
    expect(report.issues[0]).toMatchObject({
      code: 'source.missing_column',
      params: { column: 'xm', rows: 1 },
    });
    expect(report.issues[0]!.params).not.toHaveProperty('suggestion');
  });

  it('finds every repeated key among many rows (the id table grows without losing entries)', async () => {
    const converter = createConverter(
      { ...mapping, filters: [], fields: mapping.fields.filter((f) => f.target !== 'sex') },
      { crosswalks, validate: () => ({ ok: true, issues: [] }) },
    );
    const columns = ['gmsfhm', 'xm', 'csrq'];
    let dups = 0;
    for (let i = 0; i < 30000; i++) {
      const key = i % 3001 === 0 && i > 0 ? 'K0' : `K${i}`;
      const r = converter.convert({ row: i + 2, columns, values: [key, '张三', '19491231'], issues: [] });
      if (r.issues.some((x) => x.code === 'row.duplicate_key')) dups++;
    }
    expect(dups).toBe(9);
    expect(converter.report({ format: 'csv', bytes: 0, blankRows: 0, issues: [] }).stats.duplicateKeys).toBe(
      9,
    );
  });

  it('gives the same id for the same key, whatever the run', async () => {
    const a = await run('gmsfhm,xm,xb,csrq\n11010519491231002X,张三,1,19491231\n');
    const b = await run('gmsfhm,xm,xb,csrq\n11010519491231002x,张三,1,19491231\n');
    expect(a.accepted).toEqual(b.accepted);
  });
});

describe('createExporter', () => {
  it('writes canonical records back through the inverses', () => {
    const exporter = createExporter(mapping, { crosswalks });
    expect(exporter.columns).toEqual(['gmsfhm', 'xm', 'xb', 'csrq']);
    const { values } = exporter.exportRecord({
      id: 'x',
      identity: { type: 'resident-id', number: '11010519491231002X' },
      name: '张𠮷',
      sex: '2',
      birthDate: '1949-12-31',
    });
    expect(values).toEqual(['11010519491231002X', '张𠮷', '2', '19491231']);
  });
});

void (null as unknown as SourceRecord);

import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { builtinTransforms, checkMapping, createConverter, type Mapping, parseMapping } from '@gds/convert';
import { loadMapping } from '@gds/convert/node';
import { standardsDir } from '@gds/standards/fs';
import Ajv from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';

const root = standardsDir();
const schema = JSON.parse(readFileSync(join(root, 'profile', 'mapping.schema.json'), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false }).compile(schema);
const official: Record<string, unknown> = {};
for (const dept of readdirSync(join(root, 'mappings')).sort()) {
  for (const f of readdirSync(join(root, 'mappings', dept))
    .filter((n) => n.endsWith('.mapping.json'))
    .sort()) {
    official[`${dept}/${f}`] = JSON.parse(readFileSync(join(root, 'mappings', dept, f), 'utf8'));
  }
}
const population = official['public-security/population.mapping.json'] as Mapping;
const clone = <T>(v: T): T => structuredClone(v);
const onFs = {
  hasCrosswalk: (id: string) =>
    readdirSync(join(root, 'crosswalks', id.split('/')[0]!)).includes(`${id.split('/')[1]}.csv`),
  hasCodeList: (id: string) => readdirSync(join(root, 'codelists')).includes(`${id}.csv`),
};

describe('checkMapping on the official mappings', () => {
  it.each(Object.keys(official))('%s has no problem', (file) => {
    expect(checkMapping(official[file], onFs)).toEqual([]);
  });
});

// Each class of refusal, with the pointer it must name. Every mutation is of the police mapping:
// fields 0 identity.type, 1 identity.number, 2 name, 3 sex, 4 ethnicity, 5 birthDate, 6 residence.divisionCode.
const refusals: [string, (m: any) => void, string, string][] = [
  [
    'a misspelt key (tranforms) is refused, not ignored',
    (m) => {
      m.fields[1].tranforms = m.fields[1].transforms;
      delete m.fields[1].transforms;
    },
    '/fields/1/tranforms',
    'GDS_CONVERT_INVALID_MAPPING',
  ],
  ['an unknown top-level key', (m) => (m.feilds = []), '/feilds', 'GDS_CONVERT_INVALID_MAPPING'],
  ['a missing required member', (m) => delete m.title, '/title', 'GDS_CONVERT_INVALID_MAPPING'],
  ['a wrong type', (m) => (m.source.headerRow = '1'), '/source/headerRow', 'GDS_CONVERT_INVALID_MAPPING'],
  [
    'an unknown source format',
    (m) => (m.source.format = 'xls'),
    '/source/format',
    'GDS_CONVERT_INVALID_MAPPING',
  ],
  ['a rule with nothing to read', (m) => delete m.fields[2].from, '/fields/2', 'GDS_CONVERT_INVALID_MAPPING'],
  [
    'a target the standard version does not have',
    (m) => (m.fields[6].target = 'residence.divisonCode'),
    '/fields/6/target',
    'GDS_CONVERT_INVALID_MAPPING',
  ],
  [
    'a target of a later version only (email is person 1.1.0)',
    (m) => (m.fields[2].target = 'email'),
    '/fields/2/target',
    'GDS_CONVERT_INVALID_MAPPING',
  ],
  [
    'a standard version that does not exist',
    (m) => (m.target.version = '9.9.9'),
    '/target/version',
    'GDS_CONVERT_INVALID_MAPPING',
  ],
  [
    'a from column missing from source.exportColumns',
    (m) => (m.fields[2].from = 'xming'),
    '/fields/2/from',
    'GDS_CONVERT_INVALID_MAPPING',
  ],
  [
    'an unknown transform',
    (m) => (m.fields[2].transforms = ['trimm']),
    '/fields/2/transforms/0',
    'GDS_CONVERT_UNKNOWN_TRANSFORM',
  ],
  [
    'a misspelt transform parameter (exportFromat)',
    (m) => (m.fields[5].transforms[2] = { name: 'date', exportFromat: 'yyyyMMdd' }),
    '/fields/5/transforms/2/exportFromat',
    'GDS_CONVERT_INVALID_MAPPING',
  ],
  [
    'a transform without its required parameter',
    (m) => (m.fields[4].transforms[1] = { name: 'codeFromLabel' }),
    '/fields/4/transforms/1/list',
    'GDS_CONVERT_INVALID_MAPPING',
  ],
  [
    'an invalid regular expression',
    (m) => m.fields[2].transforms.push({ name: 'regex', pattern: '(' }),
    '/fields/2/transforms/1/pattern',
    'GDS_CONVERT_INVALID_MAPPING',
  ],
  [
    'a crosswalk that does not exist',
    (m) => (m.fields[3].crosswalk = 'sex/public-securty'),
    '/fields/3/crosswalk',
    'GDS_CONVERT_UNKNOWN_CROSSWALK',
  ],
  [
    'a code list that does not exist',
    (m) => (m.fields[4].transforms[1].list = 'ethnicty'),
    '/fields/4/transforms/1/list',
    'GDS_CONVERT_UNKNOWN_CODE_LIST',
  ],
  [
    'onlyIf naming a field the mapping does not produce',
    (m) => (m.fields[8].onlyIf = 'contacts'),
    '/fields/8/onlyIf',
    'GDS_CONVERT_INVALID_MAPPING',
  ],
  [
    'onlyIf conditions in a cycle',
    (m) => {
      m.fields[2].onlyIf = 'phone';
      m.fields[8].onlyIf = 'name';
    },
    '/fields/2/onlyIf',
    'GDS_CONVERT_INVALID_MAPPING',
  ],
  [
    'a target set twice',
    (m) => (m.fields[8].target = 'name'),
    '/fields/8/target',
    'GDS_CONVERT_INVALID_MAPPING',
  ],
  [
    'a comparing filter without a value',
    (m) => (m.filters = [{ column: 'xm', op: 'equals' }]),
    '/filters/0/value',
    'GDS_CONVERT_INVALID_MAPPING',
  ],
  [
    'a matching filter with an invalid pattern',
    (m) => (m.filters = [{ column: 'xm', op: 'matches', value: '[' }]),
    '/filters/0/value',
    'GDS_CONVERT_INVALID_MAPPING',
  ],
];

describe('mapping refusals', () => {
  it.each(refusals)('%s', (_, mutate, pointer, code) => {
    const m = clone(population);
    mutate(m);
    const problems = checkMapping(m, onFs);
    expect(problems[0], JSON.stringify(problems)).toMatchObject({ pointer, code });
    expect(problems[0]!.messageZh).toMatch(/[\u4e00-\u9fff]/);
    expect(problems[0]!.messageEn).toMatch(/^[\x20-\x7e\u4e00-\u9fff]+$/);
    // Loading the file refuses it the same way, pointer in the message.
    const dir = mkdtempSync(join(tmpdir(), 'gds-check-'));
    const file = join(dir, 'm.mapping.json');
    writeFileSync(file, JSON.stringify(m));
    let error: any;
    try {
      loadMapping(file);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ name: 'GdsConvertError', code, pointer });
    expect(error.message).toContain(pointer);
    expect(error.problems.length).toBe(problems.length);
  });

  it.each(Object.keys(builtinTransforms))('knows the parameters of the built-in transform %s', (name) => {
    const m = clone(population) as any;
    m.fields[2].transforms = [{ name, list: 'sex', values: {}, pattern: 'x', value: 'x', bogus: 1 }];
    expect(checkMapping(m).map((p) => p.pointer)).toContain('/fields/2/transforms/0/bogus');
  });

  it('reports every problem at once, in document order', () => {
    const m = clone(population) as any;
    m.fields[1].tranforms = [];
    m.fields[6].target = 'residence.divisonCode';
    m.extra = 1;
    // Schema problems come first: the meaning of a malformed file is not guessed at.
    expect(checkMapping(m).map((p) => [p.kind, p.pointer])).toEqual([
      ['schema', '/fields/1/tranforms'],
      ['schema', '/extra'],
    ]);
    delete m.extra;
    delete m.fields[1].tranforms;
    m.fields[2].from = 'xming';
    expect(checkMapping(m).map((p) => [p.kind, p.pointer])).toEqual([
      ['meaning', '/fields/2/from'],
      ['meaning', '/fields/6/target'],
    ]);
  });

  it('parseMapping throws the first problem, bilingual, with the pointer', () => {
    const m = clone(population) as any;
    m.fields[1].tranforms = m.fields[1].transforms;
    delete m.fields[1].transforms;
    expect(() => parseMapping(m)).toThrow(
      /^映射 public-security\/population \/fields\/1\/tranforms：未知的键 tranforms.*（mapping public-security\/population at \/fields\/1\/tranforms: unknown key tranforms/,
    );
  });

  it('skips the target checks with standard: null, and checks against the fields given', () => {
    const m = clone(population) as any;
    m.target = { standard: 'village-asset', version: '1.0.0' };
    expect(checkMapping(m)[0]).toMatchObject({ pointer: '/target/standard' });
    expect(checkMapping(m, { standard: null })).toEqual([]);
    const fields = [
      '/id',
      '/identity',
      '/identity/type',
      '/identity/number',
      '/name',
      '/sex',
      '/ethnicity',
      '/birthDate',
      '/residence',
      '/residence/divisionCode',
      '/phone',
    ];
    const problems = checkMapping(m, {
      standard: { fields: fields.map((path) => ({ path, type: 'string' })) },
    });
    expect(problems.map((p) => p.pointer)).toEqual(['/fields/7/target']);
  });

  it('knows the targets of grouped and each rules under their array', () => {
    const hh = clone(official['civil-affairs/dibao-household.mapping.json']) as any;
    hh.group.fields[0].target = 'fullName';
    expect(checkMapping(hh, onFs).map((p) => p.pointer)).toEqual(['/group/fields/0/target']);
    const cases = clone(official['grid/case-export.mapping.json']) as any;
    const each = cases.fields.findIndex((f: any) => f.each);
    cases.fields[each].each.fields[0].target = 'step';
    expect(checkMapping(cases, onFs).map((p) => p.pointer)).toEqual([`/fields/${each}/each/fields/0/target`]);
  });
});

describe('onlyIf does not depend on the order of fields', () => {
  const base = {
    id: 'test/only-if',
    version: '1.0.0',
    title: { zh: '测试', en: 'test' },
    source: { system: 'test/only-if', format: 'csv' },
    target: { standard: 'person', version: '1.0.0' },
  } as const;
  const group = { target: 'specialGroups.0.group', from: 'tslb', transforms: ['trim'] };
  const start = {
    target: 'specialGroups.0.start',
    from: 'ksrq',
    transforms: ['date'],
    onlyIf: 'specialGroups.0.group',
  };
  it.each([
    ['condition after the field it names', [group, start]],
    ['condition before the field it names', [start, group]],
  ])('%s', (_, fields) => {
    const m = parseMapping({ ...base, fields });
    const c = createConverter(m, { validate: () => ({ ok: true, issues: [] }) });
    const row = (values: string[]) => ({ row: 2, columns: ['tslb', 'ksrq'], values, issues: [] });
    expect(c.convert(row(['elderly', '20200102']))).toMatchObject({
      status: 'accepted',
      record: { specialGroups: [{ group: 'elderly', start: '2020-01-02' }] },
    });
    const r = c.convert(row(['', '20200102']));
    expect(r.status === 'accepted' && r.record).toEqual({});
  });
});

// The hand-written schema checker against Ajv2020 on the schema itself: same verdict on the official
// mappings and on mutations of them (a key removed, added, renamed or given another value).
type Path = (string | number)[];
function paths(v: unknown, p: Path = [], out: Path[] = []): Path[] {
  out.push(p);
  if (Array.isArray(v)) for (const [i, x] of v.entries()) paths(x, [...p, i], out);
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...p, k], out);
  return out;
}
const keys = [
  'tranforms',
  'transforms',
  'from',
  'target',
  'const',
  'default',
  'required',
  'onlyIf',
  'each',
  'crosswalk',
  'fields',
  'name',
  'format',
  'encoding',
  'headerRow',
  'system',
  'exportColumns',
  'columns',
  'start',
  'length',
  'recordPath',
  'keys',
  'prefix',
  'zh',
  'en',
  'by',
  'op',
  'value',
  'column',
  'sheet',
  'bom',
  'delimiter',
  'x',
];
const values = fc.oneof(
  fc.constantFrom(
    'csv',
    'xml',
    'fixed',
    'gb18030',
    'nonEmpty',
    'name',
    'a.b',
    '1.0.0',
    'a/b',
    '',
    'ab',
    '_x.0.y',
    'fill',
  ),
  fc.constantFrom(0, 1, -1, 1.5, 16, 65, true, false, null),
  fc.constantFrom([], ['a'], [1], {}, { name: 'trim' }, { zh: 'a', en: 'b' }, { target: 'name', from: 'x' }),
);
const mutation = fc.record({
  file: fc.constantFrom(...Object.keys(official)),
  pick: fc.nat(),
  op: fc.constantFrom('delete', 'set', 'add', 'rename'),
  key: fc.constantFrom(...keys),
  value: values,
});

describe('the schema checker agrees with Ajv2020', () => {
  test.prop([fc.array(mutation, { minLength: 1, maxLength: 3 })], { numRuns: 3000 })(
    'on mutated official mappings',
    (muts) => {
      const m = clone(official[muts[0]!.file]) as any;
      for (const { pick, op, key, value } of muts) {
        const all = paths(m);
        const path = all[pick % all.length]!;
        const parent = path.slice(0, -1).reduce((o, k) => o?.[k], m);
        const last = path[path.length - 1];
        const node = path.reduce((o: any, k) => o?.[k], m);
        if (op === 'set' && path.length > 0) parent[last!] = clone(value);
        else if (op === 'delete' && path.length > 0) {
          if (Array.isArray(parent)) parent.splice(last as number, 1);
          else delete parent[last!];
        } else if (op === 'add' && node && typeof node === 'object' && !Array.isArray(node))
          node[key] = clone(value);
        else if (op === 'add' && Array.isArray(node)) node.push(clone(value));
        else if (op === 'rename' && parent && !Array.isArray(parent) && typeof last === 'string') {
          parent[key] = parent[last];
          if (key !== last) delete parent[last];
        }
      }
      const ours = checkMapping(m, { standard: null }).filter((p) => p.kind === 'schema');
      expect(ours.length === 0, JSON.stringify({ ours, ajv: (ajv(m), ajv.errors) })).toBe(ajv(m));
    },
  );

  it('on values that are not mappings at all', () => {
    for (const v of [null, 1, 'x', [], {}, { id: 'a/b' }]) {
      expect(checkMapping(v).length > 0).toBe(!ajv(v));
    }
  });
});

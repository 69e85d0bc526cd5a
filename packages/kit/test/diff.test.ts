import { CHANGE_RULES, type ChangeKind, diffSchemas, formatDiff, type SchemaVersion } from '@gds/kit';
import { parseCodeList } from '@gds/standards';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

// biome-ignore lint/suspicious/noExplicitAny: the table edits fixture schemas freely
type Json = Record<string, any>;

// A small person-like standard; each row of the table edits a copy of it and states the expected verdict.
const gov = {
  'x-gds-data-class': 'general',
  'x-gds-sensitivity': 'personal',
  'x-gds-sharing': 'conditional',
  'x-gds-source': 'public-security',
  'x-gds-since': '1.0.0',
};
function base(): Json {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'urn:gds:schema:person:1.0.0',
    'x-gds-standard': { entity: 'person', version: '1.0.0' },
    title: '人员',
    type: 'object',
    additionalProperties: false,
    required: ['name', 'sex'],
    properties: {
      name: { type: 'string', title: '姓名', maxLength: 50, ...gov },
      sex: { type: 'string', title: '性别', 'x-gds-codelist': { list: 'sex', closed: true }, ...gov },
      ethnicity: { type: 'string', 'x-gds-codelist': { list: 'ethnicity', closed: false }, ...gov },
      phone: { type: 'string', pattern: '^1\\d{10}$', ...gov },
      age: { type: 'integer', minimum: 0, ...gov },
      height: { type: 'number', ...gov },
      status: { type: 'string', enum: ['active', 'moved'], ...gov },
      idNumber: { type: 'string', 'x-gds-identifier': 'gb11643', 'x-gds-masking': 'id-6-4', ...gov },
      birthDate: { type: 'string', format: 'date', ...gov },
      note: { type: 'string', ...gov },
      address: { $ref: '#/$defs/address', ...gov },
      tags: { type: 'array', items: { type: 'string' }, maxItems: 5, ...gov },
    },
    $defs: {
      address: {
        type: 'object',
        additionalProperties: false,
        required: ['division'],
        properties: {
          division: { type: 'string', 'x-gds-identifier': 'division', ...gov },
          street: { type: 'string', ...gov },
        },
      },
    },
  };
}

const CSV = 'code,zh,en,description,deprecated,source\n';
const sexV1 = `${CSV}1,男性,Male,,false,GB/T 2261.1\n2,女性,Female,,false,GB/T 2261.1\n9,未说明的性别,Not stated,,false,GB/T 2261.1\n`;
const ethV1 = `${CSV}01,汉族,Han,,false,GB 3304\n02,蒙古族,Mongol,,false,GB 3304\n`;

function version(
  version: string,
  schema: Json,
  lists: { sex?: string; ethnicity?: string } = {},
): SchemaVersion {
  return {
    entity: 'person',
    version,
    schema,
    codeLists: {
      sex: parseCodeList('sex', lists.sex ?? sexV1),
      ethnicity: parseCodeList('ethnicity', lists.ethnicity ?? ethV1),
    },
  };
}

type Row = {
  name: string;
  /** Edits the older version first (the newer one starts as its copy). */
  old?: (s: Json) => void;
  edit: (s: Json) => void;
  lists?: { sex?: string; ethnicity?: string };
  /** Code lists of the older version, when they differ from the defaults. */
  oldLists?: { sex?: string; ethnicity?: string };
  renames?: { from: string; to: string }[];
  expect: Array<{ kind: ChangeKind; path: string; keyword?: string }>;
  bump: 'major' | 'minor' | 'patch' | 'none';
  readers: 'safe' | 'breaking';
  writers: 'safe' | 'breaking';
};

const P = (s: Json) => s.properties as Json;

const table: Row[] = [
  { name: 'no change', edit: () => {}, expect: [], bump: 'none', readers: 'safe', writers: 'safe' },
  {
    name: 'optional field added (closed model: safe for writers)',
    edit: (s) => {
      P(s).email = { type: 'string', format: 'email', ...gov, 'x-gds-since': '1.1.0' };
    },
    expect: [{ kind: 'field.added_optional', path: '/email' }],
    bump: 'minor',
    readers: 'breaking',
    writers: 'safe',
  },
  {
    name: 'required field added',
    edit: (s) => {
      P(s).nationality = { type: 'string', ...gov };
      s.required.push('nationality');
    },
    expect: [{ kind: 'field.added_required', path: '/nationality' }],
    bump: 'major',
    readers: 'breaking',
    writers: 'breaking',
  },
  {
    name: 'optional field removed',
    edit: (s) => {
      delete P(s).note;
    },
    expect: [{ kind: 'field.removed_optional', path: '/note' }],
    bump: 'major',
    readers: 'safe',
    writers: 'breaking',
  },
  {
    name: 'required field removed',
    edit: (s) => {
      delete P(s).name;
      s.required = ['sex'];
    },
    expect: [{ kind: 'field.removed_required', path: '/name' }],
    bump: 'major',
    readers: 'breaking',
    writers: 'breaking',
  },
  {
    name: 'rename declared by a migration',
    renames: [{ from: '/phone', to: '/mobile' }],
    edit: (s) => {
      P(s).mobile = P(s).phone;
      delete P(s).phone;
    },
    expect: [{ kind: 'field.renamed', path: '/mobile' }],
    bump: 'major',
    readers: 'breaking',
    writers: 'breaking',
  },
  {
    name: 'removal of a field whose deprecation names a new replacement is a rename',
    old: (s) => {
      P(s).phone['x-gds-deprecated'] = { since: '1.1.0', replacedBy: 'mobile' };
    },
    edit: (s) => {
      P(s).mobile = { ...P(s).phone };
      delete P(s).phone;
    },
    // the old version deprecated phone in favour of mobile
    expect: [{ kind: 'field.renamed', path: '/mobile' }],
    bump: 'major',
    readers: 'breaking',
    writers: 'breaking',
  },
  {
    name: 'a similar-looking new field without a declaration is not guessed to be a rename',
    edit: (s) => {
      P(s).notes = P(s).note;
      delete P(s).note;
    },
    expect: [
      { kind: 'field.removed_optional', path: '/note' },
      { kind: 'field.added_optional', path: '/notes' },
    ],
    bump: 'major',
    readers: 'breaking',
    writers: 'breaking',
  },
  {
    name: 'optional made required',
    edit: (s) => {
      s.required.push('birthDate');
    },
    expect: [{ kind: 'field.made_required', path: '/birthDate' }],
    bump: 'major',
    readers: 'safe',
    writers: 'breaking',
  },
  {
    name: 'required made optional',
    edit: (s) => {
      s.required = ['sex'];
    },
    expect: [{ kind: 'field.made_optional', path: '/name' }],
    bump: 'minor',
    readers: 'breaking',
    writers: 'safe',
  },
  {
    name: 'integer widened to number',
    edit: (s) => {
      P(s).age.type = 'number';
    },
    expect: [{ kind: 'type.widened', path: '/age' }],
    bump: 'minor',
    readers: 'breaking',
    writers: 'safe',
  },
  {
    name: 'number narrowed to integer',
    edit: (s) => {
      P(s).height.type = 'integer';
    },
    expect: [{ kind: 'type.narrowed', path: '/height' }],
    bump: 'major',
    readers: 'safe',
    writers: 'breaking',
  },
  {
    name: 'string changed to integer',
    edit: (s) => {
      P(s).note.type = 'integer';
    },
    expect: [{ kind: 'type.changed', path: '/note' }],
    bump: 'major',
    readers: 'breaking',
    writers: 'breaking',
  },
  {
    name: 'enum value added',
    edit: (s) => {
      P(s).status.enum.push('deceased');
    },
    expect: [{ kind: 'enum.value_added', path: '/status' }],
    bump: 'minor',
    readers: 'breaking',
    writers: 'safe',
  },
  {
    name: 'enum value removed',
    edit: (s) => {
      P(s).status.enum = ['active'];
    },
    expect: [{ kind: 'enum.value_removed', path: '/status' }],
    bump: 'major',
    readers: 'safe',
    writers: 'breaking',
  },
  {
    name: 'pattern changed',
    edit: (s) => {
      P(s).phone.pattern = '^1[3-9]\\d{9}$';
    },
    expect: [{ kind: 'constraint.changed', path: '/phone', keyword: 'pattern' }],
    bump: 'major',
    readers: 'breaking',
    writers: 'breaking',
  },
  {
    name: 'pattern added',
    edit: (s) => {
      P(s).note.pattern = '^\\S';
    },
    expect: [{ kind: 'constraint.tightened', path: '/note', keyword: 'pattern' }],
    bump: 'major',
    readers: 'safe',
    writers: 'breaking',
  },
  {
    name: 'pattern removed',
    edit: (s) => {
      delete P(s).phone.pattern;
    },
    expect: [{ kind: 'constraint.loosened', path: '/phone', keyword: 'pattern' }],
    bump: 'minor',
    readers: 'breaking',
    writers: 'safe',
  },
  {
    name: 'maxLength lowered',
    edit: (s) => {
      P(s).name.maxLength = 30;
    },
    expect: [{ kind: 'constraint.tightened', path: '/name', keyword: 'maxLength' }],
    bump: 'major',
    readers: 'safe',
    writers: 'breaking',
  },
  {
    name: 'maxLength raised',
    edit: (s) => {
      P(s).name.maxLength = 100;
    },
    expect: [{ kind: 'constraint.loosened', path: '/name', keyword: 'maxLength' }],
    bump: 'minor',
    readers: 'breaking',
    writers: 'safe',
  },
  {
    name: 'minimum raised',
    edit: (s) => {
      P(s).age.minimum = 18;
    },
    expect: [{ kind: 'constraint.tightened', path: '/age', keyword: 'minimum' }],
    bump: 'major',
    readers: 'safe',
    writers: 'breaking',
  },
  {
    name: 'maxItems removed from an array',
    edit: (s) => {
      delete P(s).tags.maxItems;
    },
    expect: [{ kind: 'constraint.loosened', path: '/tags', keyword: 'maxItems' }],
    bump: 'minor',
    readers: 'breaking',
    writers: 'safe',
  },
  {
    name: 'array items gain a maxLength',
    edit: (s) => {
      P(s).tags.items.maxLength = 10;
    },
    expect: [{ kind: 'constraint.tightened', path: '/tags/*', keyword: 'maxLength' }],
    bump: 'major',
    readers: 'safe',
    writers: 'breaking',
  },
  {
    name: 'format changed',
    edit: (s) => {
      P(s).birthDate.format = 'date-time';
    },
    expect: [{ kind: 'constraint.changed', path: '/birthDate', keyword: 'format' }],
    bump: 'major',
    readers: 'breaking',
    writers: 'breaking',
  },
  {
    name: 'identifier rule added',
    edit: (s) => {
      P(s).phone['x-gds-identifier'] = 'mobile';
    },
    expect: [{ kind: 'constraint.tightened', path: '/phone', keyword: 'x-gds-identifier' }],
    bump: 'major',
    readers: 'safe',
    writers: 'breaking',
  },
  {
    name: 'cross-field rule added',
    edit: (s) => {
      s['x-gds-rules'] = [
        { rule: 'id-card-consistency', document: 'idNumber', birthDate: 'birthDate', sex: 'sex' },
      ];
    },
    expect: [{ kind: 'constraint.tightened', path: '', keyword: 'x-gds-rules' }],
    bump: 'major',
    readers: 'safe',
    writers: 'breaking',
  },
  {
    name: 'nested field added inside a $ref definition',
    edit: (s) => {
      s.$defs.address.properties.building = { type: 'string', ...gov };
    },
    expect: [{ kind: 'field.added_optional', path: '/address/building' }],
    bump: 'minor',
    readers: 'breaking',
    writers: 'safe',
  },
  {
    name: 'nested field made required inside a $ref definition',
    edit: (s) => {
      s.$defs.address.required.push('street');
    },
    expect: [{ kind: 'field.made_required', path: '/address/street' }],
    bump: 'major',
    readers: 'safe',
    writers: 'breaking',
  },
  {
    name: 'code added to a closed code list',
    lists: { sex: `${sexV1}0,未知的性别,Unknown,,false,GB/T 2261.1\n` },
    edit: () => {},
    expect: [{ kind: 'codelist.code_added_closed', path: '/sex' }],
    bump: 'minor',
    readers: 'breaking',
    writers: 'safe',
  },
  {
    name: 'code added to an open code list',
    lists: { ethnicity: `${ethV1}03,回族,Hui,,false,GB 3304\n` },
    edit: () => {},
    expect: [{ kind: 'codelist.code_added_open', path: '/ethnicity' }],
    bump: 'minor',
    readers: 'safe',
    writers: 'safe',
  },
  {
    name: 'code removed from a closed code list',
    lists: { sex: `${CSV}1,男性,Male,,false,GB/T 2261.1\n2,女性,Female,,false,GB/T 2261.1\n` },
    edit: () => {},
    expect: [{ kind: 'codelist.code_removed_closed', path: '/sex' }],
    bump: 'major',
    readers: 'safe',
    writers: 'breaking',
  },
  {
    name: 'code removed from an open code list (old codes now warn)',
    lists: { ethnicity: `${CSV}01,汉族,Han,,false,GB 3304\n` },
    edit: () => {},
    expect: [{ kind: 'codelist.code_removed_open', path: '/ethnicity' }],
    bump: 'minor',
    readers: 'safe',
    writers: 'safe',
  },
  {
    name: 'code deprecated',
    lists: { sex: sexV1.replace('9,未说明的性别,Not stated,,false', '9,未说明的性别,Not stated,,true') },
    edit: () => {},
    expect: [{ kind: 'codelist.code_deprecated', path: '/sex' }],
    bump: 'minor',
    readers: 'safe',
    writers: 'safe',
  },
  {
    name: 'deprecated code reinstated',
    oldLists: { sex: sexV1.replace('9,未说明的性别,Not stated,,false', '9,未说明的性别,Not stated,,true') },
    edit: () => {},
    expect: [{ kind: 'codelist.code_undeprecated', path: '/sex' }],
    bump: 'minor',
    readers: 'safe',
    writers: 'safe',
  },
  {
    name: 'code relabelled',
    lists: { sex: sexV1.replace('男性,Male', '男,Male') },
    edit: () => {},
    expect: [{ kind: 'codelist.code_relabelled', path: '/sex' }],
    bump: 'patch',
    readers: 'safe',
    writers: 'safe',
  },
  {
    name: 'open code list closed',
    edit: (s) => {
      P(s).ethnicity['x-gds-codelist'].closed = true;
    },
    expect: [{ kind: 'codelist.closed', path: '/ethnicity' }],
    bump: 'major',
    readers: 'safe',
    writers: 'breaking',
  },
  {
    name: 'closed code list opened',
    edit: (s) => {
      P(s).sex['x-gds-codelist'].closed = false;
    },
    expect: [{ kind: 'codelist.opened', path: '/sex' }],
    bump: 'minor',
    readers: 'breaking',
    writers: 'safe',
  },
  {
    name: 'field bound to a closed code list',
    edit: (s) => {
      P(s).note['x-gds-codelist'] = { list: 'sex', closed: true };
    },
    expect: [{ kind: 'codelist.bound_closed', path: '/note' }],
    bump: 'major',
    readers: 'safe',
    writers: 'breaking',
  },
  {
    name: 'field bound to an open code list',
    edit: (s) => {
      P(s).note['x-gds-codelist'] = { list: 'ethnicity', closed: false };
    },
    expect: [{ kind: 'codelist.bound_open', path: '/note' }],
    bump: 'minor',
    readers: 'safe',
    writers: 'safe',
  },
  {
    name: 'field unbound from a closed code list',
    edit: (s) => {
      delete P(s).sex['x-gds-codelist'];
    },
    expect: [{ kind: 'codelist.unbound_closed', path: '/sex' }],
    bump: 'minor',
    readers: 'breaking',
    writers: 'safe',
  },
  {
    name: 'field unbound from an open code list',
    edit: (s) => {
      delete P(s).ethnicity['x-gds-codelist'];
    },
    expect: [{ kind: 'codelist.unbound_open', path: '/ethnicity' }],
    bump: 'minor',
    readers: 'safe',
    writers: 'safe',
  },
  {
    name: 'field bound to another code list (a split)',
    edit: (s) => {
      P(s).sex['x-gds-codelist'].list = 'ethnicity';
    },
    expect: [{ kind: 'codelist.replaced', path: '/sex' }],
    bump: 'major',
    readers: 'breaking',
    writers: 'breaking',
  },
  {
    name: 'sharing type tightened: consumers must hear about it',
    edit: (s) => {
      P(s).phone['x-gds-sharing'] = 'none';
    },
    expect: [{ kind: 'governance.sharing_tightened', path: '/phone', keyword: 'x-gds-sharing' }],
    bump: 'major',
    readers: 'breaking',
    writers: 'safe',
  },
  {
    name: 'sharing type loosened',
    edit: (s) => {
      P(s).name['x-gds-sharing'] = 'unconditional';
    },
    expect: [{ kind: 'governance.sharing_loosened', path: '/name', keyword: 'x-gds-sharing' }],
    bump: 'minor',
    readers: 'safe',
    writers: 'safe',
  },
  {
    name: 'sensitivity raised',
    edit: (s) => {
      P(s).ethnicity['x-gds-sensitivity'] = 'sensitive';
    },
    expect: [{ kind: 'governance.sensitivity_raised', path: '/ethnicity', keyword: 'x-gds-sensitivity' }],
    bump: 'major',
    readers: 'breaking',
    writers: 'safe',
  },
  {
    name: 'data class lowered',
    old: (s) => {
      P(s).idNumber['x-gds-data-class'] = 'core';
    },
    edit: (s) => {
      P(s).idNumber['x-gds-data-class'] = 'important';
    },
    expect: [{ kind: 'governance.data_class_lowered', path: '/idNumber', keyword: 'x-gds-data-class' }],
    bump: 'minor',
    readers: 'safe',
    writers: 'safe',
  },
  {
    name: 'data class raised',
    edit: (s) => {
      P(s).idNumber['x-gds-data-class'] = 'important';
    },
    expect: [{ kind: 'governance.data_class_raised', path: '/idNumber', keyword: 'x-gds-data-class' }],
    bump: 'major',
    readers: 'breaking',
    writers: 'safe',
  },
  {
    name: 'source department changed',
    edit: (s) => {
      P(s).address['x-gds-source'] = 'civil-affairs';
    },
    expect: [{ kind: 'governance.source_changed', path: '/address', keyword: 'x-gds-source' }],
    bump: 'minor',
    readers: 'safe',
    writers: 'safe',
  },
  {
    name: 'masking rule changed',
    edit: (s) => {
      P(s).idNumber['x-gds-masking'] = 'id-3-4';
    },
    expect: [{ kind: 'governance.masking_changed', path: '/idNumber', keyword: 'x-gds-masking' }],
    bump: 'minor',
    readers: 'safe',
    writers: 'safe',
  },
  {
    name: 'field deprecated',
    edit: (s) => {
      P(s).note['x-gds-deprecated'] = { since: '1.1.0', replacedBy: 'remarks' };
    },
    expect: [{ kind: 'deprecation.added', path: '/note' }],
    bump: 'minor',
    readers: 'safe',
    writers: 'safe',
  },
  {
    name: 'description changed',
    edit: (s) => {
      P(s).name.title = '姓名（户籍登记）';
    },
    expect: [{ kind: 'docs.changed', path: '/name' }],
    bump: 'patch',
    readers: 'safe',
    writers: 'safe',
  },
  {
    name: 'object opened to unknown properties',
    edit: (s) => {
      s.$defs.address.additionalProperties = true;
    },
    expect: [{ kind: 'content.opened', path: '/address' }],
    bump: 'minor',
    readers: 'breaking',
    writers: 'safe',
  },
  {
    name: 'several changes: the largest bump wins',
    edit: (s) => {
      P(s).email = { type: 'string', ...gov };
      P(s).name.title = '名字';
      P(s).phone['x-gds-sharing'] = 'none';
    },
    expect: [
      { kind: 'field.added_optional', path: '/email' },
      { kind: 'governance.sharing_tightened', path: '/phone', keyword: 'x-gds-sharing' },
      { kind: 'docs.changed', path: '/name', keyword: 'title' },
    ],
    bump: 'major',
    readers: 'breaking',
    writers: 'safe',
  },
];

function run(row: Row) {
  const old = base();
  row.old?.(old);
  const cur = structuredClone(old);
  row.edit(cur);
  return diffSchemas(
    version('1.0.0', old, row.oldLists),
    version('next', cur, row.lists),
    row.renames ? { renames: row.renames } : {},
  );
}

describe('diffSchemas: the classification table', () => {
  it('has at least 30 rows and covers most change kinds', () => {
    expect(table.length).toBeGreaterThanOrEqual(30);
    const covered = new Set(table.flatMap((r) => r.expect.map((e) => e.kind)));
    expect(covered.size).toBeGreaterThanOrEqual(30);
  });

  it.each(table.map((r) => [r.name, r] as const))('%s', (_name, row) => {
    const report = run(row);
    const got = report.changes.map((c) => ({
      kind: c.kind,
      path: c.path,
      ...(c.keyword !== undefined && row.expect.some((e) => e.keyword) ? { keyword: c.keyword } : {}),
    }));
    expect(got.sort((x, y) => (x.kind + x.path).localeCompare(y.kind + y.path))).toEqual(
      [...row.expect].sort((x, y) => (x.kind + x.path).localeCompare(y.kind + y.path)),
    );
    expect(report.bump).toBe(row.bump);
    expect({ readers: report.readers, writers: report.writers }).toEqual({
      readers: row.readers,
      writers: row.writers,
    });
    for (const c of report.changes) {
      expect(c).toMatchObject({
        readers: CHANGE_RULES[c.kind].readers,
        writers: CHANGE_RULES[c.kind].writers,
        bump: CHANGE_RULES[c.kind].bump,
      });
      expect(c.messageZh).not.toBe('');
      expect(c.messageEn).not.toBe('');
    }
  });
});

describe('formatDiff', () => {
  const report = run(table.find((r) => r.name.startsWith('several changes'))!);

  it('renders text with the verdict and one line per change', () => {
    const text = formatDiff(report, 'text', { lang: 'en' });
    expect(text).toContain('bump major');
    expect(text.trim().split('\n')).toHaveLength(1 + report.changes.length);
  });

  it('renders JSON that parses back to the report', () => {
    expect(JSON.parse(formatDiff(report, 'json'))).toEqual(report);
  });

  it('renders GitHub annotations, escaping properties', () => {
    const out = formatDiff(
      { ...report, file: '/repo/standards/schemas/person/next/person.schema.json' },
      'github',
      {
        relativeTo: '/repo',
      },
    );
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.find((l) => l.includes('sharing_tightened'))).toMatch(
      /^::warning file=standards\/schemas\/person\/next\/person.schema.json,title=person 1.0.0→next governance.sharing_tightened \(major\)::/,
    );
    expect(lines.every((l) => /^::(error|warning|notice) /.test(l))).toBe(true);
    const removed = run(table.find((r) => r.name === 'optional field removed')!);
    expect(formatDiff(removed, 'github')).toMatch(/^::error title=/);
  });
});

describe('diffSchemas: invariants', () => {
  // Swapping the versions swaps readers and writers: what the newer version newly rejects breaks old
  // writers, and read backwards it is what the older version rejects, breaking readers. Governance is
  // deliberately asymmetric (tightening is announced, loosening is not a break), and a declared rename
  // has no reverse declaration, so those rows are left out.
  const symmetric = table.filter(
    (r) =>
      !r.renames &&
      !r.old &&
      !r.oldLists &&
      !r.expect.some((e) => e.kind.startsWith('governance.') || e.kind === 'field.renamed'),
  );
  it.each(symmetric.map((r) => [r.name, r] as const))('reversed: %s', (_name, row) => {
    const old = base();
    const cur = structuredClone(old);
    row.edit(cur);
    const forward = diffSchemas(version('1.0.0', old), version('next', cur, row.lists));
    const backward = diffSchemas(version('next', cur, row.lists), version('1.0.0', old));
    expect({ readers: backward.readers, writers: backward.writers }).toEqual({
      readers: forward.writers,
      writers: forward.readers,
    });
  });

  it('a version compared with itself has no change (property)', () => {
    const names = Object.keys(P(base()));
    fc.assert(
      fc.property(fc.subarray(names), fc.subarray(names), (drop, optional) => {
        const s = base();
        for (const n of drop) delete P(s)[n];
        s.required = (s.required as string[]).filter((n) => !optional.includes(n) && !drop.includes(n));
        const v = version('1.0.0', s);
        return diffSchemas(v, structuredClone(v)).changes.length === 0;
      }),
    );
  });

  it('removing fields then adding them back cancels out, and the bump is the largest of the changes (property)', () => {
    const names = Object.keys(P(base()));
    fc.assert(
      fc.property(fc.subarray(names, { minLength: 1 }), (drop) => {
        const a = base();
        const b = base();
        for (const n of drop) delete P(b)[n];
        b.required = (b.required as string[]).filter((n) => !drop.includes(n));
        const report = diffSchemas(version('1.0.0', a), version('next', b));
        const back = diffSchemas(version('next', b), version('1.0.0', a));
        const order = ['none', 'patch', 'minor', 'major'];
        const max = report.changes.reduce((m, c) => Math.max(m, order.indexOf(c.bump)), 0);
        return (
          report.changes.length === drop.length &&
          back.changes.length === drop.length &&
          order.indexOf(report.bump) === max &&
          report.bump === 'major'
        );
      }),
    );
  });
});

// Code lists of one width in digits (sex, ethnicity, marital status...) are looked up by arithmetic in a
// table (src/_internal/codelist.ts). Every possible code of that width is tried here against the list as
// published: listed codes pass (deprecated ones with their warning), all others are reported.

import { person } from '@gds/schema';
import { readCodeList } from '@gds/standards/fs';
import { describe, expect, it } from 'vitest';

const base = {
  id: 'p1',
  identity: { type: 'passport-less', number: 'x' },
  name: '张三',
  sex: '9',
  birthDate: '1990-01-01',
};

describe.each([
  ['sex', 'sex', 'codelist.unknown_code'],
  ['ethnicity', 'ethnicity', 'codelist.unknown_code'],
  ['maritalStatus', 'marital-status', 'codelist.unknown_code'],
  ['education', 'education', 'codelist.unlisted_code'],
])('%s (code list %s)', (field, list, absent) => {
  const entries = new Map(readCodeList(list).entries.map((e) => [e.code, e.deprecated]));
  const width = [...entries.keys()][0]!.length;
  it('every code of its width, and a few of other widths and characters', () => {
    const codes = Array.from({ length: 10 ** width }, (_, i) => String(i).padStart(width, '0'));
    codes.push('', ' ', 'x'.repeat(width), `${'0'.repeat(width)}0`, '１'.repeat(width), '-1'.slice(0, width));
    for (const code of codes) {
      const found = person
        .validate({ ...base, [field]: code })
        .issues.filter((i) => i.path.join('/') === field && i.code.startsWith('codelist.'))
        .map((i) => i.code);
      const deprecated = entries.get(code);
      const expected = deprecated === undefined ? [absent] : deprecated ? ['codelist.deprecated_code'] : [];
      expect(found, `${field} = ${JSON.stringify(code)}`).toEqual(expected);
    }
  });
});

// Short lists of other codes are looked up by a generated switch: every listed code passes (deprecated
// ones with their warning), and near misses (case, white space, a prefix, another list's code) do not.
describe.each([
  ['identity/type', 'identity-document-type', (code: string) => ({ identity: { type: code, number: 'x' } })],
  ['populationKind', 'population-kind', (code: string) => ({ populationKind: code })],
  [
    'specialGroups/0/group',
    'special-group',
    (code: string) => ({ specialGroups: [{ group: code, start: '2020-01-01' }] }),
  ],
])('%s (code list %s)', (path, list, field) => {
  const entries = new Map(readCodeList(list).entries.map((e) => [e.code, e.deprecated]));
  it('every listed code and its near misses', () => {
    const near = [...entries.keys()].flatMap((c) => [
      c.toUpperCase(),
      ` ${c}`,
      `${c} `,
      c.slice(0, -1),
      `${c}x`,
    ]);
    const others = readCodeList('department').entries.map((e) => e.code);
    for (const code of [...entries.keys(), ...near, ...others, '', '__proto__', 'constructor']) {
      const found = person
        .validate({ ...base, ...field(code) })
        .issues.filter((i) => i.path.join('/') === path && i.code.startsWith('codelist.'))
        .map((i) => i.code);
      const deprecated = entries.get(code);
      const expected =
        deprecated === undefined ? ['codelist.unknown_code'] : deprecated ? ['codelist.deprecated_code'] : [];
      expect(found, `${path} = ${JSON.stringify(code)}`).toEqual(expected);
    }
  });
});

import { draftMapping, type KnownMapping, TO_FILL } from '@gds/convert';
import { getStandard } from '@gds/schema';
import { describe, expect, it } from 'vitest';

const person = getStandard('person', '1.0.0')!;
const target = { standard: 'person', version: '1.0.0', fields: person.fields };
const source = { system: 'local/x', format: 'csv' as const, headerRow: 1 };

describe('draftMapping', () => {
  it('guesses by path, last segment and title, and marks the rest to fill', () => {
    const { mapping, columns, toFill } = draftMapping({
      id: 'local/x',
      columns: ['姓名', 'birthDate', 'divisionCode', 'residence.divisionCode', 'remark', 'name'],
      source,
      target,
    });
    expect(mapping.fields).toEqual([
      { target: 'name', from: '姓名', transforms: ['trim'] },
      { target: 'birthDate', from: 'birthDate', transforms: ['trim'] },
      // divisionCode is the last segment of residence.* and registeredResidence.*: no guess.
      { target: TO_FILL, from: 'divisionCode' },
      { target: 'residence.divisionCode', from: 'residence.divisionCode', transforms: ['trim'] },
      { target: TO_FILL, from: 'remark' },
      // name is taken by 姓名: a second column is not given the same target.
      { target: TO_FILL, from: 'name' },
    ]);
    expect(toFill).toEqual(['/fields/2/target', '/fields/4/target', '/fields/5/target']);
    expect(columns.map((c) => c.by)).toEqual(['name', 'name', null, 'name', null, null]);
    expect((mapping.source as { exportColumns: string[] }).exportColumns).toEqual([
      '姓名',
      'birthDate',
      'divisionCode',
      'residence.divisionCode',
      'remark',
      'name',
    ]);
  });

  it('copies a known rule with its transforms, the constants beside it and the record id', () => {
    const known: KnownMapping = {
      id: 'dept/sys',
      target: { standard: 'person', version: '1.0.0' },
      recordId: { target: 'id', keys: ['SFZH'], prefix: 'd-' },
      fields: [
        { target: 'identity.type', const: 'resident-id' },
        { target: 'identity.number', from: 'SFZH', transforms: ['trim', 'residentId'] },
      ],
      ignoreColumns: ['BZ'],
    };
    const other: KnownMapping = {
      ...known,
      id: 'dept/other',
      target: { standard: 'household', version: '1.0.0' },
    };
    const { mapping, columns } = draftMapping({
      id: 'local/x',
      columns: ['sfzh', 'bz'],
      source,
      target,
      known: [other, known],
    });
    expect(mapping.fields).toEqual([
      { target: 'identity.type', const: 'resident-id' },
      { target: 'identity.number', from: 'sfzh', transforms: ['trim', 'residentId'] },
    ]);
    expect(mapping.recordId).toEqual({ target: 'id', keys: ['sfzh'], prefix: 'd-' });
    expect(mapping.ignoreColumns).toEqual(['bz']);
    expect(columns[0]).toMatchObject({ by: 'mapping', mapping: 'dept/sys' });
  });
});

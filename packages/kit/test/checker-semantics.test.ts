// The compiled checker applies every constraint a schema states, the way JSON Schema 2020-12 does: a
// keyword about one type applies to values of that type when the node has no `type`, and presence is
// a question about own properties, whatever the name.
import { describe, expect, it } from 'vitest';
import { compileStandard } from './_helpers/compile.js';

const codes = (s: { validate(v: unknown): { issues: readonly { code: string }[] } }, v: unknown) =>
  s.validate(v).issues.map((i) => i.code);

describe('a node without type', () => {
  it.each([
    [{ minLength: 2 }, 'a', 'min_length', ['ab', 1, null, [], {}]],
    [{ maxLength: 2 }, 'abc', 'max_length', ['ab', 1234, true]],
    [{ pattern: '^a' }, 'b', 'pattern', ['abc', 2, {}]],
    [{ format: 'date' }, '2020-02-30', 'format', ['2020-02-29', 20200230]],
    [{ minimum: 2 }, 1, 'minimum', [2, 'a', '1', []]],
    [{ maximum: 2 }, 3, 'maximum', [2, 'abc']],
    [{ exclusiveMinimum: 2 }, 2, 'exclusive_minimum', [2.5, 'x']],
    [{ exclusiveMaximum: 2 }, 2, 'exclusive_maximum', [1.5, 'x']],
    [{ minItems: 1 }, [], 'min_items', [[1], '', {}]],
    [{ maxItems: 1 }, [1, 2], 'max_items', [[1], 'ab']],
    [{ uniqueItems: true }, [1, 1], 'unique_items', [[1, 2], 'aa']],
    [{ items: { type: 'string' } }, [1], 'type', [['a'], 1, { 0: 1 }]],
    [{ required: ['a'] }, {}, 'required', [{ a: 1 }, [], 'a', 1]],
    [{ properties: { a: { type: 'string' } } }, { a: 1 }, 'type', [{ a: 'x' }, {}, [1], 'a']],
    [{ properties: {}, additionalProperties: false }, { a: 1 }, 'additional_property', [{}, [1], 'a']],
  ])('%j applies to values of its type only', async (schema, bad, code, good) => {
    const s = await compileStandard(schema);
    expect(codes(s, bad)).toEqual([code]);
    for (const v of good) expect(codes(s, v), JSON.stringify(v)).toEqual([]);
  });

  it('checks the keywords beside a $ref (2020-12 applies them; the profile refuses them)', async () => {
    const s = await compileStandard({
      $defs: { s: { type: 'string' } },
      properties: { a: { $ref: '#/$defs/s', maxLength: 1 } },
    });
    expect(codes(s, { a: 'ab' })).toEqual(['max_length']);
    expect(codes(s, { a: 1 })).toEqual(['type']);
  });
});

const INHERITED = ['constructor', 'valueOf', 'toString', '__proto__', 'hasOwnProperty'];

describe('presence is tested on own properties', () => {
  it.each(INHERITED)('a required %s is missing from a record without it', async (name) => {
    const s = await compileStandard({ type: 'object', required: [name], properties: {} });
    expect(s.validate({}).issues).toMatchObject([{ code: 'required', params: { property: name } }]);
    expect(codes(s, JSON.parse(`{${JSON.stringify(name)}: 1}`))).toEqual([]);
  });

  it.each(INHERITED)(
    'a required property %s with a schema is missing from a record without it',
    async (name) => {
      const s = await compileStandard({
        type: 'object',
        required: [name],
        properties: { [name]: { type: 'integer' } },
      });
      expect(codes(s, {})).toEqual(['required']);
      expect(codes(s, JSON.parse(`{${JSON.stringify(name)}: 1}`))).toEqual([]);
      expect(codes(s, JSON.parse(`{${JSON.stringify(name)}: "x"}`))).toEqual(['type']);
    },
  );

  it.each(INHERITED)('an optional %s is not checked when absent, and is when present', async (name) => {
    const s = await compileStandard({
      type: 'object',
      additionalProperties: false,
      properties: { [name]: { type: 'string', minLength: 1 } },
    });
    expect(codes(s, {})).toEqual([]);
    expect(codes(s, JSON.parse(`{${JSON.stringify(name)}: ""}`))).toEqual(['min_length']);
    expect(codes(s, JSON.parse(`{${JSON.stringify(name)}: 12}`))).toEqual(['type']);
  });

  it('a required name without a schema of its own is still required', async () => {
    const s = await compileStandard({ type: 'object', required: ['a', 'b'], properties: { a: {} } });
    expect(codes(s, { a: 1 })).toEqual(['required']);
    expect(codes(s, { a: 1, b: 2 })).toEqual([]);
  });
});

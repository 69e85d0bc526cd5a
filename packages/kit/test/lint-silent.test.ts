// The profile check (lintStandard) refuses what would otherwise be dropped in silence: constraints that
// cannot apply to the node's type, names that only an inherited member of Object.prototype satisfies,
// and document-level keywords below the root. A node without `type` is allowed: its keywords apply the
// way JSON Schema says (checker-semantics.test.ts).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { lintStandard } from '@gds/kit';
import { listCodeLists, readCodeList } from '@gds/standards/fs';
import { describe, expect, it } from 'vitest';

// biome-ignore lint/suspicious/noExplicitAny: the tests mutate untyped schema JSON
type Doc = Record<string, any>;

const standardsRoot = resolve(import.meta.dirname, '../../../standards');
const codelists = new Set(listCodeLists());
const departments = new Set(readCodeList('department').entries.map((e) => e.code));
const person = (): Doc =>
  JSON.parse(readFileSync(join(standardsRoot, 'schemas/person/1.0.0/person.schema.json'), 'utf8'));
const lint = (doc: unknown) =>
  lintStandard(doc, { standardsRoot, codelists, departments, entity: 'person', version: '1.0.0' });

describe('lintStandard refuses constraints that would be skipped in silence', () => {
  it.each([
    [
      'minimum on a string',
      (d: Doc) => (d.properties.name.minimum = 1),
      '/properties/name',
      /minimum applies to number/,
    ],
    [
      'maxLength on an array',
      (d: Doc) => (d.properties.contacts.maxLength = 3),
      '/properties/contacts',
      /maxLength/,
    ],
    [
      'items on an object',
      (d: Doc) => (d.$defs.identityDocument.items = { type: 'string' }),
      '/$defs/identityDocument',
      /items applies to array values only, never to type object/,
    ],
    [
      'an enum value of another type',
      (d: Doc) => (d.properties.name.enum = ['a', 1]),
      '/properties/name',
      /enum value 1/,
    ],
    [
      'a const of another type',
      (d: Doc) => (d.properties.name.const = true),
      '/properties/name',
      /const true/,
    ],
    [
      'a required name only Object.prototype has',
      (d: Doc) => d.required.push('constructor'),
      '',
      /required names constructor/,
    ],
    [
      'a $ref only Object.prototype resolves',
      (d: Doc) => (d.properties.identity.$ref = '#/$defs/constructor'),
      '/properties/identity',
      /does not resolve/,
    ],
    [
      'a rule binding only Object.prototype has',
      (d: Doc) => d['x-gds-rules'].push({ rule: 'period', start: 'toString', end: 'valueOf' }),
      '/x-gds-rules/',
      /binding start names toString/,
    ],
    [
      'an $id below the root',
      (d: Doc) => (d.properties.name.$id = 'urn:x'),
      '/properties/name',
      /\$id belongs/,
    ],
    [
      '$defs below the root',
      (d: Doc) => (d.properties.name.$defs = {}),
      '/properties/name',
      /\$defs belongs/,
    ],
  ])('%s', (_, mutate, pointer, message) => {
    const doc = person();
    mutate(doc);
    const problems = lint(doc);
    const here = problems.filter((p) => p.pointer.startsWith(pointer));
    expect(here.map((p) => p.message).join('\n')).toMatch(message);
  });

  it('accepts a node without type whose keywords then apply by the value type', () => {
    const doc = person();
    delete doc.properties.name.type;
    expect(lint(doc)).toEqual([]);
  });
});

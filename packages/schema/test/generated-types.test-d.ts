import type { Address_1_0_0 } from '@gds/schema/standards/address';
import type { Building_1_0_0 } from '@gds/schema/standards/building';
import type { Case_1_0_0 } from '@gds/schema/standards/case';
import type { Grid_1_0_0 } from '@gds/schema/standards/grid';
import type { Household_1_0_0 } from '@gds/schema/standards/household';
import type { Organization_1_0_0 } from '@gds/schema/standards/organization';
import type {
  Contact_1_1_0,
  Person,
  Person_1_0_0,
  Person_1_1_0,
  Person_next,
} from '@gds/schema/standards/person';
import { describe, expectTypeOf, test } from 'vitest';

// Issue 16: `maxItems` is a runtime check, never a union of tuples (`[] | [Contact] | …`), whose `push`
// takes `never` and which rejects a `Contact[]` built elsewhere. Every array anywhere in a record type
// must be a plain array: its `length` is `number`, not a union of literal lengths.

/** The paths (dotted) of every array in `T`, however deep, that is a tuple or a union of tuples. */
type TupleArrays<T, P extends string = ''> = T extends readonly (infer E)[]
  ? number extends T['length']
    ? TupleArrays<E, `${P}[]`>
    : P
  : T extends object
    ? { [K in keyof T & string]-?: TupleArrays<NonNullable<T[K]>, P extends '' ? K : `${P}.${K}`> }[keyof T &
        string]
    : never;

/** Every version of every standard GDS ships (kept equal to listStandards() by generated-types.test.ts). */
interface EveryStandard {
  'address@1.0.0': Address_1_0_0;
  'building@1.0.0': Building_1_0_0;
  'case@1.0.0': Case_1_0_0;
  'grid@1.0.0': Grid_1_0_0;
  'household@1.0.0': Household_1_0_0;
  'organization@1.0.0': Organization_1_0_0;
  'person@1.0.0': Person_1_0_0;
  'person@1.1.0': Person_1_1_0;
  'person@next': Person_next;
}

describe('generated record types', () => {
  test('no array of any standard is typed as tuples', () => {
    expectTypeOf<{ [K in keyof EveryStandard]: TupleArrays<EveryStandard[K]> }>().toEqualTypeOf<{
      [K in keyof EveryStandard]: never;
    }>();
  });

  test('the helper does see a tuple union (it can fail)', () => {
    expectTypeOf<TupleArrays<{ a?: { b: [] | [string] } }>>().toEqualTypeOf<'a.b'>();
    expectTypeOf<TupleArrays<{ a: string[] }>>().toEqualTypeOf<never>();
  });

  test("Person['contacts'] takes a Contact[] and push takes a Contact", () => {
    type Contacts = NonNullable<Person['contacts']>;
    // The element type is the exported interface of the $def, by its stable name.
    expectTypeOf<Contacts>().toEqualTypeOf<Contact_1_1_0[]>();
    expectTypeOf<Contacts['push']>().parameter(0).toEqualTypeOf<Contact_1_1_0>();
    expectTypeOf<Contact_1_1_0>().not.toBeNever();
    expectTypeOf<Contact_1_1_0>().toHaveProperty('kind');
    const person = {} as Person;
    const contacts: Contact_1_1_0[] = [{ kind: 'mobile', value: '13800138000' }];
    person.contacts = contacts;
    person.contacts.push({ kind: 'email', value: 'li.na@example.com' });
  });

  test('every array property accepts an array of its element type', () => {
    type Elem<T> = T extends readonly (infer E)[] ? E : never;
    expectTypeOf<Elem<NonNullable<Person_1_0_0['otherDocuments']>>[]>().toEqualTypeOf<
      NonNullable<Person_1_0_0['otherDocuments']>
    >();
    expectTypeOf<Elem<NonNullable<Case_1_0_0['history']>>[]>().toEqualTypeOf<Case_1_0_0['history']>();
  });
});

describe('zod schemas', () => {
  test('z.infer of a zod schema takes the record type, and a field schema its field', async () => {
    const { personZod } = await import('@gds/schema/zod');
    type Parsed = import('zod').infer<typeof personZod>;
    expectTypeOf<Person>().toMatchTypeOf<Parsed>();
    expectTypeOf<Parsed['name']>().toEqualTypeOf<string>();
    expectTypeOf<NonNullable<Parsed['contacts']>[number]['kind']>().toEqualTypeOf<
      NonNullable<Person['contacts']>[number]['kind']
    >();
    expectTypeOf(personZod.out.shape.birthDate.parse).returns.toEqualTypeOf<string>();
  });
});

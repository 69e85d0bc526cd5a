import {
  getStandard,
  type Issue,
  type IssueCode,
  type Person,
  person,
  type Standard,
  type ValidationResult,
} from '@gds/schema';
import { expectTypeOf, test } from 'vitest';

test('the public API is typed', () => {
  expectTypeOf(person).toEqualTypeOf<Standard<Person>>();
  expectTypeOf(person.validate).returns.toEqualTypeOf<ValidationResult<Person>>();
  expectTypeOf(person.parse).returns.toEqualTypeOf<Person>();
  expectTypeOf(getStandard).returns.toEqualTypeOf<Standard | undefined>();
  expectTypeOf<Issue['code']>().toEqualTypeOf<IssueCode>();
  expectTypeOf<'required'>().toMatchTypeOf<IssueCode>();
  // A record type carries the standard's fields.
  expectTypeOf<Person['name']>().toEqualTypeOf<string>();
  expectTypeOf<Person['birthDate']>().toEqualTypeOf<string>();
  const result = person.validate({});
  if (result.ok) expectTypeOf(result.value).toEqualTypeOf<Person>();
  else expectTypeOf(result.issues).toEqualTypeOf<readonly Issue[]>();
});

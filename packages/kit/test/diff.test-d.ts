import type { Bump, ChangeKind, CompatibilityPolicy, Effect, SchemaChange, UpgradeResult } from '@gds/kit';
import { CHANGE_RULES, checkCompatibility, type diffSchemas, upgrade } from '@gds/kit';
import { describe, expectTypeOf, it } from 'vitest';

describe('public types', () => {
  it('the rules table covers exactly the change kinds', () => {
    expectTypeOf<keyof typeof CHANGE_RULES>().toEqualTypeOf<ChangeKind>();
    expectTypeOf(CHANGE_RULES['field.renamed'].readers).toEqualTypeOf<Effect>();
    expectTypeOf(CHANGE_RULES['field.renamed'].bump).toEqualTypeOf<Exclude<Bump, 'none'>>();
  });

  it('a diff report carries classified changes and an overall bump', () => {
    type Report = ReturnType<typeof diffSchemas>;
    expectTypeOf<Report['changes']>().toEqualTypeOf<SchemaChange[]>();
    expectTypeOf<Report['bump']>().toEqualTypeOf<Bump>();
  });

  it('policies are a closed union', () => {
    expectTypeOf<Parameters<typeof checkCompatibility>[1]>().toMatchTypeOf<
      { policy?: CompatibilityPolicy } | undefined
    >();
    // @ts-expect-error not a policy
    checkCompatibility('person', { policy: 'SIDEWAYS' });
  });

  it('an upgrade result has a value only when it succeeded', () => {
    expectTypeOf(upgrade).returns.toEqualTypeOf<UpgradeResult>();
    expectTypeOf<UpgradeResult['value']>().toEqualTypeOf<Record<string, unknown> | undefined>();
  });
});

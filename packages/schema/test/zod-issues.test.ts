import { type Issue, listStandards, type Standard } from '@gds/schema';
import * as zodSchemas from '@gds/schema/zod';
import { listExamples } from '@gds/standards/fs';
import { afterEach, describe, expect, it } from 'vitest';
import * as z from 'zod';

// Issue 16: the zod schemas report GDS's issues the zod way. Every issue is a zod `custom` issue whose
// `params` carry `gdsCode` and the GDS params, at the GDS path; its message is GDS's, in the locale zod
// is configured to (`z.config(z.locales.zhCN())` Chinese, `z.locales.en()` English), zh-CN under zod's
// default as `validate()`'s. Held to `validate()` (its errors: zod has no warnings) on every shipped
// example of every entity, against every version of the entity.
const ZOD_DEFAULT = z.config().localeError;
afterEach(() => {
  z.config({ localeError: ZOD_DEFAULT, customError: undefined });
});

const zodOf = (s: Standard) =>
  (zodSchemas as Record<string, z.ZodType>)[
    `${s.entity.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase())}Zod_${s.version.replace(/\./g, '_')}`
  ]!;

/** An issue as both sides can state it: code, path, params and message. */
const fromGds = (i: Issue) => JSON.stringify([i.code, i.path, i.params, i.message]);
function fromZod(i: z.core.$ZodIssue): string {
  expect(i.code, JSON.stringify(i)).toBe('custom');
  const { gdsCode, ...params } = (i as z.core.$ZodIssueCustom).params ?? {};
  return JSON.stringify([gdsCode, i.path, params, i.message]);
}
const zodIssues = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  return r.success ? [] : r.error.issues.map(fromZod).sort();
};
const gdsErrors = (s: Standard, value: unknown, locale: 'zh-CN' | 'en') =>
  s
    .validate(value, { locale })
    .issues.filter((i) => i.severity === 'error')
    .map(fromGds)
    .sort();

const cases = listStandards().flatMap((s) =>
  listExamples(s.entity).map(
    (e) => [`${s.entity}@${s.version} ${e.valid ? 'valid' : 'invalid'}/${e.name}`, s, e.value] as const,
  ),
);

describe('zod issues equal validate() errors on every shipped example', () => {
  it('covers every standard version, and invalid examples fail', () => {
    expect(new Set(cases.map(([, s]) => `${s.entity}@${s.version}`)).size).toBe(listStandards().length);
    const failing = cases.filter(([, s, v]) => !s.validate(v).ok);
    expect(failing.length).toBeGreaterThan(80);
  });

  it.each(cases)('%s (zod default: zh-CN)', (_, standard, value) => {
    expect(zodIssues(zodOf(standard), value)).toEqual(gdsErrors(standard, value, 'zh-CN'));
  });

  it.each(cases)('%s (z.locales.en())', (_, standard, value) => {
    z.config(z.locales.en());
    expect(zodIssues(zodOf(standard), value)).toEqual(gdsErrors(standard, value, 'en'));
  });

  it.each(cases)('%s (z.locales.zhCN())', (_, standard, value) => {
    z.config(z.locales.en());
    z.config(z.locales.zhCN());
    expect(zodIssues(zodOf(standard), value)).toEqual(gdsErrors(standard, value, 'zh-CN'));
  });
});

describe('messages follow zod configuration', () => {
  const bad = { id: 'p-1', name: '' };
  const messages = () => {
    const r = zodSchemas.personZod.safeParse(bad);
    return r.success ? [] : r.error.issues.map((i) => i.message);
  };

  it('a locale of another language gives GDS English (the catalogue has zh-CN and English)', () => {
    z.config(z.locales.de());
    expect(messages()).toContain('Missing required field identity');
    z.config(z.locales.zhTW());
    expect(messages()).toContain('缺少必填字段 identity');
  });

  it('a global customError with a message for an issue has the word; others keep GDS messages', () => {
    z.config({
      customError: (iss) =>
        iss.code === 'custom' && iss.params?.gdsCode === 'min_length'
          ? `too short: ${iss.params.limit}`
          : undefined,
    });
    const m = messages();
    expect(m).toContain('too short: 1');
    expect(m).toContain('缺少必填字段 identity');
  });

  it('an issue looks like a zod custom issue with the GDS code and params', () => {
    z.config(z.locales.en());
    const r = zodSchemas.personZod.safeParse({
      ...bad,
      identity: { type: 'resident-id', number: '11010519491231002X' },
    });
    expect(r.success).toBe(false);
    expect(r.error!.issues).toContainEqual({
      code: 'custom',
      path: ['name'],
      params: { gdsCode: 'min_length', limit: 1 },
      message: 'Must have at least 1 characters',
    });
  });

  it('z.infer is the record type and the fields are reachable through .out.shape', () => {
    const name = zodSchemas.personZod.out.shape.name;
    expect(name.safeParse('张三').success).toBe(true);
    expect(name.safeParse(5).error?.issues[0]).toMatchObject({
      path: [],
      params: { gdsCode: 'type', expected: 'string', received: 'integer' },
      message: '类型错误：应为 string，实际为 integer',
    });
  });
});

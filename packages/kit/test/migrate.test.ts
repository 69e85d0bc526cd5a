import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  applyMigration,
  GdsKitError,
  loadSchemaVersion,
  parseMigration,
  planUpgrade,
  readMigration,
  upgrade,
} from '@gds/kit';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, 'fixtures', 'standards');
const cases = join(import.meta.dirname, 'fixtures', 'migrations', 'person');
const read = (p: string) => JSON.parse(readFileSync(p, 'utf8'));

// A generic JSON Schema 2020-12 validator: the x-gds-* keywords are annotations to it.
function validator(version: string) {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  (addFormats as unknown as (a: Ajv2020) => void)(ajv);
  return ajv.compile(loadSchemaVersion('person', version, { root }).schema);
}

describe('migration fixtures (input → expected), one table for every step', () => {
  const rows = readdirSync(cases).flatMap((step) =>
    readdirSync(join(cases, step))
      .filter((f) => f.endsWith('.input.json'))
      .map((f) => [`${step}/${f.replace('.input.json', '')}`, step, f] as const),
  );
  it('there are fixtures for every step', () => {
    expect(new Set(rows.map((r) => r[1]))).toEqual(new Set(['1.0.0--1.1.0', '1.1.0--next', '1.0.0--next']));
  });
  it.each(rows)('%s', (_name, step, file) => {
    const [from, to] = step.split('--') as [string, string];
    const expected = read(join(cases, step, file.replace('.input.json', '.expected.json')));
    const result = upgrade('person', read(join(cases, step, file)), { root, from, to });
    expect(result.value ?? null).toEqual(expected.value);
    expect(result.ok).toBe(expected.value !== null);
    expect(result.issues.map((i) => i.code)).toEqual(expected.issues);
    if (expected.issues.length === 0) {
      const validate = validator(to);
      expect(validate(result.value), JSON.stringify(validate.errors)).toBe(true);
    }
  });
});

describe('upgrade', () => {
  it('every 1.0.0 example upgrades to the 2.0.0 draft and validates there', () => {
    const dir = join(root, 'schemas/person/1.0.0/examples/valid');
    const v1 = validator('1.0.0');
    const v2 = validator('next');
    const files = readdirSync(dir);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const record = read(join(dir, file));
      expect(v1(record), file).toBe(true);
      expect(v2(record), `${file} should not be valid in 2.0.0 before the upgrade`).toBe(false);
      const result = upgrade('person', record, { root, from: '1.0.0', to: 'next' });
      expect(result.steps.map((s) => `${s.from}→${s.to}`)).toEqual(['1.0.0→1.1.0', '1.1.0→next']);
      expect(result.issues).toEqual([]);
      expect(v2(result.value), `${file}: ${JSON.stringify(v2.errors)}`).toBe(true);
    }
  });

  it('chains migrations and defaults to the latest release', () => {
    expect(planUpgrade('person', { root, from: '1.0.0' }).map((m) => `${m.from}→${m.to}`)).toEqual([
      '1.0.0→1.1.0',
    ]);
    expect(upgrade('person', { name: '张三' }, { root, from: '1.1.0', to: '1.1.0' })).toEqual({
      ok: true,
      value: { name: '张三' },
      version: '1.1.0',
      steps: [],
      issues: [],
    });
  });

  it('refuses downgrades and unknown versions', () => {
    expect(() => planUpgrade('person', { root, from: '1.1.0', to: '1.0.0' })).toThrow(GdsKitError);
    expect(() => planUpgrade('person', { root, from: '0.9.0' })).toThrowError(
      expect.objectContaining({ code: 'GDS_KIT_NOT_FOUND' }) as unknown as Error,
    );
  });

  it('migration files follow standards/compat/migration.schema.json (for other languages)', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const validate = ajv.compile(
      read(join(import.meta.dirname, '..', '..', '..', 'standards', 'compat', 'migration.schema.json')),
    );
    for (const version of ['1.1.0', 'next']) {
      const doc = read(join(root, 'schemas', 'person', version, 'person.migration.json'));
      expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    }
    expect(
      validate({ entity: 'person', from: '1.0.0', to: 'next', operations: [{ op: 'move', from: '/a' }] }),
    ).toBe(false);
  });

  it('reads and validates migration files', () => {
    expect(readMigration('person', 'next', { root })?.operations.map((o) => o.op)).toEqual([
      'rename',
      'wrap',
      'split',
    ]);
    expect(readMigration('person', '1.0.0', { root })).toBeUndefined();
    expect(() =>
      parseMigration({ entity: 'person', from: '1.0.0', to: '1.1.0', operations: [{ op: 'move' }] }),
    ).toThrowError(expect.objectContaining({ code: 'GDS_KIT_INVALID_MIGRATION' }) as unknown as Error);
    expect(() =>
      parseMigration({
        entity: 'person',
        from: '1.0.0',
        to: '1.1.0',
        operations: [{ op: 'set', path: '/a' }],
      }),
    ).toThrow(/missing value/);
  });

  it('runs on the converter engine: an unlisted code is reported at the field, with the step, in both languages', () => {
    const r = upgrade(
      'person',
      { name: '赵六', sex: '1', birthDate: '1970-01-31', maritalStatus: '99' },
      { root, from: '1.1.0', to: 'next' },
    );
    expect(r.ok).toBe(false);
    expect(r.version).toBe('1.1.0');
    expect(r.issues).toMatchObject([
      {
        code: 'crosswalk.unknown_value',
        path: '/maritalStatus',
        step: '1.1.0→next',
        params: { value: '99' },
      },
    ]);
    expect(r.issues[0]?.messageEn).toContain('99');
  });

  it('validates the result with the given checker on the last step', () => {
    const validate = validator('next');
    const check = (rec: unknown) =>
      validate(rec)
        ? { ok: true, issues: [] }
        : {
            ok: false,
            issues: [
              {
                code: 'required' as const,
                severity: 'error' as const,
                path: [],
                params: { property: 'fullName' },
                message: 'x',
              },
            ],
          };
    const good = upgrade(
      'person',
      { name: '张三', sex: '1', birthDate: '1990-03-07' },
      { root, from: '1.0.0', to: 'next', validate: check },
    );
    expect(good.ok).toBe(true);
    const bad = upgrade(
      'person',
      { sex: '1', birthDate: '1990-03-07' },
      { root, from: '1.0.0', to: 'next', validate: check },
    );
    expect(bad.ok).toBe(false);
    expect(bad.issues.map((i) => i.code)).toEqual(['required']);
  });

  it('applies operations under array wildcards without touching the input', () => {
    const input = {
      contacts: [
        { kind: 'm', v: '1' },
        { kind: 'x', v: '2' },
      ],
      old: 1,
    };
    const { value, issues } = applyMigration(input, {
      entity: 'person',
      from: '1.0.0',
      to: '2.0.0',
      operations: [
        { op: 'rename', from: '/contacts/*/v', to: '/contacts/*/value' },
        { op: 'recode', path: '/contacts/*/kind', map: { m: 'mobile' } },
        { op: 'set', path: '/contacts/*/verified', value: false, ifMissing: true },
        { op: 'set', path: '/version', value: 2 },
        { op: 'remove', path: '/old' },
      ],
    });
    expect(value).toEqual({
      contacts: [
        { kind: 'mobile', value: '1', verified: false },
        { kind: 'x', value: '2', verified: false },
      ],
      version: 2,
    });
    expect(issues).toEqual([]);
    expect(input.contacts[0]).toEqual({ kind: 'm', v: '1' });
  });

  it('a rename onto an occupied field is an issue, not an overwrite', () => {
    const { value, issues } = applyMigration(
      { name: 'a', fullName: 'b' },
      {
        entity: 'person',
        from: '1.1.0',
        to: '2.0.0',
        operations: [{ op: 'rename', from: '/name', to: '/fullName' }],
      },
    );
    expect(value).toBeUndefined();
    expect(issues.map((i) => `${i.code} ${i.path} ${i.step}`)).toEqual([
      'migration.target_occupied /fullName 1.1.0→2.0.0',
    ]);
  });
});

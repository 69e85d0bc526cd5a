import {
  createIssue,
  formatIssueMessage,
  GdsSchemaError,
  getStandard,
  ISSUE_CATALOGUE,
  listStandards,
  person,
} from '@gds/schema';
import { describe, expect, it } from 'vitest';

describe('the standard API', () => {
  it('finds standards by entity and version', () => {
    expect(getStandard('person')).toBe(person);
    expect(getStandard('person', '1.0.0')?.version).toBe('1.0.0');
    expect(getStandard('person', '9.9.9')).toBeUndefined();
    expect(getStandard('no-such-entity')).toBeUndefined();
    expect(listStandards().length).toBeGreaterThan(0);
  });

  it('collects every issue with its path instead of stopping at the first', () => {
    const result = person.validate({ id: 'x', name: '', sex: 'Q', birthDate: '2020-02-30', extra: 1 });
    expect(result.ok).toBe(false);
    const found = result.issues.map((i) => `${i.code}@/${i.path.join('/')}`).sort();
    expect(found).toEqual(
      [
        'additional_property@/',
        'codelist.unknown_code@/sex',
        'format@/birthDate',
        'min_length@/name',
        'required@/',
      ].sort(),
    );
  });

  it('renders messages in zh-CN by default and in English on request', () => {
    const zh = person.validate({}).issues[0]!;
    const en = person.validate({}, { locale: 'en' }).issues[0]!;
    expect(zh.message).toMatch(/缺少必填字段/);
    expect(en.message).toMatch(/Missing required field/);
    expect(formatIssueMessage('max_length', { limit: 3 }, 'en')).toBe('Must have at most 3 characters');
    expect(createIssue('required', ['a'], { property: 'b' }).severity).toBe('error');
  });

  it('parse throws a typed error carrying the issues', () => {
    let caught: unknown;
    try {
      person.parse({ id: 'x' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(GdsSchemaError);
    const error = caught as GdsSchemaError;
    expect(error.code).toBe('GDS_SCHEMA_INVALID_RECORD');
    expect(error.issues.length).toBeGreaterThan(0);
    expect(error.message).toMatch(/记录不符合标准.*（record does not conform/);
  });

  it('exposes the JSON Schema and field metadata with governance on every field', () => {
    expect(person.jsonSchema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(person.id).toMatch(/^urn:gds:schema:person:/);
    expect(person.fields.length).toBeGreaterThan(5);
    for (const field of person.fields) {
      expect(field.dataClass, field.path).toMatch(/^(core|important|general)$/);
      expect(field.sensitivity, field.path).toMatch(/^(none|personal|sensitive)$/);
      expect(field.sharing, field.path).toMatch(/^(unconditional|conditional|none)$/);
      expect(field.source, field.path).not.toBe('');
    }
    expect(person.fields.find((f) => f.path === '/identity/number')?.sensitivity).toBe('sensitive');
  });

  it('catalogues every code with a zh-CN and an English message', () => {
    for (const [code, entry] of Object.entries(ISSUE_CATALOGUE)) {
      expect(entry.zh, code).toMatch(/[\u4e00-\u9fff]/);
      expect(entry.en, code).toMatch(/[A-Za-z]{3}/);
      expect(['error', 'warning']).toContain(entry.severity);
    }
  });

  it('counts string lengths in code points, as JSON Schema does', () => {
    const name = '𠮷'.repeat(100); // 100 code points, 200 UTF-16 units
    const issues = person.validate({ name }).issues.filter((i) => i.path[0] === 'name');
    expect(issues).toEqual([]);
    const tooLong = person.validate({ name: `${name}a` }).issues.filter((i) => i.path[0] === 'name');
    expect(tooLong.map((i) => i.code)).toEqual(['max_length']);
  });
});

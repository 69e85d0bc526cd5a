import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { emitChecker, GdsKitError, generateStandards, lintStandard, writeGenerated } from '@gds/kit';
import { listCodeLists, readCodeList } from '@gds/standards/fs';
import { describe, expect, it } from 'vitest';

// biome-ignore lint/suspicious/noExplicitAny: the tests mutate untyped schema JSON
type Doc = Record<string, any>;

const repo = resolve(import.meta.dirname, '../../..');
const standardsRoot = join(repo, 'standards');
const generatedDir = join(repo, 'packages/schema/src/generated');

describe('npm run generate', () => {
  it('the committed generated files are current (else: npm run generate)', async () => {
    const files = await generateStandards({ standardsRoot });
    expect(writeGenerated(files, generatedDir, { check: true })).toEqual([]);
  });

  it('--check reports a stale, a missing and an extra file, and writing fixes them', async () => {
    const out = mkdtempSync(join(tmpdir(), 'gds-gen-'));
    const files = await generateStandards({ standardsRoot });
    expect(writeGenerated(files, out).length).toBe(files.length);
    expect(writeGenerated(files, out, { check: true })).toEqual([]);
    const checker = join(out, 'person/1.0.0/checker.ts');
    writeFileSync(checker, `${readFileSync(checker, 'utf8')}\n// hand edit\n`);
    writeFileSync(join(out, 'stray.ts'), 'export {};\n');
    expect(writeGenerated(files, out, { check: true })).toEqual(['person/1.0.0/checker.ts', 'stray.ts']);
    expect(writeGenerated(files, out)).toEqual(['person/1.0.0/checker.ts', 'stray.ts']);
    expect(writeGenerated(files, out, { check: true })).toEqual([]);
  });

  it('refuses to generate from a standard outside the profile, naming where', async () => {
    const root = mkdtempSync(join(tmpdir(), 'gds-std-'));
    cpSync(standardsRoot, root, {
      recursive: true,
      filter: (src) => !src.includes('node_modules') && !src.includes('/dist'),
    });
    const file = join(root, 'schemas/person/1.0.0/person.schema.json');
    const schema = JSON.parse(readFileSync(file, 'utf8'));
    schema.properties.name.oneOf = [{ type: 'string' }];
    writeFileSync(file, JSON.stringify(schema));
    const error = await generateStandards({ standardsRoot: root }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GdsKitError);
    expect((error as GdsKitError).code).toBe('GDS_KIT_PROFILE_VIOLATION');
    expect((error as GdsKitError).details.join('\n')).toMatch(/person\.schema\.json#\/properties\/name/);
  });
});

describe('the compiled checker', () => {
  it('warns (never errs) when a record uses a deprecated field', () => {
    const doc = JSON.parse(
      readFileSync(join(standardsRoot, 'schemas/person/1.0.0/person.schema.json'), 'utf8'),
    );
    doc.properties.phone['x-gds-deprecated'] = { since: '1.1.0', replacedBy: 'contacts' };
    const code = emitChecker(doc, '../../..');
    const site = /const (ISSUE_\d+) = \/\* @__PURE__ \*\/ issueSite\("field\.deprecated", (.*)\);/.exec(code);
    expect(JSON.parse(site![2]!)).toEqual({ property: 'phone', since: '1.1.0', replacedBy: 'contacts' });
    expect(code).toContain(`ctx.report(${site![1]}, ["phone"]);`);
    expect(
      emitChecker(
        JSON.parse(readFileSync(join(standardsRoot, 'schemas/person/1.0.0/person.schema.json'), 'utf8')),
        '../../..',
      ),
    ).not.toContain('field.deprecated');
  });
});

describe('the GDS profile meta-schema', () => {
  const codelists = new Set(listCodeLists());
  const departments = new Set(readCodeList('department').entries.map((e) => e.code));
  const person = () =>
    JSON.parse(readFileSync(join(standardsRoot, 'schemas/person/1.0.0/person.schema.json'), 'utf8'));
  const lint = (doc: unknown) =>
    lintStandard(doc, { standardsRoot, codelists, departments, entity: 'person', version: '1.0.0' });

  it('accepts the shipped person release', () => {
    expect(lint(person())).toEqual([]);
  });

  it.each(['x-gds-data-class', 'x-gds-sensitivity', 'x-gds-sharing', 'x-gds-source', 'x-gds-since'])(
    'rejects a field without %s',
    (keyword) => {
      const doc = person();
      delete doc.properties.name[keyword];
      expect(lint(doc).map((p) => p.pointer)).toContain('/properties/name');
    },
  );

  it.each([
    ['an unknown keyword', (d: Doc) => (d.properties.name.if = {}), '/properties/name'],
    ['an open object', (d: Doc) => delete d.additionalProperties, '/'],
    [
      'an unknown code list',
      (d: Doc) => (d.properties.sex['x-gds-codelist'].list = 'nope'),
      '/properties/sex',
    ],
    ['an unknown department', (d: Doc) => (d.properties.sex['x-gds-source'] = 'nope'), '/properties/sex'],
    ['a dangling $ref', (d: Doc) => (d.properties.identity.$ref = '#/$defs/nope'), '/properties/identity'],
    ['an $id that disagrees with its folder', (d: Doc) => (d.$id = 'urn:gds:schema:person:9.9.9'), '/$id'],
    ['a required name that is not a property', (d: Doc) => d.required.push('ghost'), ''],
  ])('rejects %s', (_, mutate, pointer) => {
    const doc = person();
    mutate(doc);
    expect(lint(doc).map((p) => p.pointer)).toContain(pointer);
  });
});

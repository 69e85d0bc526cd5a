import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkMapping, TO_FILL } from '@gds/convert';
import { standardsDir } from '@gds/standards/fs';
import { describe, expect, it } from 'vitest';
import { gds } from './_io.js';

const official = join(standardsDir(), 'mappings', 'public-security', 'population.mapping.json');

describe('gds mapping check', () => {
  it('says OK for an official mapping (exit 0)', async () => {
    const r = await gds(['mapping', 'check', official, '--locale', 'en']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`${official}: OK\n`);
  });

  it('lists every problem with its pointer, in text and JSON (exit 1)', async () => {
    const m = JSON.parse(readFileSync(official, 'utf8'));
    m.fields[1].tranforms = m.fields[1].transforms;
    delete m.fields[1].transforms;
    m.fields[6].target = 'residence.divisonCode';
    const dir = mkdtempSync(join(tmpdir(), 'gds-mapping-check-'));
    const file = join(dir, 'typo.mapping.json');
    writeFileSync(file, JSON.stringify(m));
    const text = await gds(['mapping', 'check', 'typo.mapping.json'], { cwd: dir });
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('typo.mapping.json:/fields/1/tranforms  ✗ 未知的键 tranforms');
    expect(text.stdout).toContain('unknown key tranforms');
    const json = await gds(['mapping', 'check', 'typo.mapping.json', '--format', 'json'], { cwd: dir });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      valid: false,
      problems: [{ pointer: '/fields/1/tranforms', code: 'GDS_CONVERT_INVALID_MAPPING', kind: 'schema' }],
    });
    delete m.fields[1].tranforms;
    writeFileSync(file, JSON.stringify(m));
    const meaning = await gds(['mapping', 'check', file, '--format', 'json']);
    expect(JSON.parse(meaning.stdout).problems).toMatchObject([
      { pointer: '/fields/6/target', kind: 'meaning' },
    ]);
    writeFileSync(file, '{"id": ');
    const bad = await gds(['mapping', 'check', file, '--format', 'json']);
    expect(JSON.parse(bad.stdout).problems[0]).toMatchObject({ pointer: '' });
    expect((await gds(['mapping', 'check', join(dir, 'none.json')])).code).toBe(2);
  });

  it('refuses a mapping with a typo in gds convert, naming the pointer', async () => {
    const m = JSON.parse(readFileSync(official, 'utf8'));
    m.fields[1].tranforms = [];
    const dir = mkdtempSync(join(tmpdir(), 'gds-mapping-convert-'));
    writeFileSync(join(dir, 'typo.mapping.json'), JSON.stringify(m));
    writeFileSync(join(dir, 'in.csv'), 'gmsfhm,xm\n');
    const r = await gds(['convert', 'in.csv', '-m', 'typo.mapping.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('/fields/1/tranforms');
    expect(r.stderr).toContain('GDS_CONVERT_INVALID_MAPPING');
  });
});

describe('gds mapping init', () => {
  const golden = join(import.meta.dirname, 'fixtures', 'mapping-init');
  const mappings = join(standardsDir(), 'mappings');
  const check = (m: unknown) =>
    checkMapping(m, {
      hasCrosswalk: (id) => existsSync(join(standardsDir(), 'crosswalks', `${id}.csv`)),
      hasCodeList: (id) => existsSync(join(standardsDir(), 'codelists', `${id}.csv`)),
    });

  it('drafts the police population mapping from its GB18030 sample, and the draft passes the check', async () => {
    const input = join(mappings, 'public-security', 'golden', 'population', 'input.csv');
    const r = await gds(['mapping', 'init', input, '--locale', 'en']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(golden, 'population.mapping.json'), 'utf8'));
    const draft = JSON.parse(r.stdout);
    expect(draft.source).toMatchObject({ format: 'csv', encoding: 'gb18030' });
    // Every column of the official mapping is guessed as it maps it, transforms included.
    const official = JSON.parse(
      readFileSync(join(mappings, 'public-security', 'population.mapping.json'), 'utf8'),
    );
    expect(draft.fields).toEqual(official.fields);
    expect(draft.ignoreColumns).toEqual(official.ignoreColumns);
    expect(r.stderr).toContain('nothing to fill');
    expect(check(draft)).toEqual([]);
  });

  it('drafts from an XLSX sheet, marks what is left to fill, and passes once filled', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gds-mapping-init-'));
    const input = join(mappings, 'civil-affairs', 'golden', 'dibao-person', 'input.xlsx');
    const r = await gds(
      ['mapping', 'init', input, '--header-row', '2', '--out', 'd.mapping.json', '--format', 'json'],
      {
        cwd: dir,
      },
    );
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(join(dir, 'd.mapping.json'), 'utf8');
    expect(text).toBe(readFileSync(join(golden, 'dibao-person.mapping.json'), 'utf8'));
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({ format: 'xlsx', target: { standard: 'person' } });
    expect(summary.toFill.length).toBeGreaterThan(0);
    const draft = JSON.parse(text);
    // Unfilled, the check points at each mark.
    expect(check(draft).map((p) => p.pointer)).toEqual(summary.toFill);
    for (const pointer of summary.toFill) {
      const i = Number(pointer.split('/')[2]);
      draft.ignoreColumns = [...(draft.ignoreColumns ?? []), draft.fields[i].from];
    }
    draft.fields = draft.fields.filter((f: { target: string }) => f.target !== TO_FILL);
    expect(check(draft)).toEqual([]);
    const checked = await gds(['mapping', 'check', 'd.mapping.json'], { cwd: dir });
    expect(checked.code).toBe(1);
  });

  it('asks for --standard when no official mapping knows the columns', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gds-mapping-init-'));
    writeFileSync(join(dir, 'x.csv'), 'foo,name\n1,Li\n');
    expect((await gds(['mapping', 'init', 'x.csv'], { cwd: dir })).code).toBe(2);
    const r = await gds(['mapping', 'init', 'x.csv', '--standard', 'person@1.0.0'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).fields).toEqual([
      { target: TO_FILL, from: 'foo' },
      { target: 'name', from: 'name', transforms: ['trim'] },
    ]);
  });
});

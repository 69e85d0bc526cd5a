import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

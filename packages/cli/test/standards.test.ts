import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gds } from './_io.js';

// The kit's fixture standards: person 1.0.0, 1.1.0 and a 2.0.0 draft with a rename and a code list split.
const fixture = join(import.meta.dirname, '..', '..', 'kit', 'test', 'fixtures', 'standards');
const work = mkdtempSync(join(tmpdir(), 'gds-cli-standards-'));
const root = join(work, 'standards');
cpSync(fixture, root, { recursive: true });
afterAll(() => rmSync(work, { recursive: true, force: true }));

const exemptions = {
  exemptions: [
    {
      entity: 'person',
      kind: 'field.renamed',
      path: '/fullName',
      reason: '与国家标准用语一致',
      approver: '标委会',
    },
    {
      entity: 'person',
      kind: 'field.removed_optional',
      path: '/phone',
      reason: '1.1.0 起废止',
      approver: '标委会',
    },
    {
      entity: 'person',
      kind: 'codelist.code_removed_closed',
      path: '/maritalStatus',
      reason: '婚次拆分',
      approver: '标委会',
    },
  ],
};

describe('gds standards', () => {
  it('list shows released versions and drafts', async () => {
    const r = await gds(['standards', 'list', '--format', 'json'], { cwd: work });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toContainEqual({
      entity: 'person',
      released: ['1.0.0', '1.1.0'],
      draft: true,
    });
  });

  it('diff prints text, JSON and GitHub annotations', async () => {
    const text = await gds(['standards', 'diff', 'person@1.1.0', 'person@next', '--lang', 'en'], {
      cwd: work,
    });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('field renamed: /fullName (was /name)');
    const json = await gds(['standards', 'diff', 'person', '1.0.0', '1.1.0', '--format', 'json'], {
      cwd: work,
    });
    expect(JSON.parse(json.stdout)).toMatchObject({ bump: 'minor', readers: 'breaking', writers: 'safe' });
    const gh = await gds(['standards', 'diff', 'person@1.1.0', 'person@next', '--format', 'github'], {
      cwd: work,
    });
    expect(gh.stdout).toMatch(
      /^::error file=standards\/schemas\/person\/next\/person.schema.json,title=person 1.1.0→next field.renamed \(major\)::/m,
    );
  });

  it('check fails on the 2.0.0 draft without an exemption and passes with one', async () => {
    const fail = await gds(['standards', 'check'], { cwd: work });
    expect(fail.code).toBe(1);
    expect(fail.stdout).toContain('✗ person next vs 1.0.0, 1.1.0 (BACKWARD_TRANSITIVE)');
    const gh = await gds(['standards', 'check', '--format', 'github'], { cwd: work });
    expect(gh.stdout.split('\n').filter((l) => l.startsWith('::error'))).toHaveLength(6);
    writeFileSync(join(root, 'compat', 'exemptions.json'), JSON.stringify(exemptions));
    const pass = await gds(['standards', 'check', 'person'], { cwd: work });
    expect(pass.code, pass.stdout).toBe(0);
    expect(pass.stdout).toContain('6 处已豁免');
  });

  it('check fails when a released file is modified', async () => {
    const file = join(root, 'schemas/person/1.0.0/person.schema.json');
    const original = readFileSync(file);
    writeFileSync(file, original.toString().replace('"姓名"', '"名字"'));
    const r = await gds(['standards', 'check', '--format', 'json'], { cwd: work });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).lock.problems).toMatchObject([
      { kind: 'modified', file: 'schemas/person/1.0.0/person.schema.json' },
    ]);
    writeFileSync(file, original);
  });

  it('upgrade chains migrations over NDJSON and reports what needs a person', async () => {
    const input = `${JSON.stringify({ name: '张三', sex: '1', birthDate: '1990-03-07', phone: '13812345678', maritalStatus: '22' })}\n${JSON.stringify({ name: '赵六', sex: '1', birthDate: '1970-01-31', maritalStatus: '99' })}\n`;
    const r = await gds(
      ['upgrade', '--standard', 'person', '--from', '1.0.0', '--to', 'next', '--root', 'standards'],
      { cwd: work, stdin: input },
    );
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const first = JSON.parse(lines[0]!);
    expect(first).toEqual({
      fullName: '张三',
      sex: '1',
      birthDate: '1990-03-07',
      contacts: [{ type: 'mobile', value: '13812345678' }],
      maritalStatus: '20',
      marriageOrder: '2',
    });
    expect(r.stderr).toContain('crosswalk.unknown_value');
    expect(r.stderr).toContain('/maritalStatus');
  });

  it('docs writes the site', async () => {
    const r = await gds(['standards', 'docs', '--out', 'site'], { cwd: work });
    expect(r.code).toBe(0);
    expect(existsSync(join(work, 'site', 'person', 'next.html'))).toBe(true);
    expect(existsSync(join(work, 'site', 'person', '1.0.0.md'))).toBe(true);
  });

  it('release freezes the draft as 2.0.0 (with the exemptions recorded above)', async () => {
    const r = await gds(['standards', 'release', 'person'], { cwd: work });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('person 1.1.0 → 2.0.0 (major)');
    expect(existsSync(join(root, 'schemas/person/2.0.0/person.schema.json'))).toBe(true);
    expect(existsSync(join(work, '.changeset/standards-person-2-0-0.md'))).toBe(true);
    const check = await gds(['standards', 'check'], { cwd: work });
    expect(check.code, check.stdout).toBe(0);
  });

  it('usage mistakes exit 2', async () => {
    expect((await gds(['standards', 'diff', 'person@1.0.0'], { cwd: work })).code).toBe(2);
    expect((await gds(['standards', 'check', '--policy', 'SIDEWAYS'], { cwd: work })).code).toBe(2);
    expect((await gds(['standards', 'docs'], { cwd: work })).code).toBe(2);
    expect((await gds(['standards', 'release', 'nobody'], { cwd: work })).code).toBe(2);
  });
});

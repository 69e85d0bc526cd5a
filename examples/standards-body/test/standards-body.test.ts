import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { standardsDir } from '@gds/standards/fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DROPPED_CODE,
  ENTITY,
  NARROWED_LIST,
  NEW_FIELD,
  runStandardsBody,
  type StandardsBodyResult,
} from '../src/workflow.js';

const exampleDir = join(import.meta.dirname, '..');
const repoRoot = join(exampleDir, '..', '..');
const sha256 = (path: string) => `sha256:${createHash('sha256').update(readFileSync(path)).digest('hex')}`;
const shipped = standardsDir();
const shippedLock = sha256(join(shipped, 'releases.lock.json'));

describe('a standards body authors, checks, releases and documents a change (on a copy)', () => {
  let workDir: string;
  let r: StandardsBodyResult;
  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'gds-standards-body-test-'));
    r = await runStandardsBody({ workDir });
  });
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  it('the authored draft passes the GDS profile check', () => {
    expect(r.root).toBe(join(workDir, 'standards'));
    expect(r.previous).toBe('1.0.0');
    expect(r.lint).toEqual([]);
  });

  it('an optional field is classified minor: it breaks readers, not writers, and passes the check', () => {
    expect(r.additive.diff.changes.map((c) => [c.kind, c.path, c.bump, c.writers])).toEqual([
      ['field.added_optional', `/${NEW_FIELD}`, 'minor', 'safe'],
    ]);
    expect(r.additive.diff.bump).toBe('minor');
    expect(r.additive.check.ok).toBe(true);
    expect(r.additive.check.policy).toBe('BACKWARD_TRANSITIVE');
    expect(r.additive.version).toBe('1.1.0');
  });

  it('narrowing a closed code list is classified major and cannot be released, least of all as a minor step', () => {
    const removal = r.breaking.diff.changes.find((c) => c.kind === 'codelist.code_removed_closed');
    expect(removal).toMatchObject({
      path: '/status',
      list: NARROWED_LIST,
      codes: [DROPPED_CODE],
      bump: 'major',
      writers: 'breaking',
    });
    expect(r.breaking.diff.bump).toBe('major');
    expect(r.breaking.check.ok).toBe(false);
    expect(r.breaking.check.violations.map((v) => [v.against, v.change.kind])).toEqual([
      ['1.0.0', 'codelist.code_removed_closed'],
    ]);
    expect([r.breaking.hoped, r.breaking.required]).toEqual(['1.1.0', '2.0.0']);
    // First for want of a migration, then, with one, for want of a recorded exemption.
    expect(r.breaking.refusals.map((x) => x.code)).toEqual([
      'GDS_KIT_NO_MIGRATION_PATH',
      'GDS_KIT_INCOMPATIBLE',
    ]);
    expect(r.breaking.refusals[1]!.messageEn).toContain(`organization-status: ${DROPPED_CODE}`);
  });

  it('the withdrawn edit leaves nothing behind: the code list is as shipped, no migration is released', () => {
    const list = `codelists/${NARROWED_LIST}.csv`;
    expect(readFileSync(join(r.root, list), 'utf8')).toBe(readFileSync(join(shipped, list), 'utf8'));
    expect(
      readFileSync(join(r.root, `schemas/${ENTITY}/1.1.0/codelists/${NARROWED_LIST}.csv`), 'utf8'),
    ).toContain(`${DROPPED_CODE},`);
    expect(r.release.files.some((f) => f.endsWith('.migration.json'))).toBe(false);
  });

  it('the release writes the version folder, stamps the schema and removes the draft', () => {
    expect([r.release.previous, r.release.version, r.release.bump]).toEqual(['1.0.0', '1.1.0', 'minor']);
    const dir = `schemas/${ENTITY}/1.1.0`;
    expect(r.release.files).toEqual(
      expect.arrayContaining([
        `${dir}/${ENTITY}.schema.json`,
        `${dir}/codelists/${NARROWED_LIST}.csv`,
        `${dir}/examples/valid/with-english-name.json`,
      ]),
    );
    for (const file of r.release.files) expect(existsSync(join(r.root, file)), file).toBe(true);
    const schema = JSON.parse(readFileSync(join(r.root, dir, `${ENTITY}.schema.json`), 'utf8'));
    expect(schema.$id).toBe(`urn:gds:schema:${ENTITY}:1.1.0`);
    expect(schema['x-gds-standard']).toEqual({ entity: ENTITY, version: '1.1.0', status: 'released' });
    expect(schema.properties[NEW_FIELD]['x-gds-since']).toBe('1.1.0');
    expect(schema.properties.name['x-gds-since']).toBe('1.0.0');
    expect(existsSync(join(r.root, `schemas/${ENTITY}/next`))).toBe(false);
    expect(readFileSync(r.release.changeset!, 'utf8')).toContain(`标准 ${ENTITY} 发布 1.1.0`);
  });

  it('releases.lock.json holds the SHA-256 of every released file, and the lock verifies', () => {
    expect(Object.keys(r.lock.entries).sort()).toEqual([...r.release.files].sort());
    for (const [file, hash] of Object.entries(r.lock.entries)) expect(hash).toBe(sha256(join(r.root, file)));
    expect(r.lock.ok).toBe(true);
  });

  it('regenerates the checker, types, zod schema and metadata of the new version', () => {
    expect(r.generated).toEqual(
      ['checker.ts', 'meta.ts', 'types.ts', 'zod.ts'].map((f) => `${ENTITY}/1.1.0/${f}`),
    );
    const types = readFileSync(join(workDir, 'generated', ENTITY, '1.1.0', 'types.ts'), 'utf8');
    expect(types).toContain(NEW_FIELD);
  });

  it('the documentation of the new version shows the new field, its example and the change', () => {
    const page = readFileSync(r.docs.page, 'utf8');
    expect(page).toContain(`<tr id="field-${NEW_FIELD}"`);
    expect(page).toContain('English name');
    expect(page).toContain('with-english-name.json');
    expect(page).toContain(`/${NEW_FIELD}`);
    expect(r.docs.files).toEqual(expect.arrayContaining([`${ENTITY}/1.1.0.html`, `${ENTITY}/1.1.0.md`]));
    expect(readFileSync(join(r.docs.dir, ENTITY, 'index.html'), 'utf8')).toContain('href="1.1.0.html"');
    expect(readFileSync(join(r.docs.dir, ENTITY, '1.1.0.md'), 'utf8')).toContain(`| \`/${NEW_FIELD}\` |`);
  });

  it("never touches the repository's standards/", () => {
    expect(existsSync(join(shipped, `schemas/${ENTITY}/1.1.0`))).toBe(false);
    expect(existsSync(join(shipped, `schemas/${ENTITY}/next`))).toBe(false);
    expect(sha256(join(shipped, 'releases.lock.json'))).toBe(shippedLock);
  });
});

describe('the script, as CI and the README run it', () => {
  it('runs end to end and reports each step', { timeout: 120_000 }, () => {
    const out = mkdtempSync(join(tmpdir(), 'gds-standards-body-main-'));
    try {
      const stdout = execFileSync(
        join(repoRoot, 'node_modules', '.bin', 'tsx'),
        ['--conditions=@gds/source', 'src/main.ts', '--out', out],
        { cwd: exampleDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
      );
      expect(stdout).toContain('field.added_optional');
      expect(stdout).toContain('codelist.code_removed_closed');
      expect(stdout).toContain('GDS_KIT_INCOMPATIBLE');
      expect(stdout).toContain(`${ENTITY} 1.0.0 → 1.1.0 (minor)`);
      expect(existsSync(join(out, 'docs', ENTITY, '1.1.0.html'))).toBe(true);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  checkCompatibility,
  type Exemption,
  nextVersion,
  releaseStandard,
  verifyReleaseLock,
} from '@gds/kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const fixture = join(import.meta.dirname, 'fixtures', 'standards');
const approver = '标准化技术委员会';
const exemptions: Exemption[] = [
  { entity: 'person', kind: 'field.renamed', path: '/fullName', reason: '与国家标准用语一致', approver },
  { entity: 'person', kind: 'field.removed_optional', path: '/phone', reason: '1.1.0 起已废止', approver },
  {
    entity: 'person',
    kind: 'codelist.code_removed_closed',
    path: '/maritalStatus',
    reason: '婚次拆分',
    approver,
  },
];

describe('the release lock guards the shipped standards (CI)', () => {
  it('every released file of standards/ matches standards/releases.lock.json', () => {
    const report = verifyReleaseLock();
    expect(report.problems.map((p) => p.messageEn)).toEqual([]);
    expect(report.ok).toBe(true);
  });
});

describe('releases', () => {
  let repo: string;
  let root: string;
  beforeEach(() => {
    repo = mkdtempSync(join(tmpdir(), 'gds-kit-release-'));
    root = join(repo, 'standards');
    cpSync(fixture, root, { recursive: true });
  });
  afterEach(() => rmSync(repo, { recursive: true, force: true }));

  it('the fixture lock verifies', () => {
    const report = verifyReleaseLock({ root });
    expect(report.ok).toBe(true);
    expect(report.locked).toBeGreaterThan(5);
  });

  it('modifying, deleting or adding a released file fails the lock check', () => {
    appendFileSync(join(root, 'schemas/person/1.0.0/codelists/sex.csv'), '3,其他,Other,,false,local\n');
    rmSync(join(root, 'schemas/person/1.1.0/person.migration.json'));
    writeFileSync(join(root, 'schemas/person/1.0.0/notes.md'), 'sneaked in\n');
    const report = verifyReleaseLock({ root });
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => `${p.kind} ${p.file}`).sort()).toEqual([
      'missing schemas/person/1.1.0/person.migration.json',
      'modified schemas/person/1.0.0/codelists/sex.csv',
      'unlocked schemas/person/1.0.0/notes.md',
    ]);
    expect(() => releaseStandard('person', { root, exemptions })).toThrowError(/releases\.lock\.json/);
  });

  it('refuses to release a breaking draft without exemptions', () => {
    expect(() => releaseStandard('person', { root, exemptions: [] })).toThrowError(
      expect.objectContaining({ code: 'GDS_KIT_INCOMPATIBLE' }) as unknown as Error,
    );
    expect(existsSync(join(root, 'schemas/person/2.0.0'))).toBe(false);
  });

  it('refuses a major release without a migration from the latest release', () => {
    rmSync(join(root, 'schemas/person/next/person.migration.json'));
    expect(() => releaseStandard('person', { root, exemptions, dryRun: true })).toThrowError(
      expect.objectContaining({ code: 'GDS_KIT_NO_MIGRATION_PATH' }) as unknown as Error,
    );
  });

  it('a dry run computes the version and writes nothing', () => {
    const result = releaseStandard('person', { root, exemptions, dryRun: true });
    expect(result).toMatchObject({ version: '2.0.0', previous: '1.1.0', bump: 'major' });
    expect(existsSync(join(root, 'schemas/person/2.0.0'))).toBe(false);
    expect(existsSync(join(root, 'schemas/person/next'))).toBe(true);
  });

  it('freezes the draft as the version the diff requires, with $id, code lists, migration, lock and changeset', () => {
    const result = releaseStandard('person', { root, exemptions });
    expect(result.version).toBe('2.0.0');
    const dir = join(root, 'schemas/person/2.0.0');
    const schema = JSON.parse(readFileSync(join(dir, 'person.schema.json'), 'utf8'));
    expect(schema.$id).toBe('urn:gds:schema:person:2.0.0');
    expect(schema['x-gds-standard']).toEqual({ entity: 'person', version: '2.0.0', status: 'released' });
    expect(schema.properties.marriageOrder['x-gds-since']).toBe('2.0.0');
    expect(JSON.stringify(schema)).not.toContain('"next"');
    // The code lists it binds are frozen with it: the 2.0.0 marital status list has no 21/22/23.
    expect(readFileSync(join(dir, 'codelists/marital-status.csv'), 'utf8')).not.toContain('\n22,');
    expect(existsSync(join(dir, 'codelists/marriage-order.csv'))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'person.migration.json'), 'utf8')).to).toBe('2.0.0');
    expect(existsSync(join(dir, 'examples/valid/zhang-san.json'))).toBe(true);
    expect(existsSync(join(root, 'schemas/person/next'))).toBe(false);
    // The lock now covers the new files, and the tree still verifies.
    const lock = JSON.parse(readFileSync(join(root, 'releases.lock.json'), 'utf8'));
    expect(lock.files['schemas/person/2.0.0/person.schema.json']).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(verifyReleaseLock({ root }).ok).toBe(true);
    // A changeset for @gds/standards with the compatibility report.
    const changeset = readFileSync(join(repo, '.changeset/standards-person-2-0-0.md'), 'utf8');
    expect(changeset).toMatch(/^---\n'@gds\/standards': minor\n---\n/);
    expect(changeset).toContain('field renamed: /fullName (was /name)');
    expect(changeset).toContain(approver);
    // Later edits to the released folder fail the lock.
    writeFileSync(join(dir, 'person.schema.json'), JSON.stringify({ ...schema, title: '改' }));
    expect(verifyReleaseLock({ root }).problems.map((p) => p.kind)).toEqual(['modified']);
  });

  it('an additive draft becomes a minor release', () => {
    releaseStandard('person', { root, exemptions });
    // Start a new draft from 2.0.0 adding one optional field.
    cpSync(join(root, 'schemas/person/2.0.0'), join(root, 'schemas/person/next'), { recursive: true });
    rmSync(join(root, 'schemas/person/next/codelists'), { recursive: true });
    rmSync(join(root, 'schemas/person/next/examples'), { recursive: true });
    rmSync(join(root, 'schemas/person/next/person.migration.json'));
    const file = join(root, 'schemas/person/next/person.schema.json');
    const draft = JSON.parse(readFileSync(file, 'utf8'));
    draft.$id = 'urn:gds:schema:person:next';
    draft['x-gds-standard'].version = 'next';
    draft.properties.nickname = { ...draft.properties.email, format: undefined, 'x-gds-since': 'next' };
    delete draft.properties.nickname.format;
    writeFileSync(file, JSON.stringify(draft, null, 2));
    // Transitive: the recorded 2.0.0 exemptions keep excusing the 1.x comparisons; nothing new is flagged.
    expect(checkCompatibility('person', { root, exemptions }).ok).toBe(true);
    expect(checkCompatibility('person', { root, policy: 'BACKWARD', exemptions: [] }).ok).toBe(true);
    const result = releaseStandard('person', { root, exemptions, changesetDir: false });
    expect(result).toMatchObject({ version: '2.1.0', bump: 'minor' });
    expect(result.changeset).toBeUndefined();
    expect(verifyReleaseLock({ root }).ok).toBe(true);
  });

  it('nextVersion follows semver', () => {
    expect(nextVersion(undefined, 'minor')).toBe('1.0.0');
    expect(nextVersion('1.4.2', 'major')).toBe('2.0.0');
    expect(nextVersion('1.4.2', 'minor')).toBe('1.5.0');
    expect(nextVersion('1.4.2', 'patch')).toBe('1.4.3');
  });
});

import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { listVersions, type StandardsLocation, schemaPath, standardsDir } from '@gds/standards/fs';
import { boundCodeLists, isObject } from '../_internal/fields.js';
import { hashReleasedFiles, readLockFile, writeLockFile } from '../_internal/lock.js';
import type { Bump } from '../compat/changeRules.js';
import {
  type CompatibilityPolicy,
  type CompatibilityReport,
  checkCompatibility,
} from '../compat/checkCompatibility.js';
import { declaredRenames } from '../compat/declaredRenames.js';
import { type DiffReport, diffSchemas } from '../compat/diffSchemas.js';
import { loadSchemaVersion } from '../compat/loadSchemaVersion.js';
import type { Exemption } from '../compat/readExemptions.js';
import { GdsKitError } from '../errors.js';
import { readMigration } from '../migrate/readMigration.js';
import { nextVersion } from './nextVersion.js';
import { verifyReleaseLock } from './verifyReleaseLock.js';

/** Options of {@link releaseStandard}. */
export interface ReleaseOptions extends StandardsLocation {
  /** The policy the draft must pass; default `BACKWARD_TRANSITIVE`. */
  policy?: CompatibilityPolicy;
  /** Default: `standards/compat/exemptions.json`. */
  exemptions?: readonly Exemption[];
  /** Where to write the changeset; default `<standards>/../.changeset`. `false` writes none. */
  changesetDir?: string | false;
  /** Compute everything, write nothing. */
  dryRun?: boolean;
}

/** What a release did (or, with `dryRun`, would do). */
export interface ReleaseResult {
  entity: string;
  version: string;
  /** The latest release before this one, if any. */
  previous?: string;
  bump: Exclude<Bump, 'none'>;
  diff?: DiffReport;
  check: CompatibilityReport;
  /** Files written, relative to the standards folder. */
  files: string[];
  changeset?: string;
}

/** Writes the version into the draft's text, keeping its formatting (so formatters leave released files alone). */
function stampVersion(text: string, entity: string, version: string): string {
  const stamped = text
    .replace(/("\$id"\s*:\s*")[^"]*(")/, `$1urn:gds:schema:${entity}:${version}$2`)
    .replace(/("x-gds-standard"\s*:\s*\{[^}]*?"version"\s*:\s*")[^"]*(")/, `$1${version}$2`)
    .replace(/("x-gds-standard"\s*:\s*\{[^}]*?"status"\s*:\s*")draft(")/, '$1released$2')
    .replace(/("(?:x-gds-)?since"\s*:\s*")next(")/g, `$1${version}$2`);
  const doc = JSON.parse(stamped) as Record<string, unknown>;
  const std = doc['x-gds-standard'];
  if (
    doc.$id === `urn:gds:schema:${entity}:${version}` &&
    isObject(std) &&
    std.version === version &&
    (std.status === undefined || std.status === 'released')
  )
    return stamped;
  // The draft lacked $id or x-gds-standard: write them in, at the top as the profile shows them.
  const { $schema, $id: _id, 'x-gds-standard': _std, ...rest } = doc;
  return `${JSON.stringify(
    {
      ...($schema !== undefined ? { $schema } : {}),
      $id: `urn:gds:schema:${entity}:${version}`,
      'x-gds-standard': {
        ...(isObject(std) ? std : {}),
        entity,
        version,
        ...(isObject(std) && std.status !== undefined ? { status: 'released' } : {}),
      },
      ...rest,
    },
    null,
    2,
  )}\n`;
}

/**
 * Releases the draft of a standard (`schemas/<entity>/next/`): diffs it with the latest release, takes the
 * version the diff requires (major for anything breaking writers or governance, minor for additions,
 * patch for documentation), refuses if the compatibility check fails without exemptions or if released
 * files were tampered with, then writes `schemas/<entity>/<version>/` with `$id`, `x-gds-standard.version`
 * (`status: "released"`) and `since: "next"` stamped, copies of the code lists it binds, its migration and the entity's
 * examples; removes the draft; records the new files' hashes in `standards/releases.lock.json`; and writes
 * a changeset with the compatibility report.
 *
 * @example
 * ```ts
 * import { releaseStandard } from '@gds/kit';
 * const result = releaseStandard('person', { dryRun: true });
 * result.version; // '1.1.0'
 * ```
 */
export function releaseStandard(entity: string, options: ReleaseOptions = {}): ReleaseResult {
  const location = options.root !== undefined ? { root: options.root } : {};
  const root = options.root ?? standardsDir();
  const versions = listVersions(entity, location);
  if (!versions.includes('next')) {
    throw new GdsKitError(
      'GDS_KIT_NO_DRAFT',
      `标准 ${entity} 没有草案 schemas/${entity}/next/`,
      `standard ${entity} has no draft schemas/${entity}/next/`,
    );
  }
  const lock = verifyReleaseLock(location);
  if (!lock.ok) {
    throw new GdsKitError(
      'GDS_KIT_LOCK_MISMATCH',
      `已发布文件与 releases.lock.json 不符，拒绝发布：${lock.problems.map((p) => p.messageZh).join('；')}`,
      `released files disagree with releases.lock.json, refusing to release: ${lock.problems.map((p) => p.messageEn).join('; ')}`,
    );
  }
  const released = versions.filter((v) => v !== 'next');
  const previous = released[released.length - 1];
  let diff: DiffReport | undefined;
  let bump: Exclude<Bump, 'none'> = 'major';
  if (previous !== undefined) {
    diff = diffSchemas(
      loadSchemaVersion(entity, previous, location),
      loadSchemaVersion(entity, 'next', location),
      {
        renames: declaredRenames(entity, previous, 'next', location),
      },
    );
    if (diff.bump === 'none') {
      throw new GdsKitError(
        'GDS_KIT_NOTHING_TO_RELEASE',
        `草案与 ${previous} 相同，无需发布`,
        `the draft equals ${previous}: nothing to release`,
      );
    }
    bump = diff.bump;
  }
  const version = nextVersion(previous, bump);
  // Old records must stay upgradable: a major step needs a migration (empty operations say "nothing to do").
  if (previous !== undefined && bump === 'major') {
    const migration = readMigration(entity, 'next', location);
    if (!migration || migration.from !== previous) {
      throw new GdsKitError(
        'GDS_KIT_NO_MIGRATION_PATH',
        `${entity} ${previous} → ${version} 是主版本升级，草案需要从 ${previous} 开始的迁移文件 schemas/${entity}/next/${entity}.migration.json`,
        `${entity} ${previous} → ${version} is a major release: the draft needs a migration from ${previous} in schemas/${entity}/next/${entity}.migration.json`,
      );
    }
  }
  const check = checkCompatibility(entity, {
    ...location,
    ...(options.policy ? { policy: options.policy } : {}),
    ...(options.exemptions ? { exemptions: options.exemptions } : {}),
  });
  if (!check.ok) {
    throw new GdsKitError(
      'GDS_KIT_INCOMPATIBLE',
      `草案未通过 ${check.policy} 兼容性检查：${[...check.violations.map((v) => `${v.against}：${v.change.messageZh}`), ...check.problems.map((p) => p.messageZh)].join('；')}；如属有意变更，请在 compat/exemptions.json 中记录豁免（理由与批准人）`,
      `the draft fails the ${check.policy} check: ${[...check.violations.map((v) => `${v.against}: ${v.change.messageEn}`), ...check.problems.map((p) => p.messageEn)].join('; ')}; record an exemption (reason and approver) in compat/exemptions.json if intended`,
    );
  }

  const draftDir = join(root, 'schemas', entity, 'next');
  const targetDir = join(root, 'schemas', entity, version);
  const rel = (p: string) =>
    p
      .slice(root.length + 1)
      .split(/[\\/]/)
      .join('/');
  const writes: Array<{ path: string; content: string | Buffer }> = [];
  // Everything in the draft folder is part of the release (schema, migration, notes); schema and
  // migration get the version written in.
  const copyDir = (from: string, to: string) => {
    for (const entry of readdirSync(from, { withFileTypes: true })) {
      const src = join(from, entry.name);
      const dst = join(to, entry.name);
      if (entry.isDirectory()) copyDir(src, dst);
      else if (entry.name === `${entity}.schema.json`)
        writes.push({ path: dst, content: stampVersion(readFileSync(src, 'utf8'), entity, version) });
      else if (entry.name === `${entity}.migration.json`)
        writes.push({
          path: dst,
          content: readFileSync(src, 'utf8').replace(/("to"\s*:\s*")next(")/, `$1${version}$2`),
        });
      else writes.push({ path: dst, content: readFileSync(src) });
    }
  };
  copyDir(draftDir, targetDir);
  const draft = JSON.parse(readFileSync(schemaPath(entity, 'next', location), 'utf8'));
  for (const id of boundCodeLists(draft)) {
    const live = join(root, 'codelists', `${id}.csv`);
    if (existsSync(live))
      writes.push({ path: join(targetDir, 'codelists', `${id}.csv`), content: readFileSync(live) });
  }
  const examples = join(root, 'examples', entity);
  const exampleFiles: string[] = [];
  if (existsSync(examples)) {
    const collect = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, entry.name);
        if (entry.isDirectory()) collect(p);
        else exampleFiles.push(p);
      }
    };
    collect(examples);
    for (const p of exampleFiles)
      writes.push({
        path: join(targetDir, 'examples', p.slice(examples.length + 1)),
        content: readFileSync(p),
      });
  }

  let changeset: string | undefined;
  let changesetText: string | undefined;
  if (options.changesetDir !== false) {
    changeset = join(
      options.changesetDir ?? join(root, '..', '.changeset'),
      `standards-${entity}-${version.replace(/\./g, '-')}.md`,
    );
    const lines = diff
      ? diff.changes.map(
          (c) => `- ${c.messageZh}（${c.messageEn}）[${c.bump}; readers ${c.readers}, writers ${c.writers}]`,
        )
      : ['- 首次发布（first release）'];
    const exempted = check.exempted.map(
      (v) =>
        `- 豁免（exempted）${v.change.kind} ${v.change.path} vs ${v.against}: ${v.exemption?.reason} — ${v.exemption?.approver}`,
    );
    // A new standard version adds a folder and keeps the old ones: for the package it is a minor release
    // whatever the standard's own bump.
    changesetText = `---\n'@gds/standards': minor\n---\n\n标准 ${entity} 发布 ${version}（standard ${entity} ${version} released）: ${bump} after ${previous ?? '—'}, ${check.policy} ${check.ok ? 'passed' : 'failed'}.\n\n${[...lines, ...exempted].join('\n')}\n`;
  }

  if (!options.dryRun) {
    if (existsSync(targetDir)) {
      throw new GdsKitError(
        'GDS_KIT_INVALID_ARGUMENT',
        `版本目录已存在：${rel(targetDir)}`,
        `version folder already exists: ${rel(targetDir)}`,
      );
    }
    for (const w of writes) {
      mkdirSync(dirname(w.path), { recursive: true });
      writeFileSync(w.path, w.content);
    }
    rmSync(draftDir, { recursive: true, force: true });
    const current = readLockFile(location);
    for (const [file, hash] of hashReleasedFiles(location, { entity, version })) current.files[file] = hash;
    writeLockFile(current, location);
    if (changeset && changesetText) {
      mkdirSync(dirname(changeset), { recursive: true });
      writeFileSync(changeset, changesetText);
    }
  }
  return {
    entity,
    version,
    ...(previous !== undefined ? { previous } : {}),
    bump,
    ...(diff ? { diff } : {}),
    check,
    files: writes.map((w) => rel(w.path)).sort(),
    ...(changeset ? { changeset } : {}),
  };
}

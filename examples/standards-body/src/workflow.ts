// A standards body's cycle on a copy of the standards tree: author a draft, check it, try a breaking
// edit and watch it be refused, release the compatible draft, regenerate the code, publish the docs.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildDocs,
  type CompatibilityReport,
  checkCompatibility,
  type DiffReport,
  declaredRenames,
  diffSchemas,
  GdsKitError,
  type GdsKitErrorCode,
  generateStandards,
  lintStandard,
  loadSchemaVersion,
  nextVersion,
  type ProfileProblem,
  type ReleaseResult,
  releaseStandard,
  verifyReleaseLock,
  writeDocs,
  writeGenerated,
} from '@gds/kit';
import { listCodeLists, listVersions, readCodeList, readSchema, standardsDir } from '@gds/standards/fs';
import {
  addOptionalField,
  addValidExample,
  copyStandards,
  removeCodes,
  startDraft,
  writeRecodeMigration,
} from './author.js';

/** The standard this cycle works on, and the field the standards body adds to it. */
export const ENTITY = 'organization';
export const NEW_FIELD = 'englishName';
/** The closed code list the breaking edit narrows, the code it drops and where that code's records go. */
export const NARROWED_LIST = 'organization-status';
export const DROPPED_CODE = 'moved-out';
export const DROPPED_CODE_BECOMES = 'cancelled';

/** Options of {@link runStandardsBody}. */
export interface StandardsBodyOptions {
  /** Where to work: receives `standards/` (the copy), `generated/`, `docs/` and `changesets/`. */
  workDir: string;
  /** The standards tree to copy; default the installed `@gds/standards`. It is only read. */
  source?: string;
}

/** A release the tools refused, with the error's stable code and its two messages. */
export interface Refusal {
  code: GdsKitErrorCode;
  messageZh: string;
  messageEn: string;
}

/** Everything the cycle did, for a reader (`main.ts`) or a test. */
export interface StandardsBodyResult {
  /** The copy of the standards tree that was edited. */
  root: string;
  entity: string;
  /** The latest release when the cycle began. */
  previous: string;
  /** Profile violations of the authored draft (none expected). */
  lint: ProfileProblem[];
  /** The draft with the optional field only. */
  additive: { diff: DiffReport; check: CompatibilityReport; version: string };
  /** The same draft with the code list narrowed as well. */
  breaking: {
    diff: DiffReport;
    check: CompatibilityReport;
    /** The version the author hoped to ship it as (a minor step) and the one the diff requires. */
    hoped: string;
    required: string;
    /** Without a migration, then with one but without a recorded exemption. */
    refusals: Refusal[];
  };
  release: ReleaseResult;
  /** `releases.lock.json` after the release: its entries for the new version, and the lock check. */
  lock: { entries: Record<string, string>; ok: boolean };
  /** Generated modules of the new version (paths relative to `generated/`). */
  generated: string[];
  /** The documentation site: its folder, its files, and the page of the new version. */
  docs: { dir: string; files: string[]; page: string };
}

/** The field the standards body adds: optional, with the governance metadata the GDS profile requires. */
const englishName = {
  title: '英文名称',
  description: '单位登记的英文名称（如有），用于涉外业务。',
  'x-gds-en': {
    title: 'English name',
    description: 'The English name the organisation registered, if any; used in dealings abroad.',
  },
  'x-gds-data-class': 'general',
  'x-gds-sensitivity': 'none',
  'x-gds-sharing': 'unconditional',
  'x-gds-source': 'registering-authority',
  'x-gds-since': 'next',
  type: 'string',
  minLength: 1,
  maxLength: 200,
};

/** Runs `release` expecting the tools to refuse it; returns the refusal. */
function refused(release: () => unknown): Refusal {
  try {
    release();
  } catch (error) {
    if (error instanceof GdsKitError)
      return { code: error.code, messageZh: error.messageZh, messageEn: error.messageEn };
    throw error;
  }
  throw new Error('发布本应被拒绝（the release should have been refused）');
}

/**
 * The whole cycle on a copy of the standards tree. Pure with respect to the source tree: every write goes
 * under `workDir`.
 *
 * @example
 * ```ts
 * import { mkdtempSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * const result = await runStandardsBody({ workDir: mkdtempSync(join(tmpdir(), 'gds-sb-')) });
 * result.release.version; // '1.1.0'
 * ```
 */
export async function runStandardsBody(options: StandardsBodyOptions): Promise<StandardsBodyResult> {
  const { workDir } = options;
  mkdirSync(workDir, { recursive: true });
  const root = copyStandards(options.source ?? standardsDir(), workDir);
  const location = { root };
  const previous = listVersions(ENTITY, location).at(-1)!;
  const diffDraft = () =>
    diffSchemas(loadSchemaVersion(ENTITY, previous, location), loadSchemaVersion(ENTITY, 'next', location), {
      renames: declaredRenames(ENTITY, previous, 'next', location),
    });

  // 1. Author: open the draft, add an optional field after the name, and a worked example that uses it.
  startDraft(root, ENTITY, previous);
  addOptionalField(root, ENTITY, NEW_FIELD, englishName, 'name');
  addValidExample(root, ENTITY, 'government-organ', 'with-english-name', {
    [NEW_FIELD]: 'Civil Affairs Bureau of Dongcheng District, Beijing',
  });
  const lint = lintStandard(readSchema(ENTITY, 'next', location), {
    standardsRoot: root,
    codelists: new Set(listCodeLists(location)),
    departments: new Set(readCodeList('department', location).entries.map((e) => e.code)),
    entity: ENTITY,
    version: 'next',
  });

  // 2. Check: an optional field breaks no writer, so the draft passes and is a minor step.
  const additive = {
    diff: diffDraft(),
    check: checkCompatibility(ENTITY, location),
    version: releaseStandard(ENTITY, { ...location, dryRun: true, changesetDir: false }).version,
  };

  // 3. A breaking edit on top: a code dropped from a closed list makes old records invalid. The version
  // is the diff's to decide, so it cannot go out as a minor step; as a major one it needs a migration
  // and a recorded exemption, and this cycle records none.
  const restoreList = removeCodes(root, NARROWED_LIST, [DROPPED_CODE]);
  const breakingDiff = diffDraft();
  const breakingCheck = checkCompatibility(ENTITY, location);
  const dryRun = () => releaseStandard(ENTITY, { ...location, dryRun: true, changesetDir: false });
  const refusals = [refused(dryRun)];
  const removeMigration = writeRecodeMigration(
    root,
    ENTITY,
    previous,
    '/status',
    { [DROPPED_CODE]: DROPPED_CODE_BECOMES },
    {
      zh: `登记状态“迁出”并入“注销”（${DROPPED_CODE} → ${DROPPED_CODE_BECOMES}）。`,
      en: `Status ${DROPPED_CODE} is recorded as ${DROPPED_CODE_BECOMES}.`,
    },
  );
  refusals.push(refused(dryRun));
  removeMigration();
  restoreList();
  const breaking = {
    diff: breakingDiff,
    check: breakingCheck,
    hoped: nextVersion(previous, 'minor'),
    required: nextVersion(previous, breakingDiff.bump),
    refusals,
  };

  // 4. Release the compatible draft: the version folder, the code lists it binds, the examples, the lock.
  const release = releaseStandard(ENTITY, { ...location, changesetDir: join(workDir, 'changesets') });
  const lockFile = JSON.parse(readFileSync(join(root, 'releases.lock.json'), 'utf8')) as {
    files: Record<string, string>;
  };
  const prefix = `schemas/${ENTITY}/${release.version}/`;
  const lock = {
    entries: Object.fromEntries(Object.entries(lockFile.files).filter(([file]) => file.startsWith(prefix))),
    ok: verifyReleaseLock(location).ok,
  };

  // 5. Regenerate the validators, types and zod schemas (what `npm run generate` does for @gds/schema).
  const files = await generateStandards({ standardsRoot: root });
  writeGenerated(files, join(workDir, 'generated'));
  const generated = files
    .map((f) => f.path)
    .filter((p) => p.startsWith(`${ENTITY}/${release.version}/`))
    .sort();

  // 6. The documentation site, drafts included (marked as such).
  const docsDir = join(workDir, 'docs');
  const docsFiles = buildDocs(location);
  writeDocs(docsFiles, docsDir);

  return {
    root,
    entity: ENTITY,
    previous,
    lint,
    additive,
    breaking,
    release,
    lock,
    generated,
    docs: {
      dir: docsDir,
      files: docsFiles.map((f) => f.path),
      page: join(docsDir, ENTITY, `${release.version}.html`),
    },
  };
}

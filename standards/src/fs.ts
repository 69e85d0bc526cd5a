import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CodeList, parseCodeList } from './codelist.js';

/**
 * The folder holding the standard's data files (`profile/`, `codelists/`, `schemas/`, `crosswalks/`,
 * `mappings/`, `examples/`). Node only: the file-reading half of `@gds/standards` lives at the
 * `@gds/standards/fs` subpath so that browsers never see `node:fs`.
 *
 * @example
 * ```ts
 * import { standardsDir } from '@gds/standards/fs';
 * standardsDir(); // '/…/node_modules/@gds/standards'
 * ```
 */
export function standardsDir(): string {
  // src/fs.ts and dist/fs.js both sit one level below the package root.
  return join(dirname(fileURLToPath(import.meta.url)), '..');
}

/** Where to read from: the shipped standards by default, or another checkout (a standards body's draft). */
export interface StandardsLocation {
  root?: string;
}

const SEMVER = /^(\d+)\.(\d+)\.(\d+)$/;

/**
 * Compares two version folder names: released semver versions in numeric order, the draft `next` last.
 *
 * @example
 * ```ts
 * import { compareVersions } from '@gds/standards/fs';
 * ['next', '1.10.0', '1.2.0'].sort(compareVersions); // ['1.2.0', '1.10.0', 'next']
 * ```
 */
export function compareVersions(a: string, b: string): number {
  if (a === b) return 0;
  if (a === 'next') return 1;
  if (b === 'next') return -1;
  const pa = SEMVER.exec(a);
  const pb = SEMVER.exec(b);
  if (!pa || !pb) return a < b ? -1 : 1;
  for (let i = 1; i <= 3; i++) {
    const d = Number(pa[i]) - Number(pb[i]);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Lists the entities that have at least one schema version, e.g. `['address', 'person']`.
 *
 * @example
 * ```ts
 * import { listEntities } from '@gds/standards/fs';
 * listEntities().includes('person'); // true
 * ```
 */
export function listEntities(location: StandardsLocation = {}): string[] {
  const dir = join(location.root ?? standardsDir(), 'schemas');
  return existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
}

/**
 * Lists the versions of an entity, released ones in semver order and then `next` (the draft) if present.
 *
 * @example
 * ```ts
 * import { listVersions } from '@gds/standards/fs';
 * listVersions('person'); // e.g. ['1.0.0', 'next']
 * ```
 */
export function listVersions(entity: string, location: StandardsLocation = {}): string[] {
  const dir = join(location.root ?? standardsDir(), 'schemas', entity);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && (d.name === 'next' || SEMVER.test(d.name)))
    .map((d) => d.name)
    .sort(compareVersions);
}

/**
 * The path of an entity's schema file for a version (`schemas/<entity>/<version>/<entity>.schema.json`).
 *
 * @example
 * ```ts
 * import { schemaPath } from '@gds/standards/fs';
 * schemaPath('person', 'next'); // '/…/schemas/person/next/person.schema.json'
 * ```
 */
export function schemaPath(entity: string, version: string, location: StandardsLocation = {}): string {
  return join(location.root ?? standardsDir(), 'schemas', entity, version, `${entity}.schema.json`);
}

/**
 * Reads and parses an entity's JSON Schema for a version.
 *
 * @example
 * ```ts
 * import { readSchema } from '@gds/standards/fs';
 * readSchema('person', 'next').$id; // 'https://gds.example/schemas/person/next/person.schema.json'
 * ```
 */
export function readSchema(
  entity: string,
  version: string,
  location: StandardsLocation = {},
): Record<string, unknown> {
  return JSON.parse(readFileSync(schemaPath(entity, version, location), 'utf8'));
}

/**
 * Lists the ids of the shipped code lists (`codelists/<id>.csv`).
 *
 * @example
 * ```ts
 * import { listCodeLists } from '@gds/standards/fs';
 * listCodeLists().includes('sex'); // true
 * ```
 */
export function listCodeLists(location: StandardsLocation = {}): string[] {
  const dir = join(location.root ?? standardsDir(), 'codelists');
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.csv'))
        .map((f) => f.slice(0, -4))
        .sort()
    : [];
}

/**
 * Reads a code list by id.
 *
 * @example
 * ```ts
 * import { readCodeList } from '@gds/standards/fs';
 * readCodeList('sex').entries.map((e) => e.code); // ['0', '1', '2', '9', …]
 * ```
 */
export function readCodeList(id: string, location: StandardsLocation = {}): CodeList {
  const file = join(location.root ?? standardsDir(), 'codelists', `${id}.csv`);
  return parseCodeList(id, readFileSync(file, 'utf8'));
}

/** A worked example: the record, and for invalid ones the issue code its file name says it must raise. */
export interface WorkedExample {
  file: string;
  name: string;
  valid: boolean;
  /** For invalid examples: the code before `--` in the file name, e.g. `id_card.check_digit--bad.json`. */
  expectedCode: string | null;
  value: unknown;
}

/**
 * Lists the worked examples of an entity (`examples/<entity>/{valid,invalid}/*.json`). An invalid
 * example's file name starts with the issue code it must raise: `<code>--<slug>.json`.
 *
 * @example
 * ```ts
 * import { listExamples } from '@gds/standards/fs';
 * listExamples('person').filter((e) => !e.valid).map((e) => e.expectedCode);
 * ```
 */
export function listExamples(entity: string, location: StandardsLocation = {}): WorkedExample[] {
  const out: WorkedExample[] = [];
  for (const kind of ['valid', 'invalid'] as const) {
    const dir = join(location.root ?? standardsDir(), 'examples', entity, kind);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      const file = join(dir, name);
      const sep = name.indexOf('--');
      out.push({
        file,
        name,
        valid: kind === 'valid',
        expectedCode: kind === 'invalid' && sep > 0 ? name.slice(0, sep) : null,
        value: JSON.parse(readFileSync(file, 'utf8')),
      });
    }
  }
  return out;
}

// The standards body's edits, as an author makes them: on the data files of a standards folder (JSON
// Schemas, code list CSVs, migrations, examples), never on TypeScript.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The data folders and files of a standards tree; its `src/`, `test/` and `dist/` are the loader's, not the standard's. */
const DATA = [
  'profile',
  'codelists',
  'crosswalks',
  'schemas',
  'mappings',
  'examples',
  'compat',
  'releases.lock.json',
];

type Json = Record<string, unknown>;

const readJson = (path: string): Json => JSON.parse(readFileSync(path, 'utf8')) as Json;
const writeJson = (path: string, value: unknown): void => {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
};

/** Copies the data of a standards tree into `<workDir>/standards` and returns that folder. */
export function copyStandards(source: string, workDir: string): string {
  const root = join(workDir, 'standards');
  for (const entry of DATA) cpSync(join(source, entry), join(root, entry), { recursive: true });
  return root;
}

/** Opens the draft of the next version, `schemas/<entity>/next/`, as a copy of a released version. */
export function startDraft(root: string, entity: string, from: string): string {
  const schema = readJson(join(root, 'schemas', entity, from, `${entity}.schema.json`));
  const draft: Json = {};
  // Same member order as the released file, with the draft's identity in place of the release's.
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$id') draft.$id = `urn:gds:schema:${entity}:next`;
    else if (key === 'x-gds-standard') draft[key] = { entity, version: 'next', status: 'draft' };
    else draft[key] = value;
  }
  const path = join(root, 'schemas', entity, 'next', `${entity}.schema.json`);
  writeJson(path, draft);
  return path;
}

/** A field definition in the GDS profile: its type and constraints plus the governance metadata. */
export type FieldDefinition = Json;

/** Adds an optional field to the draft, after `after` (or at the end). */
export function addOptionalField(
  root: string,
  entity: string,
  name: string,
  definition: FieldDefinition,
  after?: string,
): void {
  const path = join(root, 'schemas', entity, 'next', `${entity}.schema.json`);
  const schema = readJson(path);
  const properties: Json = {};
  const current = schema.properties as Json;
  if (after === undefined || !(after in current)) Object.assign(properties, current, { [name]: definition });
  else
    for (const [key, value] of Object.entries(current)) {
      properties[key] = value;
      if (key === after) properties[name] = definition;
    }
  schema.properties = properties;
  writeJson(path, schema);
}

/** Adds a worked example to `examples/<entity>/valid/`: a shipped example with some fields set. */
export function addValidExample(
  root: string,
  entity: string,
  base: string,
  name: string,
  changes: Json,
): string {
  const dir = join(root, 'examples', entity, 'valid');
  const path = join(dir, `${name}.json`);
  writeJson(path, { ...readJson(join(dir, `${base}.json`)), ...changes });
  return path;
}

/**
 * Removes codes from a code list (`codelists/<id>.csv`): the list that drafts bind. Returns a function
 * that puts the file back as it was.
 */
export function removeCodes(root: string, list: string, codes: readonly string[]): () => void {
  const path = join(root, 'codelists', `${list}.csv`);
  const before = readFileSync(path);
  const lines = before.toString('utf8').split('\n');
  writeFileSync(
    path,
    lines.filter((line, i) => i === 0 || !codes.includes(line.slice(0, line.indexOf(',')))).join('\n'),
  );
  return () => writeFileSync(path, before);
}

/** Writes the draft's migration from the latest release: here, old codes recoded to the codes that replace them. */
export function writeRecodeMigration(
  root: string,
  entity: string,
  from: string,
  field: string,
  map: Record<string, string>,
  description: { zh: string; en: string },
): () => void {
  const path = join(root, 'schemas', entity, 'next', `${entity}.migration.json`);
  writeJson(path, {
    entity,
    from,
    to: 'next',
    description,
    operations: [{ op: 'recode', path: field, map }],
  });
  return () => rmSync(path);
}

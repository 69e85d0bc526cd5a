import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CodeList, parseCodeList } from '@gds/standards';
import { listVersions, type StandardsLocation, schemaPath, standardsDir } from '@gds/standards/fs';
import { boundCodeLists, type JsonSchema } from '../_internal/fields.js';
import { GdsKitError } from '../errors.js';
import type { SchemaVersion } from './diffSchemas.js';

/**
 * Where a version's copy of a bound code list lives. A release copies every code list its schema binds
 * into the version folder, so a released version keeps the codes it was released with while
 * `codelists/<id>.csv` moves on (and the copies are covered by the release lock).
 *
 * @example
 * ```ts
 * import { codeListSnapshotPath } from '@gds/kit';
 * codeListSnapshotPath('person', '1.0.0', 'sex'); // '/…/schemas/person/1.0.0/codelists/sex.csv'
 * ```
 */
export function codeListSnapshotPath(
  entity: string,
  version: string,
  list: string,
  location: StandardsLocation = {},
): string {
  return join(location.root ?? standardsDir(), 'schemas', entity, version, 'codelists', `${list}.csv`);
}

/**
 * Reads one version of a standard with the code lists it binds, as of that version: the draft (`next`)
 * reads the live `codelists/`, a released version its own copies (falling back to the live list for a
 * version released before copies were kept). Lists found nowhere are left out; the diff then compares
 * bindings only.
 *
 * @example
 * ```ts
 * import { loadSchemaVersion } from '@gds/kit';
 * const v = loadSchemaVersion('person', '1.0.0');
 * Object.keys(v.codeLists); // ['ethnicity', 'sex', …]
 * ```
 */
export function loadSchemaVersion(
  entity: string,
  version: string,
  location: StandardsLocation = {},
): SchemaVersion {
  const file = schemaPath(entity, version, location);
  if (!existsSync(file)) {
    const known = listVersions(entity, location);
    throw new GdsKitError(
      'GDS_KIT_NOT_FOUND',
      `找不到标准 ${entity} 的版本 ${version}（已有：${known.join('、') || '无'}）`,
      `no version ${version} of standard ${entity} (known: ${known.join(', ') || 'none'})`,
    );
  }
  let schema: JsonSchema;
  try {
    schema = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new GdsKitError('GDS_KIT_INVALID_SCHEMA', `${file} 不是合法的 JSON`, `${file} is not valid JSON`, {
      cause,
    });
  }
  const codeLists: Record<string, CodeList> = {};
  for (const id of boundCodeLists(schema)) {
    const snapshot = codeListSnapshotPath(entity, version, id, location);
    const live = join(location.root ?? standardsDir(), 'codelists', `${id}.csv`);
    const path = version !== 'next' && existsSync(snapshot) ? snapshot : existsSync(live) ? live : undefined;
    if (path) codeLists[id] = parseCodeList(id, readFileSync(path, 'utf8'));
  }
  return { entity, version, schema, codeLists, file };
}

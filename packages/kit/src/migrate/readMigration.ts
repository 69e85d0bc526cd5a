import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type StandardsLocation, standardsDir } from '@gds/standards/fs';
import { GdsKitError } from '../errors.js';
import { type Migration, parseMigration } from './parseMigration.js';

/**
 * The path of the migration into a version: `schemas/<entity>/<version>/<entity>.migration.json`.
 */
export function migrationPath(entity: string, version: string, location: StandardsLocation = {}): string {
  return join(location.root ?? standardsDir(), 'schemas', entity, version, `${entity}.migration.json`);
}

/**
 * Reads the migration into a version (`schemas/<entity>/<version>/<entity>.migration.json`), or
 * `undefined` when the version has none.
 *
 * @example
 * ```ts
 * import { readMigration } from '@gds/kit';
 * readMigration('person', '2.0.0')?.from; // '1.1.0'
 * ```
 */
export function readMigration(
  entity: string,
  version: string,
  location: StandardsLocation = {},
): Migration | undefined {
  const file = migrationPath(entity, version, location);
  if (!existsSync(file)) return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new GdsKitError(
      'GDS_KIT_INVALID_MIGRATION',
      `${file} 不是合法的 JSON`,
      `${file} is not valid JSON`,
      { cause },
    );
  }
  return parseMigration(doc, file);
}

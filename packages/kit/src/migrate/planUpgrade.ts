import { compareVersions, listVersions } from '@gds/standards/fs';
import { diffSchemas } from '../compat/diffSchemas.js';
import { loadSchemaVersion } from '../compat/loadSchemaVersion.js';
import { GdsKitError } from '../errors.js';
import type { Migration } from './parseMigration.js';
import { readMigration } from './readMigration.js';
import type { UpgradeOptions } from './upgrade.js';

/**
 * The chain of migrations from one version of an entity to a later one (1.0.0 → 1.1.0 → 2.0.0): one per
 * consecutive pair, read from the newer version's folder. A step without a migration file is allowed only
 * when the diff says it is not major (records of the older version are valid in the newer one as they are).
 *
 * @example
 * ```ts
 * import { planUpgrade } from '@gds/kit';
 * planUpgrade('person', { from: '1.0.0', to: '2.0.0' }).map((m) => `${m.from}→${m.to}`); // ['1.0.0→1.1.0', '1.1.0→2.0.0']
 * ```
 */
export function planUpgrade(entity: string, options: UpgradeOptions): Migration[] {
  const location = options.root !== undefined ? { root: options.root } : {};
  const versions = listVersions(entity, location);
  const released = versions.filter((v) => v !== 'next');
  const to = options.to ?? released[released.length - 1];
  if (!versions.includes(options.from) || to === undefined || !versions.includes(to)) {
    throw new GdsKitError(
      'GDS_KIT_NOT_FOUND',
      `标准 ${entity} 没有版本 ${versions.includes(options.from) ? to : options.from}`,
      `standard ${entity} has no version ${versions.includes(options.from) ? to : options.from}`,
    );
  }
  if (compareVersions(to, options.from) < 0) {
    throw new GdsKitError(
      'GDS_KIT_NO_MIGRATION_PATH',
      `不支持降级 ${options.from} → ${to}`,
      `no downgrade ${options.from} → ${to}`,
    );
  }
  const chain = versions.filter((v) => compareVersions(v, options.from) >= 0 && compareVersions(v, to) <= 0);
  const out: Migration[] = [];
  for (let i = 1; i < chain.length; i++) {
    const prev = chain[i - 1]!;
    const cur = chain[i]!;
    const migration = readMigration(entity, cur, location);
    if (migration) {
      if (migration.from !== prev) {
        throw new GdsKitError(
          'GDS_KIT_NO_MIGRATION_PATH',
          `${entity} ${cur} 的迁移从 ${migration.from} 开始，而上一版本是 ${prev}`,
          `the migration into ${entity} ${cur} starts at ${migration.from}, but the previous version is ${prev}`,
        );
      }
      out.push({ ...migration, to: cur });
      continue;
    }
    const diff = diffSchemas(
      loadSchemaVersion(entity, prev, location),
      loadSchemaVersion(entity, cur, location),
    );
    if (diff.bump === 'major') {
      throw new GdsKitError(
        'GDS_KIT_NO_MIGRATION_PATH',
        `${entity} ${prev} → ${cur} 有不兼容变更但没有迁移文件`,
        `${entity} ${prev} → ${cur} breaks records but has no migration file`,
      );
    }
    out.push({ entity, from: prev, to: cur, operations: [] });
  }
  return out;
}

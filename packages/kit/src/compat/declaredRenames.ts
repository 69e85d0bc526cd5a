import { compareVersions, listVersions, type StandardsLocation } from '@gds/standards/fs';
import { readMigration } from '../migrate/readMigration.js';

/**
 * The renames declared by the migrations between two versions of an entity, composed along the chain
 * (a rename in 1.1.0 and another of the same field in 2.0.0 give one rename from the 1.0.0 path): what
 * `diffSchemas` needs in `options.renames` to report renames instead of a removal and an addition.
 *
 * @example
 * ```ts
 * import { declaredRenames, diffSchemas, loadSchemaVersion } from '@gds/kit';
 * const renames = declaredRenames('person', '1.1.0', '2.0.0'); // [{ from: '/name', to: '/fullName' }]
 * diffSchemas(loadSchemaVersion('person', '1.1.0'), loadSchemaVersion('person', '2.0.0'), { renames });
 * ```
 */
export function declaredRenames(
  entity: string,
  from: string,
  to: string,
  location: StandardsLocation = {},
): Array<{ from: string; to: string }> {
  const steps = listVersions(entity, location).filter(
    (v) => compareVersions(v, from) > 0 && compareVersions(v, to) <= 0,
  );
  const out: Array<{ from: string; to: string }> = [];
  for (const version of steps) {
    for (const op of readMigration(entity, version, location)?.operations ?? []) {
      if (op.op !== 'rename') continue;
      const earlier = out.find((r) => r.to === op.from);
      if (earlier) earlier.to = op.to;
      else out.push({ from: op.from, to: op.to });
    }
  }
  return out;
}

import { STANDARDS } from './generated/registry.js';
import type { Standard } from './standard.js';

/**
 * Finds a standard by entity and version. Without a version (or with `latest`), the latest release, or
 * the draft when nothing is released yet; `next` is the draft. Returns undefined when there is none.
 *
 * @example
 * ```ts
 * import { getStandard } from '@gds/schema';
 * getStandard('person')?.validate(record);
 * getStandard('person', 'next'); // the draft
 * ```
 */
export function getStandard(entity: string, version?: string): Standard | undefined {
  const versions = STANDARDS.filter((s) => s.entity === entity);
  if (version === undefined || version === 'latest') {
    return versions.filter((s) => s.version !== 'next').at(-1) ?? versions.find((s) => s.version === 'next');
  }
  return versions.find((s) => s.version === version);
}

/**
 * Lists every standard version shipped in this build of `@gds/schema`, oldest first per entity.
 *
 * @example
 * ```ts
 * import { listStandards } from '@gds/schema';
 * listStandards().map((s) => `${s.entity}@${s.version}`); // ['person@next', …]
 * ```
 */
export function listStandards(): readonly Standard[] {
  return STANDARDS;
}

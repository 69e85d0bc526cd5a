import { SEMVER } from '../_internal/semver.js';
import type { Bump } from '../compat/changeRules.js';
import { GdsKitError } from '../errors.js';

/**
 * The version a diff requires after `previous`: `1.0.0` for a first release.
 *
 * @example
 * ```ts
 * import { nextVersion } from '@gds/kit';
 * nextVersion('1.1.0', 'major'); // '2.0.0'
 * ```
 */
export function nextVersion(previous: string | undefined, bump: Bump): string {
  if (previous === undefined) return '1.0.0';
  const m = SEMVER.exec(previous);
  if (!m)
    throw new GdsKitError(
      'GDS_KIT_INVALID_ARGUMENT',
      `版本号 ${previous} 不是 x.y.z`,
      `version ${previous} is not x.y.z`,
    );
  const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (bump === 'major') return `${major + 1}.0.0`;
  if (bump === 'minor') return `${major}.${minor + 1}.0`;
  if (bump === 'patch') return `${major}.${minor}.${patch + 1}`;
  return previous;
}

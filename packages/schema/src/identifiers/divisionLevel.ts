import { divisionKey } from './divisionKey.js';
import type { DivisionLevel } from './divisionRegistry.js';

/**
 * The level of a division code (6, 9 or 12 digits): trailing zero groups say how far down it reaches.
 * Returns `null` when the argument is not 6, 9 or 12 digits.
 *
 * @example
 * ```ts
 * import { divisionLevel } from '@gds/schema';
 * divisionLevel('460000'); // 'province'
 * divisionLevel('469001'); // 'county'
 * ```
 */
export function divisionLevel(code: string): DivisionLevel | null {
  const key = divisionKey(code);
  if (key === null) return null;
  if (key.length === 12) return 'village';
  if (key.length === 9) return 'township';
  if (key.endsWith('0000')) return 'province';
  if (key.endsWith('00')) return 'prefecture';
  return 'county';
}

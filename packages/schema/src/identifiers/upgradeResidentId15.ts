import { residentIdCheckCharacter } from './residentIdCheckCharacter.js';

/**
 * Upgrades a 15-digit citizen identity number (GB 11643-1989: area, YYMMDD, sequence, no check
 * character) to the 18-character form: "19" is inserted before the two-digit year and the MOD 11-2
 * check character appended. Returns `null` when the input is not 15 digits, so a converter can report
 * the row instead of catching an exception. The date is not checked here; `checkResidentId` on the
 * result does that.
 *
 * @example
 * ```ts
 * import { upgradeResidentId15 } from '@gds/schema';
 * upgradeResidentId15('510108871125243'); // '510108198711252435'
 * ```
 */
export function upgradeResidentId15(id15: string): string | null {
  if (!/^\d{15}$/.test(id15)) return null;
  const first17 = `${id15.slice(0, 6)}19${id15.slice(6)}`;
  return first17 + residentIdCheckCharacter(first17);
}

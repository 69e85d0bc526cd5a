import { residentIdCheckCharacter } from '@gds/schema';

/**
 * Tells whether a resident ID number was mangled by Excel, which keeps 15 significant digits: the value
 * arrives as a number, in scientific notation (`1.10105E+17`), or as 18 digits ending in `000` whose check
 * character is wrong. Such a number cannot be repaired, only re-exported: GDS reports it
 * (`source.excel_mangled_id`) and never guesses the lost digits.
 *
 * @example
 * ```ts
 * import { detectExcelMangledId } from '@gds/convert';
 * detectExcelMangledId('1.10105E+17'); // true
 * detectExcelMangledId(110105194912310000); // true
 * detectExcelMangledId('11010519491231002X'); // false
 * ```
 */
export function detectExcelMangledId(value: string | number): boolean {
  if (typeof value === 'number') return Number.isFinite(value) && Math.abs(value) >= 1e14;
  // The common case, 18 characters not ending in 000, needs no regex.
  if (value.length === 18 && !value.endsWith('000')) return false;
  const s = value.trim();
  if (/^\d(\.\d+)?[eE]\+?\d+$/.test(s)) return true;
  if (/^\d{15}000$/.test(s)) return residentIdCheckCharacter(s.slice(0, 17)) !== s[17];
  return false;
}

/**
 * The significant form of a division code: a 12-digit statistics code of a county or above is its
 * 6-digit GB/T 2260 code, of a township its first 9 digits (a 9-digit township code is kept as it
 * is). Returns `null` when the argument is not 6, 9 or 12 digits.
 *
 * @example
 * ```ts
 * import { divisionKey } from '@gds/schema';
 * divisionKey('110105000000'); // '110105'
 * divisionKey('110105001000'); // '110105001'
 * ```
 */
export function divisionKey(code: string): string | null {
  if (/^\d{6}$/.test(code) || /^\d{9}$/.test(code)) return code;
  if (!/^\d{12}$/.test(code)) return null;
  if (code.endsWith('000000')) return code.slice(0, 6);
  if (code.endsWith('000')) return code.slice(0, 9);
  return code;
}

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
  const n = code.length;
  if (n !== 6 && n !== 9 && n !== 12) return null;
  for (let i = 0; i < n; i++) {
    const c = code.charCodeAt(i);
    if (c < 48 || c > 57) return null;
  }
  if (n !== 12) return code;
  if (code.endsWith('000000')) return code.slice(0, 6);
  if (code.endsWith('000')) return code.slice(0, 9);
  return code;
}

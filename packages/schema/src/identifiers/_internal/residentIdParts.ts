import { isRealDate } from './dates.js';

/**
 * The birth date (`YYYY-MM-DD`) and GB/T 2261.1 sex code inside an 18-character identity number
 * (lower-case x accepted), or `null` when it has no real date. A light parse for cross-field rules,
 * which run after `checkResidentId` has reported the number's own problems.
 */
export function residentIdParts(value: string): { birthDate: string; sex: '1' | '2' } | null {
  if (value.length !== 18) return null;
  for (let i = 0; i < 17; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return null;
  }
  const last = value.charCodeAt(17);
  if (!((last >= 48 && last <= 57) || last === 88 || last === 120)) return null;
  const d = (i: number) => value.charCodeAt(i) - 48;
  const y = d(6) * 1000 + d(7) * 100 + d(8) * 10 + d(9);
  if (y < 1800 || !isRealDate(y, d(10) * 10 + d(11), d(12) * 10 + d(13))) return null;
  return {
    birthDate: `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`,
    sex: (value.charCodeAt(16) - 48) % 2 === 1 ? '1' : '2',
  };
}

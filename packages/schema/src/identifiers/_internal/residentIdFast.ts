import { daysInMonth } from '../../_internal/formats.js';
import { PROVINCE_PREFIXES } from './provinces.js';

// GB 11643 weights and check characters ('10X98765432') as character codes.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CODES = [49, 48, 88, 57, 56, 55, 54, 53, 52, 51, 50] as const;
const PROVINCE = new Uint8Array(100);
for (const prefix of PROVINCE_PREFIXES) PROVINCE[Number(prefix)] = 1;

/**
 * The happy path of `checkResidentId`, for the validators: the birth date (as the number yyyymmdd) of an
 * 18-character number on which `checkResidentId` would report nothing except possibly a future birth
 * date (the caller knows "today"), or -1 for anything else, which then takes the full check with its
 * findings. Reads characters only: no string, array or object is created.
 */
export function cleanResidentIdBirth(value: string): number {
  if (value.length !== 18) return -1;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const c = value.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    sum += c * WEIGHTS[i]!;
  }
  // An upper-case X only: a lower-case x earns a warning, which the full check reports.
  if (value.charCodeAt(17) !== CHECK_CODES[sum % 11]) return -1;
  if (PROVINCE[(value.charCodeAt(0) - 48) * 10 + value.charCodeAt(1) - 48] !== 1) return -1;
  const y =
    (value.charCodeAt(6) - 48) * 1000 +
    (value.charCodeAt(7) - 48) * 100 +
    (value.charCodeAt(8) - 48) * 10 +
    (value.charCodeAt(9) - 48);
  const m = (value.charCodeAt(10) - 48) * 10 + (value.charCodeAt(11) - 48);
  const d = (value.charCodeAt(12) - 48) * 10 + (value.charCodeAt(13) - 48);
  if (y < 1800 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return -1;
  return y * 10_000 + m * 100 + d;
}

/**
 * Whether the birth date and sex inside an 18-character GB 11643 number agree with a record's
 * (`YYYY-MM-DD`; a sex other than 1 or 2 agrees with anything), compared character by character. When
 * this holds, `checkIdCardConsistency` has nothing to report.
 */
export function residentIdAgrees(
  number: string,
  birthDate: string | undefined,
  sex: string | undefined,
): boolean {
  if (number.length !== 18) return false;
  if (birthDate !== undefined) {
    if (
      birthDate.length !== 10 ||
      birthDate.charCodeAt(4) !== 45 ||
      birthDate.charCodeAt(7) !== 45 ||
      birthDate.charCodeAt(0) !== number.charCodeAt(6) ||
      birthDate.charCodeAt(1) !== number.charCodeAt(7) ||
      birthDate.charCodeAt(2) !== number.charCodeAt(8) ||
      birthDate.charCodeAt(3) !== number.charCodeAt(9) ||
      birthDate.charCodeAt(5) !== number.charCodeAt(10) ||
      birthDate.charCodeAt(6) !== number.charCodeAt(11) ||
      birthDate.charCodeAt(8) !== number.charCodeAt(12) ||
      birthDate.charCodeAt(9) !== number.charCodeAt(13)
    )
      return false;
  }
  if (sex === '1' || sex === '2') {
    const digit = number.charCodeAt(16) - 48;
    if (digit < 0 || digit > 9) return false;
    if ((digit % 2 === 1 ? '1' : '2') !== sex) return false;
  }
  return true;
}

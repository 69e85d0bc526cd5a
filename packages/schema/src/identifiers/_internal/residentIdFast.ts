import { dateNumber, daysInMonth } from '../../_internal/formats.js';
import { PROVINCE_PREFIXES } from './provinces.js';

// GB 11643 check characters ('10X98765432') as character codes; the weights are in the code below.
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
  // Unrolled, with the weights as constants: this runs once per record of every batch.
  const c0 = value.charCodeAt(0) - 48;
  const c1 = value.charCodeAt(1) - 48;
  const c2 = value.charCodeAt(2) - 48;
  const c3 = value.charCodeAt(3) - 48;
  const c4 = value.charCodeAt(4) - 48;
  const c5 = value.charCodeAt(5) - 48;
  const c6 = value.charCodeAt(6) - 48;
  const c7 = value.charCodeAt(7) - 48;
  const c8 = value.charCodeAt(8) - 48;
  const c9 = value.charCodeAt(9) - 48;
  const c10 = value.charCodeAt(10) - 48;
  const c11 = value.charCodeAt(11) - 48;
  const c12 = value.charCodeAt(12) - 48;
  const c13 = value.charCodeAt(13) - 48;
  const c14 = value.charCodeAt(14) - 48;
  const c15 = value.charCodeAt(15) - 48;
  const c16 = value.charCodeAt(16) - 48;
  // A character outside 0-9 gives a negative or > 9 value: unsigned, both are > 9.
  if (
    c0 >>> 0 > 9 ||
    c1 >>> 0 > 9 ||
    c2 >>> 0 > 9 ||
    c3 >>> 0 > 9 ||
    c4 >>> 0 > 9 ||
    c5 >>> 0 > 9 ||
    c6 >>> 0 > 9 ||
    c7 >>> 0 > 9 ||
    c8 >>> 0 > 9 ||
    c9 >>> 0 > 9 ||
    c10 >>> 0 > 9 ||
    c11 >>> 0 > 9 ||
    c12 >>> 0 > 9 ||
    c13 >>> 0 > 9 ||
    c14 >>> 0 > 9 ||
    c15 >>> 0 > 9 ||
    c16 >>> 0 > 9
  )
    return -1;
  const sum =
    c0 * 7 +
    c1 * 9 +
    c2 * 10 +
    c3 * 5 +
    c4 * 8 +
    c5 * 4 +
    c6 * 2 +
    c7 * 1 +
    c8 * 6 +
    c9 * 3 +
    c10 * 7 +
    c11 * 9 +
    c12 * 10 +
    c13 * 5 +
    c14 * 8 +
    c15 * 4 +
    c16 * 2;
  // An upper-case X only: a lower-case x earns a warning, which the full check reports.
  if (value.charCodeAt(17) !== CHECK_CODES[sum % 11]) return -1;
  if (PROVINCE[c0 * 10 + c1] !== 1) return -1;
  const y = c6 * 1000 + c7 * 100 + c8 * 10 + c9;
  const m = c10 * 10 + c11;
  const d = c12 * 10 + c13;
  if (y < 1800 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return -1;
  return y * 10_000 + m * 100 + d;
}

/**
 * Whether the birth date and sex inside an 18-character GB 11643 number agree with a record's (a sex
 * other than 1 or 2 agrees with anything; so does a birth date that is not a real `YYYY-MM-DD`, which
 * the date format reports). When this holds, `checkIdCardConsistency` has nothing to report.
 */
export function residentIdAgrees(
  number: string,
  birthDate: string | undefined,
  sex: string | undefined,
): boolean {
  if (number.length !== 18) return false;
  if (birthDate !== undefined) {
    if (dateNumber(birthDate) >= 0) {
      if (
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
  }
  if (sex === '1' || sex === '2') {
    const digit = number.charCodeAt(16) - 48;
    if (digit < 0 || digit > 9) return false;
    if ((digit % 2 === 1 ? '1' : '2') !== sex) return false;
  }
  return true;
}

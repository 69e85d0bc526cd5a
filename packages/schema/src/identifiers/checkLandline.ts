import type { IdentifierFinding } from './finding.js';

// Area codes: 010 and 02x are followed by 8-digit numbers, the 4-digit ones (03xx-09xx) by 7 or 8.
// A local number never starts with 0 or 1 (those are trunk and service prefixes).
const LANDLINE = /^(?:0(?:10|2\d)-?[2-9]\d{7}|0[3-9]\d{2}-?[2-9]\d{6,7})(?:-\d{1,6})?$/;

/**
 * Checks a mainland China landline number: an area code with its leading 0 (`010`, `02x` or a
 * four-digit code), an optional hyphen, the local number (8 digits after a three-digit area code,
 * 7 or 8 after a four-digit one) and an optional `-extension`. A number without its area code is
 * ambiguous across cities and is rejected.
 *
 * @example
 * ```ts
 * import { checkLandline } from '@gds/schema';
 * checkLandline('010-62345678'); // []
 * checkLandline('0571-87654321-802'); // []
 * checkLandline('87654321')[0]?.code; // 'phone.landline'
 * ```
 */
export function checkLandline(value: string): IdentifierFinding[] {
  return LANDLINE.test(value) ? [] : [{ code: 'phone.landline', params: { value } }];
}

/** @internal Shared with `checkPhone`. */
export function isLandline(value: string): boolean {
  return LANDLINE.test(value);
}

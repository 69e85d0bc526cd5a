import { LANDLINE } from './_internal/phone.js';
import type { IdentifierFinding } from './finding.js';

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

import { MOBILE } from './_internal/phone.js';
import type { IdentifierFinding } from './finding.js';

/**
 * Checks a mainland China mobile number in its canonical form: 11 digits, `1` then `3`-`9` (the
 * second digit of every segment issued so far), no country code, spaces or hyphens. Converters strip
 * `+86` and separators before a record is validated. Whether a segment is currently assigned is not
 * checked: segments are added every few years.
 *
 * @example
 * ```ts
 * import { checkMobile } from '@gds/schema';
 * checkMobile('13812345678'); // []
 * checkMobile('12812345678')[0]?.code; // 'phone.mobile'
 * ```
 */
export function checkMobile(value: string): IdentifierFinding[] {
  return MOBILE.test(value) ? [] : [{ code: 'phone.mobile', params: { value } }];
}

import { LANDLINE, MOBILE } from './_internal/phone.js';
import type { IdentifierFinding } from './finding.js';

/**
 * Checks a contact number that may be either a mobile number (`checkMobile`) or a landline number
 * (`checkLandline`); reports `phone.format` when it is neither.
 *
 * @example
 * ```ts
 * import { checkPhone } from '@gds/schema';
 * checkPhone('13812345678'); // []
 * checkPhone('0571-8765432'); // []
 * checkPhone('12345')[0]?.code; // 'phone.format'
 * ```
 */
export function checkPhone(value: string): IdentifierFinding[] {
  return MOBILE.test(value) || LANDLINE.test(value) ? [] : [{ code: 'phone.format', params: { value } }];
}

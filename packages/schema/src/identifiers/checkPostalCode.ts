import type { IdentifierFinding } from './finding.js';

/**
 * Checks a mainland China postal code (邮政编码): six digits. The leading digits follow postal zones,
 * not GB/T 2260 divisions, so no further structure is enforced.
 *
 * @example
 * ```ts
 * import { checkPostalCode } from '@gds/schema';
 * checkPostalCode('100005'); // []
 * checkPostalCode('10005')[0]?.code; // 'postal_code.format'
 * ```
 */
export function checkPostalCode(value: string): IdentifierFinding[] {
  return /^\d{6}$/.test(value) ? [] : [{ code: 'postal_code.format', params: { value } }];
}

/** GB 11643 weights W_i = 2^(i-1) mod 11 (ISO 7064 MOD 11-2), first 17 positions left to right. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** S mod 11 = 0..10 maps to these check characters. */
const CHECK = '10X98765432';

/**
 * Computes the GB 11643-1999 check character (ISO 7064 MOD 11-2) of the first 17 digits of a citizen
 * identity number. Throws a `TypeError` when the argument is not exactly 17 ASCII digits: that is a
 * fault of the caller, not of the data (use `checkResidentId` to validate data).
 *
 * @example
 * ```ts
 * import { residentIdCheckCharacter } from '@gds/schema';
 * residentIdCheckCharacter('11010519491231002'); // 'X'
 * ```
 */
export function residentIdCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) {
    throw new TypeError('校验码计算需要 17 位数字（the check character needs exactly 17 digits）');
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

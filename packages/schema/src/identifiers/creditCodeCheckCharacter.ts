/**
 * The GB 32100 character set, valued 0..30 in this order (I, O, Z, S and V are never used).
 *
 * @example
 * ```ts
 * import { CREDIT_CODE_CHARSET } from '@gds/schema';
 * CREDIT_CODE_CHARSET.indexOf('Y'); // 30
 * ```
 */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** W_i = 3^(i-1) mod 31 for positions 1..17. */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/**
 * Computes the GB 32100-2015 check character (position 18) of the first 17 characters of a unified
 * social credit code: C18 = 31 - (sum(C_i * W_i) mod 31), 31 becoming 0. Throws a `TypeError` when the
 * argument is not 17 characters of the code's character set, a fault of the caller (use
 * `checkCreditCode` to validate data).
 *
 * @example
 * ```ts
 * import { creditCodeCheckCharacter } from '@gds/schema';
 * creditCodeCheckCharacter('91350100M000100Y4'); // '3'
 * ```
 */
export function creditCodeCheckCharacter(first17: string): string {
  if (first17.length !== 17) {
    throw new TypeError('校验码计算需要 17 位字符（the check character needs exactly 17 characters）');
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CODE_CHARSET.indexOf(first17[i]!);
    if (v < 0) {
      throw new TypeError(
        `字符 ${first17[i]} 不属于统一社会信用代码字符集（${first17[i]} is not in the credit code character set）`,
      );
    }
    sum += v * WEIGHTS[i]!;
  }
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31]!;
}

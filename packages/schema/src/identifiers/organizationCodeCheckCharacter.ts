const WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/**
 * Computes the GB 11714 organisation code check character of its first 8 characters (digits, and
 * upper-case letters valued A = 10 … Z = 35): C = 11 - (sum(C_i * W_i) mod 11), 10 becoming `X` and
 * 11 becoming `0`. Positions 9-17 of a unified social credit code carry such a code. Throws a
 * `TypeError` when the argument is not 8 digits or upper-case letters.
 *
 * @example
 * ```ts
 * import { organizationCodeCheckCharacter } from '@gds/schema';
 * organizationCodeCheckCharacter('M000100Y'); // '4'
 * ```
 */
export function organizationCodeCheckCharacter(first8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(first8)) {
    throw new TypeError(
      '组织机构代码校验需要 8 位数字或大写字母（the check character needs 8 digits or upper-case letters）',
    );
  }
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = first8.charCodeAt(i);
    sum += (c <= 57 ? c - 48 : c - 55) * WEIGHTS[i]!;
  }
  const r = 11 - (sum % 11);
  return r === 10 ? 'X' : r === 11 ? '0' : String(r);
}

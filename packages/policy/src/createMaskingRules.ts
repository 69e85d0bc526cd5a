import type { MaskingRule } from '@gds/schema';
import { GdsPolicyError } from './errors.js';

/**
 * A masking function: the masked form of a value, or `undefined` to withhold the value entirely (it is
 * then dropped and explained as having no masked form).
 *
 * @example
 * ```ts
 * import type { MaskFunction } from '@gds/policy';
 * const lastFourOnly: MaskFunction = (v) => (typeof v === 'string' ? `****${v.slice(-4)}` : undefined);
 * ```
 */
export type MaskFunction = (value: unknown) => unknown;

/**
 * Parameters of the identifier and phone rules: keep the first `keepStart` and last `keepEnd`
 * characters and mask the rest.
 *
 * @example
 * ```ts
 * import type { KeepEndsConfig } from '@gds/policy';
 * const threeAndFour: KeepEndsConfig = { keepStart: 3, keepEnd: 4, maskLength: 4 }; // 138****5678
 * ```
 */
export interface KeepEndsConfig {
  keepStart?: number;
  keepEnd?: number;
  /** Number of mask characters; by default one per masked character. */
  maskLength?: number;
}

/**
 * What a jurisdiction configures: each rule named by the field metadata, as parameters or as a
 * function of its own. No national pattern exists (the reference practice is 6+4 or 3+4 for ID numbers,
 * `138****5678` for phones, `张*` for names), so every rule is replaceable.
 *
 * @example
 * ```ts
 * import type { MaskingConfig } from '@gds/policy';
 * const county: MaskingConfig = { 'id-6-4': { keepStart: 6, keepEnd: 2 }, redact: { replacement: '[已屏蔽]' } };
 * ```
 */
export interface MaskingConfig {
  /** The character masked characters become (default `*`). */
  maskChar?: string;
  'id-6-4'?: KeepEndsConfig | MaskFunction;
  'id-3-4'?: KeepEndsConfig | MaskFunction;
  'phone-3-4'?: KeepEndsConfig | MaskFunction;
  /** Compound family names kept whole (default: the common two-character ones, 欧阳, 司马, …). */
  'name-family'?: { compoundSurnames?: readonly string[] } | MaskFunction;
  /**
   * Where an address is cut: after the first match of `community` (default 社区, 居委会, 村委会, 村, 嘎查),
   * else after the first match of `street` (街道, 镇, 乡, 苏木); with neither the address is redacted.
   */
  'address-community'?: { community?: RegExp; street?: RegExp } | MaskFunction;
  'date-year-month'?: MaskFunction;
  /** The replacement of a redacted value (default `***`). */
  redact?: { replacement?: unknown } | MaskFunction;
}

/**
 * The masking rules in force in one jurisdiction: `mask(rule, value)` returns the masked form, or
 * `undefined` when the rule gives none (rule `none`: a field without a masked form is never released
 * masked; it is released in clear or not at all).
 *
 * @example
 * ```ts
 * import { createMaskingRules } from '@gds/policy';
 * const rules = createMaskingRules();
 * rules.mask('phone-3-4', '13812345678'); // '138****5678'
 * ```
 */
export interface MaskingRules {
  readonly maskChar: string;
  mask(rule: MaskingRule | string, value: unknown): unknown;
}

const COMPOUND_SURNAMES = [
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '宇文',
  '司徒',
  '夏侯',
  '轩辕',
  '令狐',
  '端木',
  '独孤',
  '南宫',
  '西门',
  '百里',
  '呼延',
  '澹台',
  '公冶',
  '太史',
  '申屠',
  '钟离',
  '闻人',
  '赫连',
  '万俟',
  '司空',
  '濮阳',
  '淳于',
  '单于',
  '拓跋',
  '第五',
];

function keepEnds(
  defaults: Required<Omit<KeepEndsConfig, 'maskLength'>> & { maskLength?: number },
  maskChar: string,
  c: KeepEndsConfig | undefined,
  rule: string,
): MaskFunction {
  const keepStart = c?.keepStart ?? defaults.keepStart;
  const keepEnd = c?.keepEnd ?? defaults.keepEnd;
  const maskLength = c?.maskLength ?? defaults.maskLength;
  for (const [k, v] of [
    ['keepStart', keepStart],
    ['keepEnd', keepEnd],
    ['maskLength', maskLength ?? 0],
  ] as const) {
    if (!Number.isSafeInteger(v) || v < 0) {
      throw new GdsPolicyError(
        'GDS_POLICY_INVALID_INPUT',
        `脱敏规则 ${rule} 的 ${k} 必须是非负整数`,
        `${k} of masking rule ${rule} must be a non-negative integer`,
      );
    }
  }
  const fixed = maskLength === undefined ? undefined : maskChar.repeat(maskLength);
  return (value) => {
    if (typeof value !== 'string') return undefined;
    const chars = isAscii(value) ? value : Array.from(value);
    const n = chars.length;
    // Too short to keep both ends and still hide something: hide it all.
    if (keepStart + keepEnd >= n) return fixed ?? maskChar.repeat(n);
    const start = typeof chars === 'string' ? chars.slice(0, keepStart) : chars.slice(0, keepStart).join('');
    const end =
      keepEnd === 0
        ? ''
        : typeof chars === 'string'
          ? chars.slice(n - keepEnd)
          : chars.slice(n - keepEnd).join('');
    return start + (fixed ?? maskChar.repeat(n - keepStart - keepEnd)) + end;
  };
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

function isFn(c: unknown): c is MaskFunction {
  return typeof c === 'function';
}

/**
 * Builds the masking rules of a jurisdiction from the defaults and its overrides (parameters or
 * functions per rule). Throws `GDS_POLICY_INVALID_INPUT` for a malformed configuration.
 *
 * Defaults: `id-6-4` and `id-3-4` keep 6 (or 3) leading and 4 trailing characters, one `*` per masked
 * character (`110101********1234`); `phone-3-4` gives `138****5678` (always four `*`); `name-family`
 * keeps the family name (`张*`, `欧阳**`); `address-community` keeps the address up to the community
 * (or the street when no community is named) and drops the rest; `date-year-month` keeps `YYYY-MM`;
 * `redact` replaces the value with `***`; `none` has no masked form.
 *
 * @example
 * ```ts
 * import { createMaskingRules } from '@gds/policy';
 * const rules = createMaskingRules({ 'id-6-4': { keepStart: 6, keepEnd: 2 } });
 * rules.mask('id-6-4', '110101199003074514'); // '110101**********14'
 * rules.mask('name-family', '欧阳娜娜'); // '欧阳**'
 * rules.mask('address-community', '东城区东华门街道多福巷社区银闸胡同12号'); // '东城区东华门街道多福巷社区'
 * ```
 */
export function createMaskingRules(config: MaskingConfig = {}): MaskingRules {
  const maskChar = config.maskChar ?? '*';
  if (typeof maskChar !== 'string' || maskChar.length === 0) {
    throw new GdsPolicyError('GDS_POLICY_INVALID_INPUT', '脱敏字符不能为空', 'maskChar must not be empty');
  }
  const redactCfg = config.redact;
  const redact: MaskFunction = isFn(redactCfg)
    ? redactCfg
    : (() => {
        const replacement = redactCfg?.replacement ?? '***';
        return () => replacement;
      })();

  const fnOr = (rule: keyof MaskingConfig, build: (c: never) => MaskFunction): MaskFunction => {
    const c = config[rule];
    return isFn(c) ? c : build(c as never);
  };

  const table: Record<string, MaskFunction | undefined> = {
    'id-6-4': fnOr('id-6-4', (c: KeepEndsConfig | undefined) =>
      keepEnds({ keepStart: 6, keepEnd: 4 }, maskChar, c, 'id-6-4'),
    ),
    'id-3-4': fnOr('id-3-4', (c: KeepEndsConfig | undefined) =>
      keepEnds({ keepStart: 3, keepEnd: 4 }, maskChar, c, 'id-3-4'),
    ),
    'phone-3-4': fnOr('phone-3-4', (c: KeepEndsConfig | undefined) =>
      keepEnds({ keepStart: 3, keepEnd: 4, maskLength: 4 }, maskChar, c, 'phone-3-4'),
    ),
    'name-family': fnOr('name-family', (c: { compoundSurnames?: readonly string[] } | undefined) => {
      const compound = new Set(c?.compoundSurnames ?? COMPOUND_SURNAMES);
      return (value) => {
        if (typeof value !== 'string' || value.length === 0) return undefined;
        const chars = Array.from(value.trim());
        const keep = chars.length > 2 && compound.has(chars[0]! + chars[1]!) ? 2 : 1;
        return chars.slice(0, keep).join('') + maskChar.repeat(Math.max(1, chars.length - keep));
      };
    }),
    'address-community': fnOr(
      'address-community',
      (c: { community?: RegExp; street?: RegExp } | undefined) => {
        const community = c?.community ?? /(社区|居委会|村委会|嘎查|村)/;
        const street = c?.street ?? /(街道|镇|乡|苏木)/;
        return (value) => {
          if (typeof value !== 'string') return redact(value);
          const m = community.exec(value) ?? street.exec(value);
          return m ? value.slice(0, m.index + m[0].length) : redact(value);
        };
      },
    ),
    'date-year-month': fnOr('date-year-month', () => (value) => {
      if (typeof value !== 'string') return undefined;
      const m = /^(\d{4})-?(\d{2})/.exec(value);
      return m ? `${m[1]}-${m[2]}` : redact(value);
    }),
    redact,
    none: undefined,
  };

  return {
    maskChar,
    mask(rule, value) {
      if (!Object.hasOwn(table, rule)) {
        throw new GdsPolicyError(
          'GDS_POLICY_UNKNOWN_MASKING_RULE',
          `未知的脱敏规则 ${rule}`,
          `unknown masking rule ${rule}`,
        );
      }
      const fn = table[rule];
      return fn === undefined ? undefined : fn(value);
    },
  };
}

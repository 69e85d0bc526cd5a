import type { Severity } from '../catalogue/entry.js';
import { hasError } from './_internal/errors.js';
import { PROVINCE_PREFIXES } from './_internal/provinces.js';
import { CREDIT_CODE_CHARSET, creditCodeCheckCharacter } from './creditCodeCheckCharacter.js';
import type { IdentifierFinding } from './finding.js';
import { organizationCodeCheckCharacter } from './organizationCodeCheckCharacter.js';

/**
 * Registration authority (position 1) -> institution categories (position 2) GDS knows. The authority
 * codes agree across sources; the category lists of authorities 2, 4, 6, 7, 8, A and Y, and which
 * amendment of GB 32100 added the longer lists, are not verified, so an unknown category is only a
 * warning (`credit_code.category`).
 */
const AUTHORITIES: Readonly<Record<string, string>> = {
  '1': '1239',
  '2': '19',
  '3': '123459',
  '4': '19',
  '5': '1239',
  '6': '19',
  '7': '129',
  '8': '19',
  '9': '123',
  A: '19',
  N: '1239',
  Y: '1',
};

/** What `checkCreditCode` found. */
export interface CreditCodeCheck {
  /** No error-level finding. */
  valid: boolean;
  findings: IdentifierFinding[];
  /** The parts of an 18-character code of the right character set. */
  parts: {
    authority: string;
    category: string;
    divisionCode: string;
    organizationCode: string;
    checkCharacter: string;
  } | null;
}

/** Options of `checkCreditCode`. */
export interface CheckCreditCodeOptions {
  /**
   * Severity of a failed checksum (position 18, or the organisation code's own check at position 17):
   * `error` by default; `warning` accepts the codes issued in early pilots, which fail it and are real
   * (e.g. `91350211M0000XUF46`).
   */
  checksum?: Severity;
}

/**
 * Checks a unified social credit code against GB 32100-2015: 18 characters of the set
 * `0-9 A-H J-N P-R T U W-Y`, a known registration authority and category, a province-level (or
 * central, `10`) division code at positions 3-8, the GB 11714 organisation code check at position 17
 * and the MOD 31 check character at position 18.
 *
 * @example
 * ```ts
 * import { checkCreditCode } from '@gds/schema';
 * checkCreditCode('91350100M000100Y43').valid; // true
 * checkCreditCode('91350211M0000XUF46', { checksum: 'warning' }).valid; // true, with a warning
 * ```
 */
export function checkCreditCode(value: string, options: CheckCreditCodeOptions = {}): CreditCodeCheck {
  const findings: IdentifierFinding[] = [];
  if (value.length !== 18) {
    findings.push({ code: 'credit_code.length', params: { length: [...value].length } });
    return { valid: false, findings, parts: null };
  }
  const bad = [...new Set([...value].filter((c) => !CREDIT_CODE_CHARSET.includes(c)))];
  if (bad.length > 0) {
    findings.push({ code: 'credit_code.charset', params: { chars: bad } });
    return { valid: false, findings, parts: null };
  }
  const authority = value[0]!;
  const category = value[1]!;
  const categories = AUTHORITIES[authority];
  if (categories === undefined)
    findings.push({ code: 'credit_code.authority', params: { authority, category } });
  else if (!categories.includes(category)) {
    findings.push({ code: 'credit_code.category', params: { authority, category } });
  }
  const divisionCode = value.slice(2, 8);
  if (
    !/^\d{6}$/.test(divisionCode) ||
    !(
      (PROVINCE_PREFIXES.has(divisionCode.slice(0, 2)) && !divisionCode.startsWith('83')) ||
      divisionCode.startsWith('10')
    )
  ) {
    findings.push({ code: 'credit_code.division', params: { code: divisionCode } });
  }
  const checksumSeverity = options.checksum === 'warning' ? { severity: 'warning' as const } : {};
  const organizationCode = value.slice(8, 17);
  const orgExpected = organizationCodeCheckCharacter(organizationCode.slice(0, 8));
  if (orgExpected !== organizationCode[8]) {
    findings.push({
      code: 'credit_code.org_code_check',
      params: { orgCode: organizationCode, expected: orgExpected, actual: organizationCode[8] },
      ...checksumSeverity,
    });
  }
  const expected = creditCodeCheckCharacter(value.slice(0, 17));
  if (expected !== value[17]) {
    findings.push({
      code: 'credit_code.check_char',
      params: { expected, actual: value[17] },
      ...checksumSeverity,
    });
  }
  return {
    valid: !hasError(findings),
    findings,
    parts: { authority, category, divisionCode, organizationCode, checkCharacter: value[17]! },
  };
}

import { chinaDate, isRealDate } from './_internal/dates.js';
import { hasError } from './_internal/errors.js';
import { PROVINCE_PREFIXES } from './_internal/provinces.js';
import type { IdentifierFinding } from './finding.js';
import { upgradeResidentId15 } from './upgradeResidentId15.js';

/** GB 11643 weights (see `residentIdCheckCharacter`, which the property tests compare with this copy). */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK = '10X98765432';

/** The parts of a well-formed citizen identity number. */
export interface ResidentIdParts {
  /** The GB/T 2260 county code at first registration; never updated, so it may be an abolished code. */
  addressCode: string;
  /** `YYYY-MM-DD`. */
  birthDate: string;
  /** The three-digit sequence code. */
  sequence: string;
  /** GB/T 2261.1 sex code given by the sequence code's last digit: odd `1` (male), even `2` (female). */
  sex: '1' | '2';
  /** The check character (upper case). */
  checkCharacter: string;
}

/** What `checkResidentId` found. */
export interface ResidentIdCheck {
  /** No error-level finding (a warning such as a lower-case x keeps the number valid). */
  valid: boolean;
  /** The number with a lower-case x upper-cased; `null` when it is not 18 characters of the right kind. */
  normalized: string | null;
  /** Set when the number has 18 characters and a real birth date, even if the check character is wrong. */
  parts: ResidentIdParts | null;
  findings: IdentifierFinding[];
}

/** Options of `checkResidentId`. */
export interface CheckResidentIdOptions {
  /** "Today" for the future-birth-date check (judged in China's time zone). Default: now. */
  now?: Date;
}

/**
 * Checks a citizen identity number against GB 11643-1999: 18 characters, digits with a final check
 * character, a province-level address code, a real birth date (from 1800) that is not in the future, and the
 * ISO 7064 MOD 11-2 check character. A lower-case `x` is normalised with the warning
 * `id_card.lowercase_x`; a 15-digit number of the 1989 edition is reported as `id_card.legacy_15` with
 * its upgraded form. The county part of the address code is not checked against the division list
 * because the code is never updated when divisions change (Chongqing residents keep 51xxxx codes).
 *
 * @example
 * ```ts
 * import { checkResidentId } from '@gds/schema';
 * const r = checkResidentId('11010519491231002X');
 * r.valid; // true
 * r.parts?.birthDate; // '1949-12-31'
 * r.parts?.sex; // '2'
 * ```
 */
export function checkResidentId(value: string, options: CheckResidentIdOptions = {}): ResidentIdCheck {
  const findings: IdentifierFinding[] = [];
  if (value.length === 15 && /^\d{15}$/.test(value)) {
    findings.push({ code: 'id_card.legacy_15', params: { upgraded: upgradeResidentId15(value) } });
    return failed(findings);
  }
  if (value.length !== 18) {
    findings.push({ code: 'id_card.length', params: { length: [...value].length } });
    return failed(findings);
  }
  // One pass over the characters: validate digits and accumulate the MOD 11-2 sum.
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const c = value.charCodeAt(i) - 48;
    if (c < 0 || c > 9) {
      findings.push({ code: 'id_card.charset', params: {} });
      return failed(findings);
    }
    sum += c * WEIGHTS[i]!;
  }
  const last = value.charCodeAt(17);
  if (!((last >= 48 && last <= 57) || last === 88 || last === 120)) {
    findings.push({ code: 'id_card.charset', params: {} });
    return failed(findings);
  }
  let normalized = value;
  if (last === 120) {
    normalized = `${value.slice(0, 17)}X`;
    findings.push({ code: 'id_card.lowercase_x', params: { value } });
  }
  const addressCode = normalized.slice(0, 6);
  if (!PROVINCE_PREFIXES.has(addressCode.slice(0, 2))) {
    findings.push({ code: 'id_card.address_code', params: { code: addressCode } });
  }
  const y =
    (value.charCodeAt(6) - 48) * 1000 +
    (value.charCodeAt(7) - 48) * 100 +
    (value.charCodeAt(8) - 48) * 10 +
    (value.charCodeAt(9) - 48);
  const m = (value.charCodeAt(10) - 48) * 10 + (value.charCodeAt(11) - 48);
  const d = (value.charCodeAt(12) - 48) * 10 + (value.charCodeAt(13) - 48);
  const birthDate = `${normalized.slice(6, 10)}-${normalized.slice(10, 12)}-${normalized.slice(12, 14)}`;
  // No one alive when the 1985 identity cards were issued was born before 1800: an earlier year is a typo.
  const realDate = y >= 1800 && isRealDate(y, m, d);
  if (!realDate) findings.push({ code: 'id_card.birth_date', params: { date: birthDate } });
  else if (birthDate > chinaDate(options.now ?? new Date())) {
    findings.push({ code: 'id_card.future_birth_date', params: { date: birthDate } });
  }
  const expected = CHECK[sum % 11]!;
  const actual = normalized[17]!;
  if (expected !== actual) findings.push({ code: 'id_card.check_digit', params: { expected, actual } });
  const sequence = normalized.slice(14, 17);
  return {
    valid: findings.length === 0 || !hasError(findings),
    normalized,
    parts: realDate
      ? {
          addressCode,
          birthDate,
          sequence,
          sex: Number(sequence[2]) % 2 === 1 ? '1' : '2',
          checkCharacter: actual,
        }
      : null,
    findings,
  };
}

function failed(findings: IdentifierFinding[]): ResidentIdCheck {
  return { valid: false, normalized: null, parts: null, findings };
}

import { hasError } from './_internal/errors.js';
import { checkResidentId } from './checkResidentId.js';
import type { IdentifierFinding } from './finding.js';
import { residentIdCheckCharacter } from './residentIdCheckCharacter.js';

/**
 * The identity document types of code list `identity-document-type` whose number follows
 * GB 11643 (address code, birth date, sequence with the sex digit, MOD 11-2 check character), so that
 * the birth date and sex inside it can be compared with the record's own.
 *
 * @example
 * ```ts
 * import { GB11643_DOCUMENT_TYPES } from '@gds/schema';
 * GB11643_DOCUMENT_TYPES.has('hk-macao-taiwan-residence-permit'); // true
 * ```
 */
export const GB11643_DOCUMENT_TYPES: ReadonlySet<string> = new Set([
  'resident-id',
  'temporary-resident-id',
  'hk-macao-taiwan-residence-permit',
]);

/**
 * Usual number formats of documents whose format GDS could not verify against an official text, so a
 * mismatch is only the warning `identity_document.number_format`:
 * - Chinese passports: one or two letters then 7 or 8 digits (G + 8 digits before 2012, E + 8 digits for
 *   e-passports, E + letter + 7 digits once those ran out; P, S, D for other passport kinds);
 * - foreign passports: 5-20 letters and digits (the issuing state decides);
 * - Mainland travel permits for Hong Kong and Macao residents (回乡证): H or M + 8 digits, sometimes with
 *   a 2-digit issue count;
 * - Mainland travel permits for Taiwan residents (台胞证): 8 digits, sometimes with a 2-digit issue count;
 * - foreign permanent residence ID cards: 3 letters (nationality) + 12 digits (2017 edition), or, from
 *   2023-12-01, 18 characters starting with 9 in the GB 11643 structure with a MOD 11-2 check character
 *   (as the National Immigration Administration's machine-readable rules are reproduced by card-reader
 *   vendors; a wrong check character is also only a warning, `identity_document.check_character`).
 */
const UNVERIFIED_FORMATS: Readonly<Record<string, RegExp>> = {
  'cn-passport': /^[A-Z]{1,2}\d{7,8}$/,
  'foreign-passport': /^[A-Z0-9]{5,20}$/,
  'hk-macao-travel-permit': /^[HM]\d{8}(?:\d{2})?$/,
  'taiwan-travel-permit': /^\d{8}(?:\d{2})?$/,
  'foreign-permanent-residence-id': /^(?:[A-Z]{3}\d{12}|9\d{16}[\dX])$/,
};

const RESIDENCE_PERMIT_PREFIXES = new Set(['810000', '820000', '830000']);

/** Options of `checkIdentityDocument`. */
export interface CheckIdentityDocumentOptions {
  /** "Today" for the future-birth-date check of GB 11643 numbers. Default: now. */
  now?: Date;
}

/**
 * Checks an identity document number by its type (a code of code list `identity-document-type`):
 * resident and temporary resident ID cards by GB 11643 (`checkResidentId`); Hong Kong, Macao and
 * Taiwan residents' residence permits by the same algorithm with an 810000 / 820000 / 830000 address
 * code (a different prefix is a warning); passports, travel permits and foreign permanent residence ID
 * cards by their usual formats, as warnings only because those formats are not verified against an
 * official text. Other types (`other`, or codes a jurisdiction added) are not checked.
 *
 * @example
 * ```ts
 * import { checkIdentityDocument } from '@gds/schema';
 * checkIdentityDocument('resident-id', '11010519491231002X').valid; // true
 * checkIdentityDocument('hk-macao-travel-permit', 'H1234567').findings[0]?.code; // 'identity_document.number_format'
 * ```
 */
export function checkIdentityDocument(
  type: string,
  number: string,
  options: CheckIdentityDocumentOptions = {},
): { valid: boolean; findings: IdentifierFinding[] } {
  if (type === 'resident-id' || type === 'temporary-resident-id') {
    const r = checkResidentId(number, options);
    return { valid: r.valid, findings: r.findings };
  }
  if (type === 'hk-macao-taiwan-residence-permit') {
    const r = checkResidentId(number, options);
    const findings = r.findings.filter((f) => f.code !== 'id_card.address_code');
    const prefix = number.slice(0, 6);
    if (r.normalized && !RESIDENCE_PERMIT_PREFIXES.has(prefix)) {
      findings.push({ code: 'identity_document.region_code', params: { code: prefix } });
    }
    return { valid: !hasError(findings), findings };
  }
  // Own entries only: a type named like an Object.prototype member (`constructor`) is just unknown.
  const format = Object.hasOwn(UNVERIFIED_FORMATS, type) ? UNVERIFIED_FORMATS[type] : undefined;
  if (format && !format.test(number)) {
    return { valid: true, findings: [{ code: 'identity_document.number_format', params: { type, number } }] };
  }
  if (type === 'foreign-permanent-residence-id' && number.length === 18) {
    const expected = residentIdCheckCharacter(number.slice(0, 17));
    if (expected !== number[17]) {
      return {
        valid: true,
        findings: [{ code: 'identity_document.check_character', params: { type, number, expected } }],
      };
    }
  }
  return { valid: true, findings: [] };
}

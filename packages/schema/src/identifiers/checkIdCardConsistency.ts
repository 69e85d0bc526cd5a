import { dateNumber } from '../_internal/formats.js';
import { residentIdParts } from './_internal/residentIdParts.js';
import { GB11643_DOCUMENT_TYPES } from './checkIdentityDocument.js';
import type { IdentifierFinding } from './finding.js';

/** Where each finding of `checkIdCardConsistency` belongs: the record's birth date or its sex. */
export interface ConsistencyFinding extends IdentifierFinding {
  field: 'birthDate' | 'sex';
}

/**
 * Compares the birth date and sex inside an identity number with a record's own, when the document
 * type's number follows GB 11643 (resident ID, temporary resident ID, Hong Kong/Macao/Taiwan residence
 * permit) and the number carries a real date. `birthDate` is `YYYY-MM-DD`, compared only when it is a
 * real date (a malformed one is the date format's to report, not a disagreement); `sex` a GB/T 2261.1 code,
 * compared only when it is `1` (male) or `2` (female): 0 and 9 (unknown, unstated) say nothing, and the
 * legacy codes 5 and 6 (sex changed) cannot be compared with the sequence digit. Checking the number
 * itself is `checkResidentId`'s job; this function reports only disagreements.
 *
 * @example
 * ```ts
 * import { checkIdCardConsistency } from '@gds/schema';
 * checkIdCardConsistency({ type: 'resident-id', number: '11010519491231002X' }, '1949-12-31', '1');
 * // [{ field: 'sex', code: 'id_card.sex_mismatch', params: { sex: '1', idSex: '2' } }]
 * ```
 */
export function checkIdCardConsistency(
  document: { type: string; number: string },
  birthDate: string | undefined,
  sex: string | undefined,
): ConsistencyFinding[] {
  if (!GB11643_DOCUMENT_TYPES.has(document.type)) return [];
  const parts = residentIdParts(document.number);
  if (!parts) return [];
  const out: ConsistencyFinding[] = [];
  if (birthDate !== undefined && birthDate !== parts.birthDate && dateNumber(birthDate) >= 0) {
    out.push({
      field: 'birthDate',
      code: 'id_card.birth_date_mismatch',
      params: { birthDate, idBirthDate: parts.birthDate },
    });
  }
  if ((sex === '1' || sex === '2') && sex !== parts.sex) {
    out.push({ field: 'sex', code: 'id_card.sex_mismatch', params: { sex, idSex: parts.sex } });
  }
  return out;
}

import type { CheckContext } from '../_internal/context.js';
import { dateNumber } from '../_internal/formats.js';
import { cleanResidentIdBirth, residentIdAgrees } from '../identifiers/_internal/residentIdFast.js';
import { GB11643_DOCUMENT_TYPES } from '../identifiers/checkIdentityDocument.js';

/**
 * Shortcuts of the `x-gds-rules` rules a typical record hits, for the compiled checkers: each takes the
 * values the rule's bindings point at (read by the generated code with plain property loads) and
 * returns true only when the full rule in `OBJECT_RULES` would report nothing. False means "run the
 * full rule", never "invalid". The parameters, in order:
 * - `identity-document`: type, number;
 * - `id-card-consistency`: document, birthDate, sex.
 *
 * Internal to `@gds/schema`: `@gds/kit` emits the calls when every binding of the rule is a property
 * of the object itself.
 *
 * @example
 * ```ts
 * // Emitted by @gds/kit for {"rule": "id-card-consistency", "document": "identity", ...}:
 * if (!RULE_SHORTCUTS['id-card-consistency'](o['identity'], o['birthDate'], o['sex'], ctx))
 *   OBJECT_RULES['id-card-consistency'](o, BINDING, ctx);
 * ```
 */
export const RULE_SHORTCUTS = {
  'identity-document'(type: unknown, number: unknown, ctx: CheckContext): boolean {
    return typeof type === 'string' && typeof number === 'string' && cleanDocument(type, number, ctx);
  },
  'id-card-consistency'(document: unknown, birthDate: unknown, sex: unknown, _ctx: CheckContext): boolean {
    if (document === null || typeof document !== 'object' || Array.isArray(document)) return true;
    const type = (document as Record<string, unknown>).type;
    const number = (document as Record<string, unknown>).number;
    if (clean.birth >= 0 && number === clean.number && type === clean.type) {
      // The document the identity-document rule just accepted: its birth date and sex digit are known.
      if (typeof birthDate === 'string') {
        const day = dateNumber(birthDate);
        if (day >= 0 && day !== clean.birth) return false;
      }
      return sex === '1' ? clean.male : sex === '2' ? !clean.male : true;
    }
    if (typeof type !== 'string' || typeof number !== 'string' || !GB11643_DOCUMENT_TYPES.has(type))
      return true;
    return residentIdAgrees(
      number,
      typeof birthDate === 'string' ? birthDate : undefined,
      typeof sex === 'string' ? sex : undefined,
    );
  },
} as const;

// The last GB 11643 document whose number cleanDocument found well formed, with the birth date (yyyymmdd)
// and sex (odd sequence digit: male) in it: the identity-document and id-card-consistency rules of one
// record read the same document, and the second takes them from here. Compared by content, a stale
// entry can only miss, never mislead.
const clean = { type: '', number: '', birth: -1, male: false };

function remember(type: string, number: string, birth: number): number {
  if (birth >= 0) {
    clean.type = type;
    clean.number = number;
    clean.birth = birth;
    clean.male = (number.charCodeAt(16) - 48) % 2 === 1;
  }
  return birth;
}

/**
 * Whether `checkIdentityDocument` would find nothing, decided without building findings for the common
 * GB 11643 documents (resident ID cards; residence permits with an 810000/820000/830000 address code).
 * False means "run the full check", not "invalid".
 */
export function cleanDocument(type: string, number: string, ctx: CheckContext): boolean {
  if (type === 'resident-id' || type === 'temporary-resident-id') {
    const birth = remember(type, number, cleanResidentIdBirth(number));
    return birth >= 0 && !ctx.isFuture(birth);
  }
  if (type === 'hk-macao-taiwan-residence-permit') {
    const birth = remember(type, number, cleanResidentIdBirth(number));
    return (
      birth >= 0 &&
      number.charCodeAt(0) === 56 &&
      number.charCodeAt(1) >= 49 &&
      number.charCodeAt(1) <= 51 &&
      number.startsWith('0000', 2) &&
      !ctx.isFuture(birth)
    );
  }
  return false;
}

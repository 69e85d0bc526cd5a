import type { CheckContext } from '../_internal/context.js';
import { chinaDate } from '../identifiers/_internal/dates.js';
import { checkCreditCode } from '../identifiers/checkCreditCode.js';
import { checkDivisionCode } from '../identifiers/checkDivisionCode.js';
import { checkLandline } from '../identifiers/checkLandline.js';
import { checkMobile } from '../identifiers/checkMobile.js';
import { checkPhone } from '../identifiers/checkPhone.js';
import { checkPostalCode } from '../identifiers/checkPostalCode.js';
import { checkResidentId } from '../identifiers/checkResidentId.js';
import type { IssuePath } from '../issue.js';
import { divisionsOf, report } from './_internal/report.js';

/** The names an `x-gds-identifier` keyword may take (see `standards/profile/README.md`). */
export type IdentifierRuleName =
  | 'gb11643'
  | 'gb32100'
  | 'division'
  | 'mobile'
  | 'landline'
  | 'phone'
  | 'postal-code';

/** A rule the compiled checkers call for a string field carrying `x-gds-identifier`. */
export type IdentifierRule = (value: string, path: IssuePath, ctx: CheckContext) => void;

/**
 * The implementations of the `x-gds-identifier` keyword, by name. Each checks one string value and
 * reports issues at its path into the context:
 * - `gb11643`: `checkResidentId`, with `ctx.now` as today (a lower-case x is a warning only);
 * - `gb32100`: `checkCreditCode`, a failed checksum reported with `ctx.creditCodeChecksum`;
 * - `division`: `checkDivisionCode` against the code list in force on `ctx.now` (pass the record's date
 *   as `now`), with the context's division registry if it has one, else the bundled excerpt;
 * - `mobile`, `landline`, `phone`, `postal-code`: `checkMobile`, `checkLandline`, `checkPhone`, `checkPostalCode`.
 *
 * Internal to `@gds/schema`: the generated checkers call it; users call the exported algorithms.
 *
 * @example
 * ```ts
 * // In a standard (JSON): "number": {"type": "string", "x-gds-identifier": "gb11643"}; in the generated checker:
 * IDENTIFIER_RULES.gb11643(value, [...path, 'number'], ctx); // reports id_card.* issues into ctx
 * ```
 */
export const IDENTIFIER_RULES: Record<IdentifierRuleName, IdentifierRule> = {
  gb11643(value, path, ctx) {
    report(ctx, path, checkResidentId(value, { now: ctx.now }).findings);
  },
  gb32100(value, path, ctx) {
    report(ctx, path, checkCreditCode(value, { checksum: ctx.creditCodeChecksum }).findings);
  },
  division(value, path, ctx) {
    const registry = divisionsOf(ctx);
    report(
      ctx,
      path,
      checkDivisionCode(value, { date: chinaDate(ctx.now), ...(registry ? { registry } : {}) }),
    );
  },
  mobile(value, path, ctx) {
    report(ctx, path, checkMobile(value));
  },
  landline(value, path, ctx) {
    report(ctx, path, checkLandline(value));
  },
  phone(value, path, ctx) {
    report(ctx, path, checkPhone(value));
  },
  'postal-code'(value, path, ctx) {
    report(ctx, path, checkPostalCode(value));
  },
};

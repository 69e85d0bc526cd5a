import type { CheckContext } from '../_internal/context.js';
import { cleanResidentIdBirth } from '../identifiers/_internal/residentIdFast.js';
import { bundledDivisions } from '../identifiers/bundledDivisions.js';
import { checkCreditCode } from '../identifiers/checkCreditCode.js';
import { divisionFindings, settledDivision } from '../identifiers/checkDivisionCode.js';
import { checkLandline } from '../identifiers/checkLandline.js';
import { checkMobile } from '../identifiers/checkMobile.js';
import { checkPhone } from '../identifiers/checkPhone.js';
import { checkPostalCode } from '../identifiers/checkPostalCode.js';
import { checkResidentId } from '../identifiers/checkResidentId.js';
import { report } from './_internal/report.js';

/** The names an `x-gds-identifier` keyword may take (see `standards/profile/README.md`). */
export type IdentifierRuleName =
  | 'gb11643'
  | 'gb32100'
  | 'division'
  | 'mobile'
  | 'landline'
  | 'phone'
  | 'postal-code';

/**
 * A rule the compiled checkers call for a string field carrying `x-gds-identifier`. Issues are reported
 * at the value itself (path `[]`); the checker puts the field's path in front.
 */
export type IdentifierRule = (value: string, ctx: CheckContext) => void;

/**
 * The implementations of the `x-gds-identifier` keyword, by name. Each checks one string value and
 * reports issues at its path into the context:
 * - `gb11643`: `checkResidentId`, with `ctx.now` as today (a lower-case x is a warning only);
 * - `gb32100`: `checkCreditCode`, a failed checksum reported with `ctx.creditCodeChecksum`;
 * - `division`: `checkDivisionCode` against the code list in force on `ctx.now` (pass the record's date
 *   as `now`), with the context's division registry if it has one, else the bundled excerpt;
 * - `mobile`, `landline`, `phone`, `postal-code`: `checkMobile`, `checkLandline`, `checkPhone`, `checkPostalCode`.
 *
 * Internal to `@gds/schema`: the generated checkers call it; users call the exported algorithms. A
 * number with nothing to report is recognised without building findings (`cleanResidentIdBirth`,
 * the memoised division answers), so a valid record costs no allocation here.
 *
 * @example
 * ```ts
 * // In a standard (JSON): "number": {"type": "string", "x-gds-identifier": "gb11643"}; in the generated checker:
 * const from = ctx.issues.length;
 * IDENTIFIER_RULES.gb11643(value, ctx); // reports id_card.* issues at [] into ctx
 * if (ctx.issues.length !== from) ctx.under(from, ['number']);
 * ```
 */
export const IDENTIFIER_RULES: Record<IdentifierRuleName, IdentifierRule> = {
  gb11643(value, ctx) {
    const birth = cleanResidentIdBirth(value);
    if (birth >= 0 && !ctx.isFuture(birth)) return;
    report(ctx, checkResidentId(value, { now: ctx.now }).findings);
  },
  gb32100(value, ctx) {
    report(ctx, checkCreditCode(value, { checksum: ctx.creditCodeChecksum }).findings);
  },
  division(value, ctx) {
    const registry = ctx.divisions ?? bundledDivisions();
    // An answer no later date changes, from a day the clock has already passed, needs no "today".
    const settled = settledDivision(value, registry);
    if (settled === null || !ctx.reached(settled.since))
      report(ctx, divisionFindings(value, registry, ctx.todayInChina));
    else if (settled.findings.length > 0) report(ctx, settled.findings);
  },
  mobile(value, ctx) {
    report(ctx, checkMobile(value));
  },
  landline(value, ctx) {
    report(ctx, checkLandline(value));
  },
  phone(value, ctx) {
    report(ctx, checkPhone(value));
  },
  'postal-code'(value, ctx) {
    report(ctx, checkPostalCode(value));
  },
};

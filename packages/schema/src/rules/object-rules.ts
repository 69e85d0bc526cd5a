import type { CheckContext } from '../_internal/context.js';
import { checkIdCardConsistency } from '../identifiers/checkIdCardConsistency.js';
import { checkIdentityDocument } from '../identifiers/checkIdentityDocument.js';
import type { IssuePath } from '../issue.js';
import { report } from './_context.js';
import { resolveBinding } from './_resolve.js';

/** The names an `x-gds-rules` entry may take (see `standards/profile/README.md`). */
export type ObjectRuleName = 'id-card-consistency' | 'identity-document';

/**
 * A rule the compiled checkers call for an object carrying `x-gds-rules`: the object, the entry's
 * bindings (rule parameter -> `/`-separated path relative to the object), the object's path, the context.
 */
export type ObjectRule = (
  obj: Record<string, unknown>,
  binding: Readonly<Record<string, string>>,
  path: IssuePath,
  ctx: CheckContext,
) => void;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * The implementations of the `x-gds-rules` keyword, by name. A rule whose bound fields are missing or
 * of the wrong type does nothing: `required` and `type` report those.
 * - `id-card-consistency` (`document`, `birthDate`, `sex`): when the document (an object with `type`
 *   and `number`) is of a GB 11643 type (resident ID, temporary resident ID, Hong Kong/Macao/Taiwan
 *   residence permit) and its number carries a real date, the birth date and the sex of its sequence
 *   digit agree with the record's (`id_card.birth_date_mismatch`, `id_card.sex_mismatch`; sex is
 *   compared only when the record says 1 male or 2 female).
 * - `identity-document` (`type`, `number`, default the fields of those names): the number rule of the
 *   document's type (`checkIdentityDocument`).
 *
 * Internal to `@gds/schema`: the generated checkers call it; users call the exported algorithms
 * (`checkIdCardConsistency`, `checkIdentityDocument`) or validate whole records.
 *
 * @example
 * ```ts
 * // In a standard (JSON): "x-gds-rules": [{"rule": "id-card-consistency", "document": "identity",
 * //   "birthDate": "birthDate", "sex": "sex"}]; in the generated checker:
 * OBJECT_RULES['id-card-consistency'](record, { document: 'identity', birthDate: 'birthDate', sex: 'sex' }, path, ctx);
 * ```
 */
export const OBJECT_RULES: Record<ObjectRuleName, ObjectRule> = {
  'id-card-consistency'(obj, binding, path, ctx) {
    const doc = resolveBinding(obj, binding.document, path)?.value;
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return;
    const type = str((doc as Record<string, unknown>).type);
    const number = str((doc as Record<string, unknown>).number);
    if (type === undefined || number === undefined) return;
    const birth = resolveBinding(obj, binding.birthDate, path);
    const sex = resolveBinding(obj, binding.sex, path);
    for (const f of checkIdCardConsistency({ type, number }, str(birth?.value), str(sex?.value), {
      now: ctx.now,
    })) {
      ctx.add(f.code, (f.field === 'sex' ? sex : birth)!.path, f.params);
    }
  },
  'identity-document'(obj, binding, path, ctx) {
    const type = str(resolveBinding(obj, binding.type ?? 'type', path)?.value);
    const numberAt = resolveBinding(obj, binding.number ?? 'number', path);
    const number = str(numberAt?.value);
    if (type === undefined || number === undefined || !numberAt) return;
    report(ctx, numberAt.path, checkIdentityDocument(type, number, { now: ctx.now }).findings);
  },
};

import type { CheckContext } from '../_internal/context.js';
import { residentIdAgrees } from '../identifiers/_internal/residentIdFast.js';
import { checkIdCardConsistency } from '../identifiers/checkIdCardConsistency.js';
import { checkIdentityDocument, GB11643_DOCUMENT_TYPES } from '../identifiers/checkIdentityDocument.js';
import type { IssuePath } from '../issue.js';
import { collectBinding, pathAt, valueAt } from './_internal/bindings.js';
import { report } from './_internal/report.js';
import { checkCaseLifecycle } from './checkCaseLifecycle.js';
import { cleanDocument } from './shortcuts.js';

/** The names an `x-gds-rules` entry may take (see `standards/profile/README.md`). */
export type ObjectRuleName =
  | 'id-card-consistency'
  | 'identity-document'
  | 'credit-code-kind'
  | 'household-head'
  | 'case-lifecycle'
  | 'geojson-polygon'
  | 'period'
  | 'unique-values';

/**
 * A rule the compiled checkers call for an object carrying `x-gds-rules`: the object, the entry's
 * bindings (rule parameter -> `/`-separated path relative to the object), the context. Issues are
 * reported at paths relative to the object; the checker puts the object's path in front.
 */
export type ObjectRule = (
  obj: Record<string, unknown>,
  binding: Readonly<Record<string, string>>,
  ctx: CheckContext,
) => void;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * The implementations of the `x-gds-rules` keyword, by name. A rule whose bound fields are missing or
 * of the wrong type does nothing: `required` and `type` report those.
 * - `id-card-consistency` (`document`, `birthDate`, `sex`): when the document (an object with `type`
 *   and `number`) is of a GB 11643 type (resident ID, temporary resident ID, Hong Kong/Macao/Taiwan
 *   residence permit) and its number carries a real date, the birth date and the sex of its sequence
 *   digit agree with the record's (`id_card.birth_date_mismatch`, `id_card.sex_mismatch`; the birth date
 *   is compared only when it is a real date, which `format` checks, and sex only when the record says
 *   1 male or 2 female).
 * - `identity-document` (`type`, `number`, default the fields of those names): the number rule of the
 *   document's type (`checkIdentityDocument`).
 * - `credit-code-kind` (`code`, `kind`): an organisation's kind, a code of list `organization-kind`, is
 *   the first two characters of its credit code (registration authority and category), when both are there.
 * - `household-head` (`relationships`: path to each member's GB/T 4761 relationship, e.g.
 *   `members/relationship`; `type`): at most one member is the head (`02`), and a family household
 *   (`family`) has exactly one. A collective household (集体户) may have none.
 * - `case-lifecycle` (`history`, `status`): `checkCaseLifecycle` over the history's `action` and `at`.
 * - `geojson-polygon` (`polygon`: a GeoJSON Polygon): rings closed, at least 4 positions, longitude and
 *   latitude in range.
 * - `period` (`start`, `end`): the end is not before the start (dates or date-times of one form).
 * - `unique-values` (`values`: a path through an array, e.g. `units/number`): no value occurs twice.
 *
 * Internal to `@gds/schema`: the generated checkers call it; users call the exported algorithms
 * (`checkIdCardConsistency`, `checkIdentityDocument`) or validate whole records.
 *
 * @example
 * ```ts
 * // In a standard (JSON): "x-gds-rules": [{"rule": "id-card-consistency", "document": "identity",
 * //   "birthDate": "birthDate", "sex": "sex"}]; in the generated checker:
 * OBJECT_RULES['id-card-consistency'](record, { document: 'identity', birthDate: 'birthDate', sex: 'sex' }, ctx);
 * ```
 */
export const OBJECT_RULES: Record<ObjectRuleName, ObjectRule> = {
  'id-card-consistency'(obj, binding, ctx) {
    const doc = valueAt(obj, binding.document);
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return;
    const type = str((doc as Record<string, unknown>).type);
    const number = str((doc as Record<string, unknown>).number);
    if (type === undefined || number === undefined || !GB11643_DOCUMENT_TYPES.has(type)) return;
    const birthDate = str(valueAt(obj, binding.birthDate));
    const sex = str(valueAt(obj, binding.sex));
    if (residentIdAgrees(number, birthDate, sex)) return;
    for (const f of checkIdCardConsistency({ type, number }, birthDate, sex)) {
      ctx.add(f.code, pathAt((f.field === 'sex' ? binding.sex : binding.birthDate)!), f.params);
    }
  },
  'identity-document'(obj, binding, ctx) {
    const type = str(valueAt(obj, binding.type ?? 'type'));
    const number = str(valueAt(obj, binding.number ?? 'number'));
    if (type === undefined || number === undefined || cleanDocument(type, number, ctx)) return;
    const { findings } = checkIdentityDocument(type, number, { now: ctx.now });
    if (findings.length > 0) report(ctx, findings, pathAt(binding.number ?? 'number'));
  },
  'credit-code-kind'(obj, binding, ctx) {
    const code = str(valueAt(obj, binding.code));
    const kind = str(valueAt(obj, binding.kind));
    if (code === undefined || kind === undefined || code.length !== 18) return;
    const expected = code.slice(0, 2);
    if (kind !== expected) ctx.add('organization.kind_mismatch', pathAt(binding.kind!), { kind, expected });
  },
  'household-head'(obj, binding, ctx) {
    const relationships = collectBinding(obj, binding.relationships);
    const heads = relationships.filter((r) => r.value === '02');
    const type = str(valueAt(obj, binding.type));
    const membersPath = binding.relationships?.split('/')[0];
    if (heads.length > 1) {
      ctx.add('household.multiple_heads', heads[1]!.path, { count: heads.length });
    } else if (heads.length === 0 && relationships.length > 0 && type === 'family' && membersPath) {
      ctx.add('household.no_head', [membersPath], {});
    }
  },
  'case-lifecycle'(obj, binding, ctx) {
    const history = valueAt(obj, binding.history);
    if (!Array.isArray(history)) return;
    const steps = history.map((s) =>
      s !== null && typeof s === 'object' ? (s as Record<string, unknown>) : {},
    );
    for (const f of checkCaseLifecycle(steps, str(valueAt(obj, binding.status)))) {
      const at =
        f.field === 'status' ? pathAt(binding.status!) : [...pathAt(binding.history!), f.index!, f.field];
      ctx.add(f.code, at, f.params);
    }
  },
  'geojson-polygon'(obj, binding, ctx) {
    const polygon = valueAt(obj, binding.polygon) as { coordinates?: unknown } | undefined;
    const rings = polygon?.coordinates;
    if (!Array.isArray(rings)) return;
    rings.forEach((ring, r) => {
      if (!Array.isArray(ring)) return;
      const ringPath = [...pathAt(binding.polygon!), 'coordinates', r];
      if (ring.length < 4) ctx.add('geometry.ring_too_short', ringPath, { ring: r + 1 });
      ring.forEach((pos, i) => {
        if (!Array.isArray(pos) || typeof pos[0] !== 'number' || typeof pos[1] !== 'number') return;
        const [longitude, latitude] = pos as [number, number];
        if (Math.abs(longitude) > 180 || Math.abs(latitude) > 90) {
          ctx.add('geometry.coordinate_range', [...ringPath, i], { longitude, latitude });
        }
      });
      const first = ring[0];
      const last = ring[ring.length - 1];
      if (
        ring.length >= 2 &&
        Array.isArray(first) &&
        Array.isArray(last) &&
        (first.length !== last.length || first.some((c, k) => c !== last[k]))
      ) {
        ctx.add('geometry.ring_not_closed', ringPath, { ring: r + 1 });
      }
    });
  },
  period(obj, binding, ctx) {
    const start = str(valueAt(obj, binding.start));
    const end = str(valueAt(obj, binding.end));
    if (start === undefined || end === undefined) return;
    // Dates compare as strings; date-times by instant (their offsets may differ).
    const s = start.length > 10 ? Date.parse(start) : Number.NaN;
    const e = end.length > 10 ? Date.parse(end) : Number.NaN;
    const before = Number.isNaN(s) || Number.isNaN(e) ? end < start : e < s;
    if (before) ctx.add('period.end_before_start', pathAt(binding.end!), { start, end });
  },
  'unique-values'(obj, binding, ctx) {
    const seen = new Map<string, IssuePath>();
    for (const { value, path: at } of collectBinding(obj, binding.values)) {
      if (typeof value !== 'string' && typeof value !== 'number') continue;
      const key = `${typeof value}:${value}`;
      const first = seen.get(key);
      if (first) {
        ctx.add('duplicate_value', at, { value, first: itemIndex(first), second: itemIndex(at) });
      } else seen.set(key, at);
    }
  },
};

/** The 1-based position of the array item a collected path runs through (its last numeric step). */
function itemIndex(path: IssuePath): number {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'number') return (path[i] as number) + 1;
  return 0;
}

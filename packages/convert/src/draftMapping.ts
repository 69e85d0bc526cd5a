import type { FieldRule, MappingSource } from './mapping.js';

/** How {@link draftMapping} found the target of one column. */
export interface ColumnGuess {
  column: string;
  /** `mapping`: a known mapping reads a column of this name; `name`: the name is a target field's; `null`: not found. */
  by: 'mapping' | 'name' | null;
  /** The target field, or `null` when the column is to fill (or ignored, as a known mapping ignores it). */
  target: string | null;
  /** The known mapping the guess comes from (`by: 'mapping'`). */
  mapping?: string;
  /** A known mapping ignores a column of this name. */
  ignored?: boolean;
}

/** A known mapping, as its JSON file holds it (only `id`, `target`, `fields`, `recordId`, `ignoreColumns` are read). */
export interface KnownMapping {
  id: string;
  target: { standard: string; version: string };
  fields: readonly FieldRule[];
  recordId?: { target: string; keys: readonly string[]; prefix?: string; length?: number };
  ignoreColumns?: readonly string[];
}

/** Input of {@link draftMapping}. */
export interface DraftMappingOptions {
  /** `<department>/<name>` of the new mapping. */
  id: string;
  /** The legacy file's column names, in order. */
  columns: readonly string[];
  /** The source block (format, encoding, header row, sheet); `exportColumns` is set from `columns`. */
  source: Omit<MappingSource, 'exportColumns'> & { system: string };
  /**
   * The target standard and version, with its fields (`Standard.fields` of `@gds/schema`: JSON-pointer
   * paths such as `/identity/number`, their type and title). A column matches a leaf field by its dotted
   * path, its last segment or its title (`姓名`), ignoring case.
   */
  target: {
    standard: string;
    version: string;
    fields: readonly {
      readonly path: string;
      readonly type: string;
      readonly title?: { readonly zh?: string | null; readonly en?: string | null };
    }[];
  };
  /** Mappings whose column names are known (the official ones of `standards/mappings`); earlier ones win. */
  known?: readonly KnownMapping[];
}

/** What {@link draftMapping} returns. */
export interface DraftMappingResult {
  /** The mapping file's content; rules whose target is {@link TO_FILL} are for the user to complete. */
  mapping: Record<string, unknown>;
  /** One guess per column, in column order. */
  columns: ColumnGuess[];
  /** JSON pointers of what is to fill (`/fields/3/target`). */
  toFill: string[];
}

/** The target of a rule the user must fill: `gds mapping check` reports it until it is replaced. */
export const TO_FILL = '<fill: target field>';

const norm = (s: string) => s.trim().toLowerCase();
const parentOf = (path: string) => (path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : '');

/**
 * Drafts a mapping from a legacy file's column names, like Frictionless `describe`: each column's target
 * is taken from a known mapping of the same standard that reads a column of that name (with its
 * transforms, crosswalk and the constant rules beside it, e.g. `identity.type` next to
 * `identity.number`), else from a target field whose path, last segment or title is the column's name (a
 * segment or title two fields share is no guess); a column
 * a known mapping ignores goes to `ignoreColumns`; the rest get a rule whose target is {@link TO_FILL}.
 * The record id is copied from a known mapping whose key columns are all present. Pure: the caller
 * reads the file and the known mappings.
 *
 * @example
 * ```ts
 * import { draftMapping } from '@gds/convert';
 * import { getStandard } from '@gds/schema';
 * const person = getStandard('person', '1.0.0')!;
 * const { mapping, toFill } = draftMapping({
 *   id: 'local/people',
 *   columns: ['name', 'remark'],
 *   source: { system: 'local/people', format: 'csv', encoding: 'utf-8', headerRow: 1 },
 *   target: { standard: 'person', version: '1.0.0', fields: person.fields },
 * });
 * // mapping.fields: [{ target: 'name', from: 'name', transforms: ['trim'] }, { target: TO_FILL, from: 'remark' }]
 * // (a column 姓名 would match `name` by its title)
 * // toFill: ['/fields/1/target']
 * ```
 */
export function draftMapping(options: DraftMappingOptions): DraftMappingResult {
  const { columns, target } = options;
  const known = (options.known ?? []).filter((m) => m.target.standard === target.standard);
  // Leaf fields outside arrays, as a mapping names them (`identity.number`).
  const leaves = target.fields.filter(
    (f) => f.type !== 'object' && f.type !== 'array' && !f.path.includes('*') && f.path !== '/id',
  );
  const dotted = (f: { path: string }) => f.path.slice(1).replace(/\//g, '.');
  const paths = new Set(target.fields.map(dotted));
  const byName = new Map<string, string>();
  // A full path first; a last segment or title only when one field has it (divisionCode is in two).
  const ambiguous = new Set<string>();
  const secondary = new Map<string, string>();
  for (const f of leaves) {
    const path = dotted(f);
    byName.set(norm(path), path);
    for (const name of new Set([path.slice(path.lastIndexOf('.') + 1), f.title?.zh, f.title?.en])) {
      if (!name) continue;
      const seen = secondary.get(norm(name));
      if (seen !== undefined && seen !== path) ambiguous.add(norm(name));
      else secondary.set(norm(name), path);
    }
  }
  for (const [name, path] of secondary) if (!ambiguous.has(name) && !byName.has(name)) byName.set(name, path);
  const fields: Record<string, unknown>[] = [];
  const ignore: string[] = [];
  const guesses: ColumnGuess[] = [];
  const taken = new Set<string>();
  const usedFrom = new Map<KnownMapping, Set<string>>();
  for (const column of columns) {
    let guess: ColumnGuess | undefined;
    for (const m of known) {
      const rule = m.fields.find(
        (r) =>
          typeof r.from === 'string' && // a rule reading several columns (join) is no guess for one
          norm(r.from) === norm(column) &&
          paths.has(r.target) &&
          !taken.has(r.target),
      );
      if (rule) {
        const copy: Record<string, unknown> = {
          ...(rule as unknown as Record<string, unknown>),
          from: column,
        };
        fields.push(copy);
        taken.add(rule.target);
        const used = usedFrom.get(m) ?? new Set<string>();
        usedFrom.set(m, used);
        used.add(rule.target);
        guess = { column, by: 'mapping', target: rule.target, mapping: m.id };
        break;
      }
      if (m.ignoreColumns?.some((c) => norm(c) === norm(column))) {
        ignore.push(column);
        guess = { column, by: 'mapping', target: null, mapping: m.id, ignored: true };
        break;
      }
    }
    if (!guess) {
      const path = byName.get(norm(column));
      if (path && !taken.has(path)) {
        fields.push({ target: path, from: column, transforms: ['trim'] });
        taken.add(path);
        guess = { column, by: 'name', target: path };
      } else {
        fields.push({ target: TO_FILL, from: column });
        guess = { column, by: null, target: null };
      }
    }
    guesses.push(guess);
  }
  // The constant rules beside a copied rule (identity.type beside identity.number), placed first as in the official files.
  const constants: Record<string, unknown>[] = [];
  for (const [m, used] of usedFrom) {
    const parents = new Set([...used].map(parentOf).filter(Boolean));
    for (const r of m.fields) {
      if (
        r.from === undefined &&
        parents.has(parentOf(r.target)) &&
        paths.has(r.target) &&
        !taken.has(r.target)
      ) {
        constants.push({ ...(r as unknown as Record<string, unknown>) });
        taken.add(r.target);
      }
    }
  }
  const all = [...constants, ...fields];
  const present = new Set(columns.map(norm));
  const idFrom = known.find((m) => m.recordId?.keys.every((k) => present.has(norm(k))));
  const mapping: Record<string, unknown> = {
    id: options.id,
    version: '0.1.0',
    title: { zh: `${options.id} 的映射（草稿）`, en: `Mapping of ${options.id} (draft)` },
    source: { ...options.source, exportColumns: [...columns] },
    target: { standard: target.standard, version: target.version },
    ...(idFrom?.recordId
      ? {
          recordId: {
            ...idFrom.recordId,
            keys: idFrom.recordId.keys.map((k) => columns.find((c) => norm(c) === norm(k))!),
          },
        }
      : {}),
    fields: all,
    ...(ignore.length > 0 ? { ignoreColumns: ignore } : {}),
  };
  const toFill = all.flatMap((f, i) => (f.target === TO_FILL ? [`/fields/${i}/target`] : []));
  return { mapping, columns: guesses, toFill };
}

import type { CodeList } from '@gds/standards';
import {
  codeListOf,
  collectFields,
  type FieldNode,
  isObject,
  type JsonSchema,
  parentPath,
} from '../_internal/fields.js';
import { maxBump } from '../_internal/semver.js';
import { type Bump, CHANGE_RULES, type ChangeKind, type Effect } from './changeRules.js';

/** One version of a standard, as the diff sees it: the schema and the code lists it binds, as of that version. */
export interface SchemaVersion {
  entity: string;
  /** A released version (`1.0.0`) or `next`, the draft. */
  version: string;
  schema: JsonSchema;
  /** The code lists bound by the schema, as they stood when the version was released (by id). */
  codeLists: Readonly<Record<string, CodeList>>;
  /** The schema file, relative to the standards folder, for CI annotations. */
  file?: string;
}

/** One classified change between two versions. */
export interface SchemaChange {
  kind: ChangeKind;
  /** The field path in the newer version (`/name`, `/contacts/*\/phone`); `''` is the whole record. */
  path: string;
  readers: Effect;
  writers: Effect;
  bump: Exclude<Bump, 'none'>;
  notice: boolean;
  /** For `constraint.*`: the keyword (`pattern`, `maxLength`, `format`, `x-gds-identifier`, …). */
  keyword?: string;
  /** For `field.renamed`: the old path. For removals of a deprecated field: its replacement. */
  from?: string;
  replacedBy?: string;
  /** For code list changes: the list and the codes concerned. */
  list?: string;
  codes?: string[];
  before?: unknown;
  after?: unknown;
  messageZh: string;
  messageEn: string;
}

/** Every change between two versions, and what they add up to. */
export interface DiffReport {
  entity: string;
  from: string;
  to: string;
  /** The schema file of the newer version, for annotations. */
  file?: string;
  changes: SchemaChange[];
  /** The largest bump any change requires (`none` when nothing changed). */
  bump: Bump;
  readers: Effect;
  writers: Effect;
}

/** Options of {@link diffSchemas}. */
export interface DiffOptions {
  /** Renames declared elsewhere (a migration's `rename` operations): old path to new path. */
  renames?: ReadonlyArray<{ from: string; to: string }>;
}

const SHARING = ['unconditional', 'conditional', 'none'];
const SENSITIVITY = ['none', 'personal', 'sensitive'];
const DATA_CLASS = ['general', 'important', 'core'];
const LOWER_BOUNDS = ['minLength', 'minimum', 'exclusiveMinimum', 'minItems'];
const UPPER_BOUNDS = ['maxLength', 'maximum', 'exclusiveMaximum', 'maxItems'];
const DOC_KEYWORDS = ['title', 'description', 'x-gds-en', 'examples', '$comment'];

const show = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
const label = (path: string): string => (path === '' ? '(记录 record)' : path);

/**
 * Classifies every change between two versions of a standard: fields added, removed or renamed, optional
 * or required; types widened or narrowed; enum values and code list codes added or removed (reading the
 * code lists as they stood in each version), open or closed lists; patterns, formats, identifier rules and
 * bounds; governance metadata; deprecations. A rename is never guessed: it comes from the older field's
 * `x-gds-deprecated.replacedBy` or from `options.renames` (a migration's `rename` operations).
 *
 * @example
 * ```ts
 * import { diffSchemas, loadSchemaVersion } from '@gds/kit';
 * const report = diffSchemas(loadSchemaVersion('person', '1.0.0'), loadSchemaVersion('person', 'next'));
 * report.bump; // 'minor'
 * report.changes.map((c) => `${c.kind} ${c.path}`); // ['field.added_optional /email', …]
 * ```
 */
export function diffSchemas(a: SchemaVersion, b: SchemaVersion, options: DiffOptions = {}): DiffReport {
  const before = collectFields(a.schema);
  const after = collectFields(b.schema);
  const changes: SchemaChange[] = [];

  const add = (
    kind: ChangeKind,
    path: string,
    extra: Partial<SchemaChange>,
    detailZh = '',
    detailEn = '',
  ) => {
    const rule = CHANGE_RULES[kind];
    changes.push({
      kind,
      path,
      readers: rule.readers,
      writers: rule.writers,
      bump: rule.bump,
      notice: rule.notice,
      ...extra,
      messageZh: `${rule.zh}：${label(path)}${detailZh ? `（${detailZh}）` : ''}`,
      messageEn: `${rule.en}: ${label(path)}${detailEn ? ` (${detailEn})` : ''}`,
    });
  };

  // Renames: declared, or announced by the older field's deprecation; never inferred from similar names.
  const renames = new Map<string, string>();
  for (const { from, to } of options.renames ?? []) renames.set(from, to);
  for (const [path, field] of before) {
    if (after.has(path) || renames.has(path)) continue;
    const dep = field.node['x-gds-deprecated'];
    if (!isObject(dep) || typeof dep.replacedBy !== 'string') continue;
    const target = dep.replacedBy.startsWith('/') ? dep.replacedBy : `${parentPath(path)}/${dep.replacedBy}`;
    // Only a true rename: the replacement is new in this version. A replacement that already existed is a
    // removal of a deprecated field, reported as such with the replacement named.
    if (after.has(target) && !before.has(target)) renames.set(path, target);
  }
  const renamedTo = new Map([...renames].map(([from, to]) => [to, from]));

  const underAny = (path: string, roots: Iterable<string>): boolean => {
    for (const root of roots) if (path.startsWith(`${root}/`)) return true;
    return false;
  };
  const removedRoots: string[] = [];
  const addedRoots: string[] = [];

  // Removals (and renames), outermost first: a removed object's children go with it.
  for (const [path, field] of before) {
    if (after.has(path) || underAny(path, removedRoots) || path.endsWith('/*')) continue;
    removedRoots.push(path);
    const to = renames.get(path);
    if (to !== undefined && after.has(to)) {
      add('field.renamed', to, { from: path }, `原 ${path}`, `was ${path}`);
      continue;
    }
    const dep = field.node['x-gds-deprecated'];
    const replacedBy = isObject(dep) && typeof dep.replacedBy === 'string' ? dep.replacedBy : undefined;
    add(
      field.required ? 'field.removed_required' : 'field.removed_optional',
      path,
      replacedBy !== undefined ? { replacedBy } : {},
      replacedBy !== undefined ? `已废止，由 ${replacedBy} 取代` : '',
      replacedBy !== undefined ? `deprecated, replaced by ${replacedBy}` : '',
    );
  }
  for (const [path, field] of after) {
    if (before.has(path) || underAny(path, addedRoots) || path.endsWith('/*')) continue;
    addedRoots.push(path);
    if (renamedTo.has(path)) continue;
    add(field.required ? 'field.added_required' : 'field.added_optional', path, {});
  }

  // Fields in both versions (or renamed: compared under the new path).
  const pairs: Array<[FieldNode, FieldNode]> = [];
  for (const [path, field] of after) {
    const old = before.get(path) ?? (renamedTo.has(path) ? before.get(renamedTo.get(path)!) : undefined);
    if (old && !underAny(path, addedRoots)) pairs.push([old, field]);
  }
  // Children of renamed objects: compare by their path relative to the renamed root.
  for (const [to, from] of renamedTo) {
    for (const [path, field] of after) {
      if (!path.startsWith(`${to}/`)) continue;
      const old = before.get(from + path.slice(to.length));
      if (old) pairs.push([old, field]);
    }
  }
  const skipped = new Set<string>();
  for (const [old, cur] of pairs) {
    if (underAny(cur.path, skipped)) continue;
    if (compareField(old, cur, a, b, add, renamedTo.has(cur.path))) skipped.add(cur.path);
  }

  let bump: Bump = 'none';
  let readers: Effect = 'safe';
  let writers: Effect = 'safe';
  for (const c of changes) {
    bump = maxBump(bump, c.bump);
    if (c.readers === 'breaking') readers = 'breaking';
    if (c.writers === 'breaking') writers = 'breaking';
  }
  return {
    entity: b.entity,
    from: a.version,
    to: b.version,
    ...(b.file !== undefined ? { file: b.file } : {}),
    changes,
    bump,
    readers,
    writers,
  };
}

type Add = (kind: ChangeKind, path: string, extra: Partial<SchemaChange>, zh?: string, en?: string) => void;

/** Compares one field in both versions; returns true when its type changed so children are not compared. */
function compareField(
  old: FieldNode,
  cur: FieldNode,
  a: SchemaVersion,
  b: SchemaVersion,
  add: Add,
  renamed: boolean,
) {
  const path = cur.path;
  const o = old.node;
  const n = cur.node;

  // Required-ness: only meaningful for properties (a renamed field's required-ness is part of the rename).
  if (!renamed && !path.endsWith('/*') && path !== '' && old.required !== cur.required) {
    add(cur.required ? 'field.made_required' : 'field.made_optional', path, {});
  }

  if (!same(o.type, n.type)) {
    if (o.type === 'integer' && n.type === 'number')
      add('type.widened', path, { before: o.type, after: n.type });
    else if (o.type === 'number' && n.type === 'integer')
      add('type.narrowed', path, { before: o.type, after: n.type });
    else if (o.type === undefined) add('constraint.tightened', path, { keyword: 'type', after: n.type });
    else if (n.type === undefined) add('constraint.loosened', path, { keyword: 'type', before: o.type });
    else {
      add(
        'type.changed',
        path,
        { before: o.type, after: n.type },
        `${show(o.type)} → ${show(n.type)}`,
        `${show(o.type)} → ${show(n.type)}`,
      );
      return true;
    }
  }

  // enum: compare as sets of values.
  if (Array.isArray(o.enum) || Array.isArray(n.enum)) {
    if (!Array.isArray(o.enum)) add('constraint.tightened', path, { keyword: 'enum', after: n.enum });
    else if (!Array.isArray(n.enum)) add('constraint.loosened', path, { keyword: 'enum', before: o.enum });
    else {
      const os = new Set(o.enum.map(show));
      const ns = new Set(n.enum.map(show));
      const added = [...ns].filter((v) => !os.has(v));
      const removed = [...os].filter((v) => !ns.has(v));
      if (added.length) add('enum.value_added', path, { codes: added }, added.join('、'), added.join(', '));
      if (removed.length)
        add('enum.value_removed', path, { codes: removed }, removed.join('、'), removed.join(', '));
    }
  }

  // Single-valued assertion keywords with no order: adding one tightens, removing loosens, changing both.
  for (const keyword of ['const', 'pattern', 'format', 'x-gds-identifier']) {
    const ov = o[keyword];
    const nv = n[keyword];
    if (same(ov, nv)) continue;
    const detail = `${ov === undefined ? '—' : show(ov)} → ${nv === undefined ? '—' : show(nv)}`;
    const kind: ChangeKind =
      ov === undefined
        ? 'constraint.tightened'
        : nv === undefined
          ? 'constraint.loosened'
          : 'constraint.changed';
    add(kind, path, { keyword, before: ov, after: nv }, `${keyword} ${detail}`, `${keyword} ${detail}`);
  }

  for (const keyword of [...LOWER_BOUNDS, ...UPPER_BOUNDS]) {
    const ov = o[keyword];
    const nv = n[keyword];
    if (same(ov, nv)) continue;
    const lower = LOWER_BOUNDS.includes(keyword);
    let tightened: boolean;
    if (ov === undefined) tightened = true;
    else if (nv === undefined) tightened = false;
    else tightened = lower ? Number(nv) > Number(ov) : Number(nv) < Number(ov);
    const detail = `${keyword} ${ov === undefined ? '—' : show(ov)} → ${nv === undefined ? '—' : show(nv)}`;
    add(
      tightened ? 'constraint.tightened' : 'constraint.loosened',
      path,
      { keyword, before: ov, after: nv },
      detail,
      detail,
    );
  }

  if (o.uniqueItems !== n.uniqueItems && (o.uniqueItems === true || n.uniqueItems === true)) {
    add(n.uniqueItems === true ? 'constraint.tightened' : 'constraint.loosened', path, {
      keyword: 'uniqueItems',
      before: o.uniqueItems,
      after: n.uniqueItems,
    });
  }

  // Cross-field rules: each named rule binding is a constraint of its own.
  const oRules = Array.isArray(o['x-gds-rules']) ? (o['x-gds-rules'] as unknown[]).map(show) : [];
  const nRules = Array.isArray(n['x-gds-rules']) ? (n['x-gds-rules'] as unknown[]).map(show) : [];
  for (const rule of nRules.filter((x) => !oRules.includes(x)))
    add('constraint.tightened', path, { keyword: 'x-gds-rules', after: JSON.parse(rule) }, rule, rule);
  for (const rule of oRules.filter((x) => !nRules.includes(x)))
    add('constraint.loosened', path, { keyword: 'x-gds-rules', before: JSON.parse(rule) }, rule, rule);

  const oClosed = o.additionalProperties === false;
  const nClosed = n.additionalProperties === false;
  if (o.type === 'object' && n.type === 'object' && oClosed !== nClosed)
    add(nClosed ? 'content.closed' : 'content.opened', path, {});

  compareCodeLists(path, o, n, a, b, add);
  compareGovernance(path, o, n, add);

  const oDep = o['x-gds-deprecated'] ?? (o.deprecated === true ? true : undefined);
  const nDep = n['x-gds-deprecated'] ?? (n.deprecated === true ? true : undefined);
  if (oDep === undefined && nDep !== undefined) {
    const replacedBy = isObject(nDep) && typeof nDep.replacedBy === 'string' ? nDep.replacedBy : undefined;
    add(
      'deprecation.added',
      path,
      { after: nDep, ...(replacedBy ? { replacedBy } : {}) },
      replacedBy ? `改用 ${replacedBy}` : '',
      replacedBy ? `use ${replacedBy}` : '',
    );
  } else if (oDep !== undefined && nDep === undefined) add('deprecation.removed', path, { before: oDep });

  const docs = DOC_KEYWORDS.filter((k) => !same(o[k], n[k]));
  if (docs.length) add('docs.changed', path, { keyword: docs.join(',') }, docs.join('、'), docs.join(', '));
  return false;
}

function compareCodeLists(
  path: string,
  o: JsonSchema,
  n: JsonSchema,
  a: SchemaVersion,
  b: SchemaVersion,
  add: Add,
) {
  const ol = codeListOf(o);
  const nl = codeListOf(n);
  if (!ol && !nl) return;
  if (!ol && nl) {
    add(
      nl.closed ? 'codelist.bound_closed' : 'codelist.bound_open',
      path,
      { list: nl.list },
      nl.list,
      nl.list,
    );
    return;
  }
  if (ol && !nl) {
    add(
      ol.closed ? 'codelist.unbound_closed' : 'codelist.unbound_open',
      path,
      { list: ol.list },
      ol.list,
      ol.list,
    );
    return;
  }
  if (!ol || !nl) return;
  if (ol.list !== nl.list) {
    add(
      'codelist.replaced',
      path,
      { list: nl.list, before: ol.list, after: nl.list },
      `${ol.list} → ${nl.list}`,
      `${ol.list} → ${nl.list}`,
    );
    return;
  }
  if (ol.closed !== nl.closed)
    add(nl.closed ? 'codelist.closed' : 'codelist.opened', path, { list: nl.list }, nl.list, nl.list);
  const oldList = a.codeLists[ol.list];
  const newList = b.codeLists[nl.list];
  if (!oldList || !newList) return;
  const oldCodes = new Map(oldList.entries.map((e) => [e.code, e]));
  const newCodes = new Map(newList.entries.map((e) => [e.code, e]));
  const list = nl.list;
  const added = [...newCodes.keys()].filter((c) => !oldCodes.has(c));
  const removed = [...oldCodes.keys()].filter((c) => !newCodes.has(c));
  const deprecated = [...newCodes.values()]
    .filter((e) => e.deprecated && oldCodes.get(e.code)?.deprecated === false)
    .map((e) => e.code);
  const undeprecated = [...newCodes.values()]
    .filter((e) => !e.deprecated && oldCodes.get(e.code)?.deprecated === true)
    .map((e) => e.code);
  const relabelled = [...newCodes.values()]
    .filter((e) => {
      const prev = oldCodes.get(e.code);
      return prev !== undefined && (prev.zh !== e.zh || prev.en !== e.en);
    })
    .map((e) => e.code);
  const codes = (cs: string[]) => `${list}: ${cs.join(', ')}`;
  // Under an open list an unknown code is only a warning, which is why the same edit weighs differently.
  if (added.length)
    add(
      nl.closed ? 'codelist.code_added_closed' : 'codelist.code_added_open',
      path,
      { list, codes: added },
      codes(added),
      codes(added),
    );
  if (removed.length)
    add(
      ol.closed && nl.closed ? 'codelist.code_removed_closed' : 'codelist.code_removed_open',
      path,
      { list, codes: removed },
      codes(removed),
      codes(removed),
    );
  if (deprecated.length)
    add('codelist.code_deprecated', path, { list, codes: deprecated }, codes(deprecated), codes(deprecated));
  if (undeprecated.length)
    add(
      'codelist.code_undeprecated',
      path,
      { list, codes: undeprecated },
      codes(undeprecated),
      codes(undeprecated),
    );
  if (relabelled.length)
    add('codelist.code_relabelled', path, { list, codes: relabelled }, codes(relabelled), codes(relabelled));
}

function compareGovernance(path: string, o: JsonSchema, n: JsonSchema, add: Add) {
  const ordered: Array<[string, string[], ChangeKind, ChangeKind]> = [
    ['x-gds-sharing', SHARING, 'governance.sharing_tightened', 'governance.sharing_loosened'],
    ['x-gds-sensitivity', SENSITIVITY, 'governance.sensitivity_raised', 'governance.sensitivity_lowered'],
    ['x-gds-data-class', DATA_CLASS, 'governance.data_class_raised', 'governance.data_class_lowered'],
  ];
  for (const [keyword, scale, up, down] of ordered) {
    const ov = o[keyword];
    const nv = n[keyword];
    if (same(ov, nv)) continue;
    const oi = scale.indexOf(String(ov));
    const ni = scale.indexOf(String(nv));
    const detail = `${show(ov ?? '—')} → ${show(nv ?? '—')}`;
    // An unknown or missing value counts as the strictest change: better a false alarm than a silent one.
    const tightened = oi < 0 || ni < 0 || ni > oi;
    add(tightened ? up : down, path, { keyword, before: ov, after: nv }, detail, detail);
  }
  for (const [keyword, kind] of [
    ['x-gds-source', 'governance.source_changed'],
    ['x-gds-masking', 'governance.masking_changed'],
  ] as const) {
    if (same(o[keyword], n[keyword])) continue;
    const detail = `${show(o[keyword] ?? '—')} → ${show(n[keyword] ?? '—')}`;
    add(kind, path, { keyword, before: o[keyword], after: n[keyword] }, detail, detail);
  }
}

import {
  createIssue,
  getStandard,
  type Issue,
  type IssueCode,
  type Locale,
  type SourcePosition,
} from '@gds/schema';
import type { CodeListEntry } from '@gds/standards';
import { type Compiled, compileRules, own, setPath, targetPath } from './_internal/compile.js';
import { sourceIssue } from './_internal/issues.js';
import { sha256Hex } from './_internal/sha256.js';
import type { Crosswalk } from './crosswalk.js';
import { GdsConvertError } from './errors.js';
import type { Mapping } from './mapping.js';
import type { SourceInfo, SourceRecord, SourceValue } from './record.js';
import type { ConvertReport, IssueGroup } from './report.js';
import type { PipelineValue, TransformContext, TransformDefinition } from './transforms.js';

/** A validator for canonical records: any function with the `Standard.validate` shape. */
export type RecordValidator = (record: unknown) => { ok: boolean; issues: readonly Issue[] };

/** Options shared by the converter and the exporter. */
export interface MappingRuntimeOptions {
  /** Crosswalks by id (`sex/public-security`), as loaded by `@gds/convert/node` or parsed with `parseCrosswalk`. */
  crosswalks?: Readonly<Record<string, Crosswalk>>;
  /** Code lists by id, for `codeFromLabel`. */
  codeLists?: Readonly<Record<string, readonly CodeListEntry[]>>;
  /** Extra transforms by name, next to the built-in ones. */
  transforms?: Readonly<Record<string, TransformDefinition>>;
  locale?: Locale;
}

/** Options of {@link createConverter}. */
export interface ConverterOptions extends MappingRuntimeOptions {
  /**
   * Validates each canonical record. Default: `getStandard(target.standard, target.version).validate` from
   * `@gds/schema`. Any function of that shape works, which keeps the engine independent of one schema build.
   */
  validate?: RecordValidator;
  /** "Today" for the validator (future dates, codes in force). Default: now. */
  now?: Date;
  /** Issues kept in `report.issues` per code (all are counted in `report.groups`). Default 1000. */
  maxIssuesPerCode?: number;
  /** File name for source positions. */
  file?: string;
  /**
   * SHA-256 of a string as hex, for record ids. Default: a small synchronous implementation that runs in
   * browsers; `@gds/convert/node` passes Node's native one, which is about twice as fast.
   */
  sha256Hex?: (text: string) => string;
}

/** The outcome of converting one source record. */
export type ConvertResult =
  | { status: 'accepted'; record: Record<string, unknown>; issues: readonly Issue[] }
  | { status: 'rejected'; issues: readonly Issue[] }
  | { status: 'skipped'; issues: readonly Issue[] };

/** A result with the source rows it came from (several for a grouped mapping). */
export type ConvertOutcome = ConvertResult & { rows: readonly SourceRecord[] };

/** A compiled mapping for the import direction: convert records one by one, then ask for the report. */
export interface Converter {
  readonly mapping: Mapping;
  /** Converts one row (mappings without `group`). */
  convert(record: SourceRecord): ConvertResult;
  /**
   * Feeds one row and returns the outcomes completed by it: one per row, or for a grouped mapping the
   * previous group once a row with a new key arrives. Call `flush()` after the last row.
   */
  push(record: SourceRecord): ConvertOutcome[];
  /** Completes the last group (grouped mappings); an empty list otherwise. */
  flush(): ConvertOutcome[];
  /**
   * The report, completed with what the reader learned (`info`) and the input hash. Call it once the reader
   * is exhausted; later calls return the same report (with fresh timing if given).
   */
  report(info: SourceInfo, extra?: { sha256?: string; ms?: number }): ConvertReport;
}

function getPath(obj: unknown, path: readonly string[]): unknown {
  let cur = obj;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, k)) return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

const cellText = (v: SourceValue | undefined): string => (v === null || v === undefined ? '' : String(v));

// Open-addressing tables of 64-bit id prefixes, each slot holding the prefix, the first row and a
// fingerprint of the key (16 bytes per row, no strings). The table is split into 256 shards by the first
// byte of the id, each grown by half at 80% load, so that growing never holds two copies of everything:
// memory stays flat and well under the budget at a million rows.
class IdShard {
  cap = 61;
  size = 0;
  slots = new Int32Array(this.cap * 4);
  insert(h: number, l: number, keyFp: number, row: number): { firstRow: number; sameKey: boolean } | null {
    if (this.size * 5 >= this.cap * 4) this.grow();
    return this.put(h, l, keyFp, row);
  }
  private put(
    h: number,
    l: number,
    keyFp: number,
    row: number,
  ): { firstRow: number; sameKey: boolean } | null {
    const t = this.slots;
    const end = this.cap * 4;
    let i = ((l >>> 0) % this.cap) * 4;
    for (;;) {
      const r = t[i + 2]!;
      if (r === 0) {
        t[i] = h;
        t[i + 1] = l;
        t[i + 2] = row;
        t[i + 3] = keyFp;
        this.size++;
        return null;
      }
      if (t[i] === h && t[i + 1] === l) return { firstRow: r, sameKey: t[i + 3] === keyFp };
      i += 4;
      if (i === end) i = 0;
    }
  }
  private grow(): void {
    const old = this.slots;
    this.cap = Math.floor(this.cap * 1.5) | 1;
    this.size = 0;
    this.slots = new Int32Array(this.cap * 4);
    for (let i = 0; i < old.length; i += 4) {
      if (old[i + 2] !== 0) this.put(old[i]!, old[i + 1]!, old[i + 3]!, old[i + 2]!);
    }
  }
}

class IdTable {
  private shards: (IdShard | undefined)[] = new Array(256);
  /** Returns the first row with the same id prefix and whether its key matched, or null after inserting. */
  check(hex: string, keyFp: number, row: number): { firstRow: number; sameKey: boolean } | null {
    const h = Number.parseInt(hex.slice(0, 8), 16) | 0;
    const l = Number.parseInt(hex.slice(8, 16), 16) | 0;
    const k = h >>> 24;
    let shard = this.shards[k];
    if (!shard) {
      shard = new IdShard();
      this.shards[k] = shard;
    }
    return shard.insert(h, l, keyFp, row);
  }
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

const MISSING = 'source.missing_column' as const;

/** Levenshtein distance (two rows; column names are short). */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}

/** The candidate closest to `name` (case and surrounding spaces ignored), when near enough to be a misspelling. */
function closest(name: string, candidates: readonly string[]): string | undefined {
  const norm = (s: string) => s.trim().toLowerCase();
  const target = norm(name);
  let best: string | undefined;
  let bestD = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const d = distance(target, norm(c));
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  const limit = Math.max(1, Math.floor(Math.max(target.length, 2) / 3));
  return best !== undefined && bestD <= limit ? best : undefined;
}

/**
 * Compiles a mapping for import: each source record becomes a canonical record that passed validation
 * (`accepted`), or a `rejected` row carrying every issue with its source position (file, sheet, row,
 * column name and letter, raw value) and canonical path, or a `skipped` row excluded by a filter. Record
 * ids are deterministic: `prefix + SHA-256(system NUL key columns)`; repeated keys and id collisions are
 * reported (`row.duplicate_key`, `row.id_collision`) and the later row is rejected, never merged.
 *
 * @example
 * ```ts
 * import { createConverter, parseMapping } from '@gds/convert';
 * import { readCsv } from '@gds/convert/csv';
 * const converter = createConverter(parseMapping(mappingJson), { crosswalks });
 * const reader = readCsv(bytes, { encoding: 'gb18030' });
 * const accepted: unknown[] = [];
 * for await (const rec of reader) {
 *   const r = converter.convert(rec);
 *   if (r.status === 'accepted') accepted.push(r.record);
 * }
 * const report = converter.report(reader.info);
 * ```
 */
export function createConverter(mapping: Mapping, options: ConverterOptions = {}): Converter {
  const locale = options.locale ?? 'zh-CN';
  const rules = compileRules(mapping, options);
  const byTarget = new Map(rules.map((r) => [r.rule.target, r]));
  const group = mapping.group;
  const memberRules = group ? compileRules({ ...mapping, fields: group.fields }, options) : [];
  const memberByTarget = new Map(memberRules.map((r) => [r.rule.target, r]));
  let validate = options.validate;
  if (!validate) {
    const standard = getStandard(mapping.target.standard, mapping.target.version);
    if (!standard) {
      throw new GdsConvertError(
        'GDS_CONVERT_NO_VALIDATOR',
        `找不到标准 ${mapping.target.standard}@${mapping.target.version} 的校验器`,
        `no validator for standard ${mapping.target.standard}@${mapping.target.version}`,
      );
    }
    const vopts = { locale, ...(options.now ? { now: options.now } : {}) };
    validate = (rec) => standard.validate(rec, vopts);
  }
  const file = options.file;
  const hashHex = options.sha256Hex ?? sha256Hex;
  const maxPerCode = options.maxIssuesPerCode ?? 1000;
  const idRule = mapping.recordId;
  const idPath = idRule ? targetPath(mapping, idRule.target) : [];
  const idTable = idRule ? new IdTable() : null;
  const referenced = new Set<string>([
    ...rules.flatMap((r) => r.cols),
    ...(idRule?.keys ?? []),
    ...(mapping.filters ?? []).map((f) => f.column),
    ...(group?.by ?? []),
    ...memberRules.flatMap((r) => r.cols),
  ]);
  const ignored = new Set(mapping.ignoreColumns ?? []);
  // Columns read through `each` rules (`history.0.action`) are referenced by their array's prefix.
  const prefixes = [...rules, ...memberRules].flatMap((r) => (r.each ? [`${r.each.from}.`] : []));
  const seenColumns = new Set<string>();
  let lastColumns: readonly string[] | null = null;
  let colIndex: number[][] = [];
  let keyIndex: number[] = [];
  let filterIndex: number[] = [];
  let groupIndex: number[] = [];

  const stats = {
    rowsRead: 0,
    rowsAccepted: 0,
    rowsRejected: 0,
    rowsSkipped: 0,
    duplicateKeys: 0,
    idCollisions: 0,
    errors: 0,
    warnings: 0,
  };
  const groups = new Map<string, IssueGroup>();
  const perCode = new Map<string, number>();
  const kept: Issue[] = [];
  let omitted = 0;
  /** Rows (source rows) with an issue caused by each missing column. */
  const causedRows = new Map<string, number>();
  const record = (issue: Issue) => {
    if (issue.severity === 'error') stats.errors++;
    else stats.warnings++;
    const property = issue.code === 'required' ? issue.params.property : undefined;
    const path = (typeof property === 'string' ? [...issue.path, property] : issue.path).join('.');
    const column = issue.source?.column;
    const key = `${issue.code}|${path}|${column ?? ''}|${issue.cause ? `${issue.cause.code}|${issue.cause.column ?? ''}` : ''}`;
    let g = groups.get(key);
    if (!g) {
      g = { code: issue.code, severity: issue.severity, path, count: 0, message: issue.message, rows: [] };
      if (column !== undefined) g.column = column;
      if (issue.cause) g.cause = issue.cause;
      groups.set(key, g);
    }
    g.count++;
    const row = issue.source?.row;
    if (row !== undefined && g.rows.length < 5 && !g.rows.includes(row)) g.rows.push(row);
    const n = (perCode.get(issue.code) ?? 0) + 1;
    perCode.set(issue.code, n);
    if (n <= maxPerCode) kept.push(issue);
    else omitted++;
  };

  // The current row and rule, so that a transform's issue knows where it is.
  let cur: SourceRecord | null = null;
  let curPath: readonly (string | number)[] = [];
  let curCol = -1;
  let curIssues: Issue[] = [];
  const position = (rec: SourceRecord, col: number): SourcePosition => {
    const pos: SourcePosition = { row: rec.row };
    if (file !== undefined) pos.file = file;
    if (rec.sheet !== undefined) pos.sheet = rec.sheet;
    if (col >= 0) {
      pos.column = rec.columns[col]!;
      const letter = rec.letters?.[col];
      if (letter !== undefined) pos.columnLetter = letter;
      pos.raw = cellText(rec.values[col]);
    }
    return pos;
  };
  const ctx: TransformContext = {
    issue(code, params = {}) {
      const issue = createIssue(code as IssueCode, curPath, params, locale);
      if (cur) issue.source = position(cur, curCol);
      curIssues.push(issue);
    },
    codeList: (id) => own(options.codeLists, id),
    get date1904() {
      return cur?.date1904 === true;
    },
  };
  const ruleForPath = (
    index: ReadonlyMap<string, Compiled>,
    path: readonly (string | number)[],
  ): Compiled | undefined => {
    for (let n = path.length; n > 0; n--) {
      const r = index.get(path.slice(0, n).join('.'));
      if (r) return r;
    }
    return undefined;
  };

  const resolveColumns = (columns: readonly string[]) => {
    lastColumns = columns;
    for (const c of columns) seenColumns.add(c);
    colIndex = rules.map((r) => r.cols.map((c) => columns.indexOf(c)));
    keyIndex = (idRule?.keys ?? []).map((c) => columns.indexOf(c));
    filterIndex = (mapping.filters ?? []).map((f) => columns.indexOf(f.column));
    groupIndex = (group?.by ?? []).map((c) => columns.indexOf(c));
  };

  let failed = new Set<string>();
  const keyRule = new Map<string, number>();
  rules.forEach((r, i) => {
    if (!r.multi && r.cols.length === 1 && !keyRule.has(r.cols[0]!)) keyRule.set(r.cols[0]!, i);
  });
  const keyRules = (idRule?.keys ?? []).map((k) => keyRule.get(k));

  let done: ConvertReport | null = null;
  const timing = (ms: number | undefined): Pick<ConvertReport, 'timing'> =>
    ms === undefined
      ? {}
      : {
          timing: {
            ms: Math.round(ms),
            rowsPerSecond: ms > 0 ? Math.round(((stats.rowsRead + stats.rowsSkipped) * 1000) / ms) : 0,
          },
        };

  const finish = (issues: Issue[]) => {
    for (const i of issues) record(i);
  };

  /** Applies the filters; returns the skipped outcome, or null when the row passes. */
  const filterRow = (rec: SourceRecord): ConvertResult | null => {
    if (rec.columns !== lastColumns) resolveColumns(rec.columns);
    cur = rec;
    curIssues =
      rec.issues.length > 0
        ? rec.issues.map((i) => (i.source ? i : { ...i, source: position(rec, -1) }))
        : [];
    const filters = mapping.filters;
    if (filters) {
      for (let i = 0; i < filters.length; i++) {
        const f = filters[i]!;
        const v = cellText(rec.values[filterIndex[i]!]).trim();
        const pass =
          f.op === 'nonEmpty'
            ? v !== ''
            : f.op === 'equals'
              ? v === f.value
              : f.op === 'notEquals'
                ? v !== f.value
                : f.op === 'matches'
                  ? new RegExp(f.value ?? '').test(v)
                  : !new RegExp(f.value ?? '').test(v);
        if (!pass) {
          stats.rowsSkipped++;
          const issue = sourceIssue(
            'row.filtered',
            { filter: `${f.column} ${f.op} ${f.value ?? ''}`.trim() },
            locale,
            position(rec, filterIndex[i]!),
          );
          curIssues.push(issue);
          finish(curIssues);
          return { status: 'skipped', issues: curIssues };
        }
      }
    }
    return null;
  };

  /**
   * Applies field rules to one source row, writing into `out`. `prefix` is the canonical path of `out`
   * (empty at the top, `members.2` for a group member, `history.0` for an item of an `each` rule).
   */
  const applyRules = (
    rec: SourceRecord,
    rs: readonly Compiled[],
    idx: readonly (readonly number[])[],
    out: Record<string, unknown>,
    ruleValues: (PipelineValue | undefined)[],
    prefix: readonly (string | number)[],
  ): void => {
    let deferred: number[] | undefined;
    for (let r = 0; r < rs.length; r++) {
      const c = rs[r]!;
      if (c.each) {
        applyEach(rec, c, out, prefix);
        continue;
      }
      curPath = prefix.length === 0 ? c.path : [...prefix, ...c.path];
      const cols = idx[r]!;
      let v: PipelineValue | undefined;
      if (c.rule.const !== undefined) v = c.rule.const;
      else if (cols.length === 0) v = null;
      else if (!c.multi) {
        curCol = cols[0]!;
        const raw = curCol >= 0 ? rec.values[curCol] : null;
        v = raw === undefined || raw === '' ? null : raw;
      } else {
        curCol = cols[0]!;
        const list = cols.map((i) => (i >= 0 ? (rec.values[i] ?? null) : null));
        v = list.every((x) => x === null || x === '') ? null : list;
      }
      const steps = c.steps;
      for (let s = 0; s < steps.length && v !== null && v !== undefined; s++) {
        const step = steps[s]!;
        v = step.def.forward(v, step.params, ctx);
      }
      if (v !== null && v !== undefined && c.crosswalk) {
        const key = String(v);
        const entry = c.crosswalk.lookup(key);
        if (!entry) {
          ctx.issue('crosswalk.unknown_value', { value: key, crosswalk: c.crosswalk.id });
          v = undefined;
        } else if (entry.equivalence === 'unmapped' || entry.code === null) {
          ctx.issue('crosswalk.unmapped', { value: key, crosswalk: c.crosswalk.id });
          v = undefined;
        } else {
          if (entry.equivalence === 'narrower') {
            ctx.issue('crosswalk.narrower', { value: key, code: entry.code, crosswalk: c.crosswalk.id });
          }
          v = entry.code;
        }
      }
      if (v === null && c.rule.default !== undefined) v = c.rule.default;
      if (v === null && c.rule.required) {
        const issue = createIssue(
          'required',
          curPath.slice(0, -1),
          { property: curPath[curPath.length - 1] },
          locale,
        );
        issue.source = position(rec, curCol);
        curIssues.push(issue);
        failed.add(curPath.join('.'));
      }
      if (v === undefined) {
        failed.add(curPath.join('.'));
        for (let k = 1; k < curPath.length; k++) failed.add(curPath.slice(0, k).join('.'));
      }
      ruleValues[r] = v;
      if (c.onlyIf) {
        if (deferred) deferred.push(r);
        else deferred = [r];
        continue;
      }
      if (v !== null && v !== undefined) {
        if (c.path.length === 1) out[c.path[0]!] = v;
        else setPath(out, c.path, v);
      }
    }
    // Conditional fields are set once what they depend on is, whatever the order of `fields`.
    if (deferred) {
      deferred.sort((a, b) => rs[a]!.rank - rs[b]!.rank);
      for (const r of deferred) {
        const c = rs[r]!;
        const v = ruleValues[r];
        if (v === null || v === undefined || getPath(out, c.onlyIf!) === undefined) continue;
        if (c.path.length === 1) out[c.path[0]!] = v;
        else setPath(out, c.path, v);
      }
    }
    curCol = -1;
  };

  // An `each` rule: a JSON array flattened to `from.0.x`, `from.1.x` … becomes an array of objects.
  const applyEach = (
    rec: SourceRecord,
    c: Compiled,
    out: Record<string, unknown>,
    prefix: readonly (string | number)[],
  ) => {
    const each = c.each!;
    const lead = `${each.from}.`;
    const indices: number[] = [];
    for (const col of rec.columns) {
      if (!col.startsWith(lead)) continue;
      const dot = col.indexOf('.', lead.length);
      const n = Number(col.slice(lead.length, dot < 0 ? undefined : dot));
      if (Number.isInteger(n) && !indices.includes(n)) indices.push(n);
    }
    indices.sort((a, b) => a - b);
    const items: Record<string, unknown>[] = [];
    for (const i of indices) {
      const item: Record<string, unknown> = {};
      const subIdx = each.rules.map((r) =>
        r.cols.map((col) => rec.columns.indexOf(`${each.from}.${i}.${col}`)),
      );
      applyRules(rec, each.rules, subIdx, item, new Array(each.rules.length), [
        ...prefix,
        ...c.path,
        items.length,
      ]);
      items.push(item);
    }
    if (items.length > 0) setPath(out, c.path, items);
  };

  /** Sets the deterministic id on `out`; returns the hash and key text, or null when the key is empty. */
  const assignId = (
    rec: SourceRecord,
    out: Record<string, unknown>,
    ruleValues: readonly (PipelineValue | undefined)[],
  ): { hex: string; key: string } | null => {
    if (!idRule) return null;
    const keyOf = (k: number): string => {
      const ri = keyRules[k];
      const val = ri !== undefined ? ruleValues[ri] : cellText(rec.values[keyIndex[k]!]).trim();
      return val === null || val === undefined ? '' : typeof val === 'string' ? val : String(val);
    };
    // One key column (the usual case) needs no array and no join.
    const single = idRule.keys.length === 1 ? keyOf(0) : null;
    const parts = single === null ? idRule.keys.map((_, k) => keyOf(k)) : null;
    if (single === '' || parts?.every((p) => p === '')) {
      failed.add(idRule.target);
      const keyFailed = idRule.keys.some((k) => {
        const ri = keyRule.get(k);
        return ri !== undefined && (ruleValues[ri] === undefined || failed.has(rules[ri]!.rule.target));
      });
      if (!keyFailed) {
        const issue = createIssue(
          'required',
          idPath.slice(0, -1),
          { property: idPath[idPath.length - 1] },
          locale,
        );
        issue.source = position(rec, keyIndex[0] ?? -1);
        curIssues.push(issue);
      }
      if (idPath.length === 1) delete out[idPath[0]!];
      return null;
    }
    const key = single ?? parts!.join('\u001f');
    const hex = hashHex(`${mapping.source.system}\u0000${key}`);
    const id = `${idRule.prefix ?? ''}${hex.slice(0, idRule.length ?? 32)}`;
    if (idPath.length === 1) out[idPath[0]!] = id;
    else setPath(out, idPath, id);
    return { hex, key };
  };

  const checkDuplicate = (
    rec: SourceRecord,
    out: Record<string, unknown>,
    id: { hex: string; key: string } | null,
  ) => {
    if (id === null || !idTable) return;
    const hit = idTable.check(id.hex, fnv1a(id.key), rec.row);
    if (!hit) return;
    const pos = position(rec, keyIndex[0] ?? -1);
    if (hit.sameKey) {
      stats.duplicateKeys++;
      curIssues.push(
        sourceIssue(
          'row.duplicate_key',
          { key: id.key.replace(/\u001f/g, ','), firstRow: hit.firstRow },
          locale,
          pos,
          idPath,
        ),
      );
    } else {
      stats.idCollisions++;
      curIssues.push(
        sourceIssue('row.id_collision', { id: out[idPath[0]!], firstRow: hit.firstRow }, locale, pos, idPath),
      );
    }
  };

  /** The first of a rule's columns the record lacks, as `{ missing }`, or nothing. */
  const absent = (cols: readonly string[], idx: readonly number[]): { missing?: string } => {
    const k = idx.indexOf(-1);
    return k >= 0 && cols[k] !== undefined ? { missing: cols[k] } : {};
  };

  /** Validates and attaches each validator issue to the row and column it came from. */
  const validateInto = (
    out: Record<string, unknown>,
    locate: (full: readonly (string | number)[]) => { rec: SourceRecord; col: number; missing?: string },
  ) => {
    const result = validate(out);
    for (const issue of result.issues) {
      // `required` points at the parent object; the field itself is params.property.
      const property = issue.code === 'required' ? issue.params.property : undefined;
      const full = typeof property === 'string' ? [...issue.path, property] : issue.path;
      // A field whose transform already failed is missing for that reason: say the cause once.
      if (property !== undefined && failed.has(full.join('.'))) continue;
      const at = locate(full);
      // The field's column is not in the file: the root cause is that column, said once in the report.
      const cause = at.missing === undefined ? {} : { cause: { code: MISSING, column: at.missing } };
      curIssues.push({ ...issue, source: position(at.rec, at.col), ...cause });
    }
  };

  const settle = (rows: number, out: Record<string, unknown>): ConvertResult => {
    let ok = true;
    for (const i of curIssues) if (i.severity === 'error') ok = false;
    // Rows each root cause explains (a Set only for the rare row that has one).
    let causes: Set<string> | undefined;
    for (const i of curIssues) {
      record(i);
      if (i.cause?.column !== undefined) {
        if (!causes) causes = new Set();
        causes.add(i.cause.column);
      }
    }
    if (causes) for (const c of causes) causedRows.set(c, (causedRows.get(c) ?? 0) + rows);
    if (ok) stats.rowsAccepted += rows;
    else stats.rowsRejected += rows;
    return ok
      ? { status: 'accepted', record: out, issues: curIssues }
      : { status: 'rejected', issues: curIssues };
  };

  const buildOne = (rec: SourceRecord): ConvertResult => {
    const out: Record<string, unknown> = {};
    if (idRule && idPath.length === 1) out[idPath[0]!] = null;
    const ruleValues: (PipelineValue | undefined)[] = new Array(rules.length);
    if (failed.size > 0) failed.clear();
    applyRules(rec, rules, colIndex, out, ruleValues, []);
    const id = assignId(rec, out, ruleValues);
    validateInto(out, (full) => {
      const rule = ruleForPath(byTarget, full);
      if (rule?.each) {
        // history.1.action -> the column flows.1.action
        const i = full[rule.path.length];
        const sub = ruleForPath(
          new Map(rule.each.rules.map((r) => [r.rule.target, r])),
          full.slice(rule.path.length + 1),
        );
        const col = sub?.cols[0];
        return {
          rec,
          col: typeof i === 'number' && col ? rec.columns.indexOf(`${rule.each.from}.${i}.${col}`) : -1,
        };
      }
      if (!rule) return { rec, col: -1 };
      const idx = colIndex[rules.indexOf(rule)]!;
      return { rec, col: idx[0] ?? -1, ...absent(rule.cols, idx) };
    });
    checkDuplicate(rec, out, id);
    cur = null;
    return settle(1, out);
  };

  // Grouped mappings (one row per household member): contiguous rows with the same key form one record.
  interface Pending {
    key: string;
    rows: SourceRecord[];
    out: Record<string, unknown>;
    members: Record<string, unknown>[];
    issues: Issue[];
    ruleValues: (PipelineValue | undefined)[];
    failed: Set<string>;
    colIndex: number[][];
  }
  let pending: Pending | null = null;
  const memberPath = group ? targetPath(mapping, group.target) : [];

  const finishGroup = (g: Pending): ConvertOutcome => {
    curIssues = g.issues;
    failed = g.failed;
    cur = g.rows[0]!;
    setPath(g.out, memberPath, g.members);
    const id = assignId(g.rows[0]!, g.out, g.ruleValues);
    validateInto(g.out, (full) => {
      const inMembers =
        memberPath.every((p, i) => full[i] === p) && typeof full[memberPath.length] === 'number';
      if (inMembers) {
        const i = full[memberPath.length] as number;
        const rec = g.rows[i] ?? g.rows[0]!;
        const rest = full.slice(memberPath.length + 1);
        const rule = ruleForPath(memberByTarget, rest);
        if (!rule) return { rec, col: -1 };
        const idx = rule.cols.map((c) => rec.columns.indexOf(c));
        return { rec, col: idx[0] ?? -1, ...absent(rule.cols, idx) };
      }
      const rule = ruleForPath(byTarget, full);
      if (!rule) return { rec: g.rows[0]!, col: -1 };
      const idx = g.colIndex[rules.indexOf(rule)]!;
      return { rec: g.rows[0]!, col: idx[0] ?? -1, ...absent(rule.cols, idx) };
    });
    checkDuplicate(g.rows[0]!, g.out, id);
    cur = null;
    const r = settle(g.rows.length, g.out);
    failed = new Set();
    return { ...r, rows: g.rows };
  };

  const pushGrouped = (rec: SourceRecord): ConvertOutcome[] => {
    const skipped = filterRow(rec);
    if (skipped) return [{ ...skipped, rows: [rec] }];
    stats.rowsRead++;
    const rowIssues = curIssues;
    const key = groupIndex.map((i) => cellText(rec.values[i]).trim()).join('\u001f');
    const done: ConvertOutcome[] = [];
    if (pending && pending.key !== key) {
      done.push(finishGroup(pending));
      pending = null;
      cur = rec;
    }
    if (!pending) {
      pending = {
        key,
        rows: [],
        out: {},
        members: [],
        issues: [],
        ruleValues: new Array(rules.length),
        failed: new Set(),
        colIndex,
      };
      if (idRule && idPath.length === 1) pending.out[idPath[0]!] = null;
      curIssues = pending.issues;
      failed = pending.failed;
      applyRules(rec, rules, colIndex, pending.out, pending.ruleValues, []);
    }
    curIssues = pending.issues;
    failed = pending.failed;
    curIssues.push(...rowIssues);
    const member: Record<string, unknown> = {};
    const memberIdx = memberRules.map((r) => r.cols.map((c) => rec.columns.indexOf(c)));
    applyRules(rec, memberRules, memberIdx, member, new Array(memberRules.length), [
      ...memberPath,
      pending.members.length,
    ]);
    pending.members.push(member);
    pending.rows.push(rec);
    cur = null;
    return done;
  };

  return {
    mapping,
    convert(rec) {
      const skipped = filterRow(rec);
      if (skipped) return skipped;
      stats.rowsRead++;
      return buildOne(rec);
    },
    push(rec) {
      if (!group) {
        const r = this.convert(rec);
        return [{ ...r, rows: [rec] }];
      }
      return pushGrouped(rec);
    },
    flush() {
      if (!pending) return [];
      const last = finishGroup(pending);
      pending = null;
      return [last];
    },
    report(info, extra = {}) {
      if (done) return { ...done, ...timing(extra.ms) };
      const header = info.header ?? [...seenColumns];
      const present = new Set(header.length > 0 ? header : seenColumns);
      for (const c of seenColumns) present.add(c);
      // A header that is not where the mapping says (or a sheet that ends above it) is one root
      // cause, already reported by the reader: every column "missing" would only repeat it.
      const noHeader = info.issues.some(
        (i) => i.code === 'source.header_not_found' || (i.code === 'source.no_records' && info.headerRow),
      );
      const unusedColumns = noHeader
        ? []
        : [...present].filter(
            (c) => !referenced.has(c) && !ignored.has(c) && !prefixes.some((p) => c.startsWith(p)),
          );
      const missingColumns = noHeader
        ? []
        : info.format === 'xml' || info.format === 'json' || info.format === 'ndjson'
          ? [...referenced].filter((c) => !present.has(c) && stats.rowsRead > 0)
          : [...referenced].filter((c) => !present.has(c));
      // Each missing column is a root cause: listed first, with the rows it explains and the closest
      // header the file does have (a misspelt one is usually among the columns no rule reads).
      const missing = new Set(missingColumns);
      const rootCauses = missingColumns.map((column) => {
        const suggestion = closest(column, unusedColumns);
        return sourceIssue(
          MISSING,
          { column, rows: causedRows.get(column) ?? 0, ...(suggestion !== undefined ? { suggestion } : {}) },
          locale,
          { ...(file ? { file } : {}), column },
        );
      });
      // A column absent from some records of a JSON or XML file but present in others is not a
      // file-level cause: those issues stand on their own.
      const orphan = (i: { cause?: { column?: string } }) =>
        i.cause !== undefined && !missing.has(i.cause.column ?? '');
      for (const i of kept) if (orphan(i)) delete i.cause;
      for (const g of groups.values()) if (orphan(g)) delete g.cause;
      for (const i of rootCauses) record(i);
      const fileIssues: Issue[] = [
        ...rootCauses,
        ...info.issues,
        ...unusedColumns.map((column) =>
          sourceIssue('source.unused_column', { column }, locale, { ...(file ? { file } : {}), column }),
        ),
      ];
      for (const i of fileIssues.slice(rootCauses.length)) record(i);
      const all = [...groups.values()];
      const causeGroups = all.filter(
        (g) => g.code === MISSING && g.column !== undefined && missing.has(g.column),
      );
      const ordered = [
        ...causeGroups.flatMap((c) => [
          c,
          ...all.filter((g) => g.cause?.code === MISSING && g.cause.column === c.column),
        ]),
      ];
      const placed = new Set(ordered);
      const rootIssues = kept.filter((i) => i.code === MISSING && missing.has(i.source?.column ?? ''));
      const report: ConvertReport = {
        valid: stats.rowsRejected === 0 && !fileIssues.some((i) => i.severity === 'error'),
        mapping: { id: mapping.id, version: mapping.version },
        target: { ...mapping.target },
        stats: {
          ...(file !== undefined ? { file } : info.file !== undefined ? { file: info.file } : {}),
          ...(info.sheet !== undefined ? { sheet: info.sheet } : {}),
          format: info.format,
          bytes: info.bytes,
          ...(extra.sha256 !== undefined ? { sha256: extra.sha256 } : {}),
          ...(info.encoding !== undefined ? { encoding: info.encoding } : {}),
          ...(info.bom !== undefined ? { bom: info.bom } : {}),
          ...stats,
          blankRows: info.blankRows,
        },
        unusedColumns,
        missingColumns,
        groups: [...ordered, ...all.filter((g) => !placed.has(g))],
        issues: [...rootIssues, ...kept.filter((i) => !rootIssues.includes(i))],
        issuesOmitted: omitted,
      };
      done = report;
      return { ...report, ...timing(extra.ms) };
    },
  };
}

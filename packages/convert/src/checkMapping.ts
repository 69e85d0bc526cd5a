import { getStandard } from '@gds/schema';
import { checkMappingSchema, pointerTo } from './_internal/mappingSchema.js';
import { onlyIfEdges } from './_internal/onlyIf.js';
import type { GdsConvertErrorCode } from './errors.js';
import type { FieldRule, Mapping } from './mapping.js';
import { builtinTransforms, type TransformDefinition } from './transforms.js';

/** One thing wrong with a mapping file, at a JSON pointer into it (`/fields/3/tranforms`). */
export interface MappingProblem {
  /** `GDS_CONVERT_INVALID_MAPPING`, or the more precise unknown transform / crosswalk / code list. */
  code: Extract<
    GdsConvertErrorCode,
    | 'GDS_CONVERT_INVALID_MAPPING'
    | 'GDS_CONVERT_UNKNOWN_TRANSFORM'
    | 'GDS_CONVERT_UNKNOWN_CROSSWALK'
    | 'GDS_CONVERT_UNKNOWN_CODE_LIST'
  >;
  /** `schema`: breaks `mapping.schema.json`; `meaning`: well-formed, but names what does not exist or cannot work. */
  kind: 'schema' | 'meaning';
  /** RFC 6901 JSON pointer to the member at fault; `""` is the whole file. */
  pointer: string;
  messageZh: string;
  messageEn: string;
}

/** What {@link checkMapping} checks the mapping against, beyond `mapping.schema.json`. */
export interface CheckMappingOptions {
  /**
   * The target standard's fields (`Standard.fields` of `@gds/schema`). Default: the standard named by
   * `target` in this build of `@gds/schema`, which must exist. `null` skips the target checks (a mapping
   * to a standard this build does not ship, run with a validator of your own).
   */
  standard?: { readonly fields: readonly { readonly path: string; readonly type: string }[] } | null;
  /** Whether a crosswalk id exists; without it, crosswalks are not checked. */
  hasCrosswalk?: (id: string) => boolean;
  /** Whether a code list id exists; without it, code lists are not checked. */
  hasCodeList?: (id: string) => boolean;
  /** Transforms of your own, known by name next to the built-in ones (their parameters are not checked). */
  transforms?: Readonly<Record<string, TransformDefinition>>;
}

type ParamType = 'string' | 'boolean' | 'integer' | 'strings' | 'table' | 'regex';
// The parameters each built-in transform reads: a misspelt one (`exportFromat`) would be ignored
// silently, so it is refused here.
const PARAMS: Readonly<Record<string, Readonly<Record<string, ParamType>>>> = {
  trim: {},
  halfwidth: {},
  upper: {},
  lower: {},
  number: {},
  text: {},
  nullIf: { values: 'strings' },
  date: { exportFormat: 'string' },
  datetime: { offset: 'string', exportFormat: 'string' },
  residentId: { upgrade15: 'boolean' },
  codeFromLabel: { list: 'string', aliases: 'table', exportAs: 'string' },
  map: { values: 'table', exportValues: 'table', passThrough: 'boolean' },
  split: { separator: 'string', index: 'integer' },
  join: { separator: 'string' },
  regex: { pattern: 'regex', group: 'integer' },
  prefix: { value: 'string' },
};
const REQUIRED_PARAMS: Readonly<Record<string, readonly string[]>> = {
  codeFromLabel: ['list'],
  map: ['values'],
  regex: ['pattern'],
  prefix: ['value'],
};
const NEEDS_VALUE = new Set(['equals', 'notEquals', 'matches', 'notMatches']);

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function regexError(pattern: string): string | null {
  try {
    new RegExp(pattern);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

class Semantics {
  readonly problems: MappingProblem[] = [];
  private readonly paths: Map<string, string> | null;
  private readonly std: string;
  constructor(
    private readonly m: Mapping,
    private readonly o: CheckMappingOptions,
    standard: CheckMappingOptions['standard'],
  ) {
    this.paths = standard ? new Map(standard.fields.map((f) => [f.path, f.type])) : null;
    this.std = `${m.target.standard}@${m.target.version}`;
  }
  add(pointer: string, zh: string, en: string, code: MappingProblem['code'] = 'GDS_CONVERT_INVALID_MAPPING') {
    this.problems.push({ code, kind: 'meaning', pointer, messageZh: zh, messageEn: en });
  }

  /** `specialGroups.0.group` under `members` -> `/members/*\/specialGroups/*\/group`. */
  private fieldPath(base: string, target: string): string {
    return `${base}/${target
      .split('.')
      .map((s) => (/^\d+$/.test(s) ? '*' : s))
      .join('/')}`;
  }

  /** Checks that `target` names a field of the standard; returns its schema type when it does. */
  target(base: string, target: string, ptr: string): string | undefined {
    if (!this.paths) return undefined;
    const path = this.fieldPath(base, target);
    const type = this.paths.get(path);
    if (type === undefined) {
      this.add(ptr, `标准 ${this.std} 没有字段 ${path}`, `standard ${this.std} has no field ${path}`);
    }
    return type;
  }

  arrayTarget(base: string, target: string, ptr: string): void {
    const type = this.target(base, target, ptr);
    if (type !== undefined && type !== 'array') {
      this.add(
        ptr,
        `${target} 在标准 ${this.std} 中是 ${type}，不是数组`,
        `${target} is a ${type} in standard ${this.std}, not an array`,
      );
    }
  }

  transforms(rule: FieldRule, ptr: string): void {
    (rule.transforms ?? []).forEach((spec, i) => {
      const tp = pointerTo(pointerTo(ptr, 'transforms'), i);
      const name = typeof spec === 'string' ? spec : spec.name;
      const custom = this.o.transforms && Object.hasOwn(this.o.transforms, name);
      if (custom) return;
      if (!Object.hasOwn(builtinTransforms, name)) {
        this.add(
          typeof spec === 'string' ? tp : pointerTo(tp, 'name'),
          `未知转换 ${name}（可用：${Object.keys(builtinTransforms).join('、')}）`,
          `unknown transform ${name} (known: ${Object.keys(builtinTransforms).join(', ')})`,
          'GDS_CONVERT_UNKNOWN_TRANSFORM',
        );
        return;
      }
      // A built-in transform this table does not describe yet keeps its parameters unchecked (a test
      // asks that every built-in one be described).
      const known = PARAMS[name];
      if (!known) return;
      const params: Record<string, unknown> = typeof spec === 'string' ? {} : spec;
      for (const need of REQUIRED_PARAMS[name] ?? []) {
        if (!Object.hasOwn(params, need)) {
          this.add(pointerTo(tp, need), `转换 ${name} 需要参数 ${need}`, `transform ${name} needs ${need}`);
        }
      }
      for (const [k, v] of Object.entries(params)) {
        if (k === 'name') continue;
        const kp = pointerTo(tp, k);
        const type = Object.hasOwn(known, k) ? known[k] : undefined;
        if (!type) {
          const list = Object.keys(known);
          this.add(
            kp,
            `转换 ${name} 没有参数 ${k}${list.length ? `（可用：${list.join('、')}）` : '（它不接受参数）'}`,
            `transform ${name} has no parameter ${k}${list.length ? ` (known: ${list.join(', ')})` : ' (it takes none)'}`,
          );
          continue;
        }
        const bad = (zh: string, en: string) => this.add(kp, `参数 ${k} ${zh}`, `parameter ${k} ${en}`);
        if ((type === 'string' || type === 'regex') && typeof v !== 'string')
          bad('应为字符串', 'must be a string');
        else if (type === 'boolean' && typeof v !== 'boolean')
          bad('应为 true 或 false', 'must be true or false');
        else if (type === 'integer' && !(typeof v === 'number' && Number.isInteger(v) && v >= 0))
          bad('应为非负整数', 'must be a non-negative integer');
        else if (type === 'strings' && !(Array.isArray(v) && v.every((x) => typeof x === 'string')))
          bad('应为字符串数组', 'must be an array of strings');
        else if (
          type === 'table' &&
          !(isObj(v) && Object.values(v).every((x) => ['string', 'number', 'boolean'].includes(typeof x)))
        )
          bad('应为“值 → 值”的对象', 'must be an object of values');
        else if (type === 'regex') {
          const err = regexError(v as string);
          if (err) bad(`不是有效的正则表达式：${err}`, `is not a valid regular expression: ${err}`);
        }
      }
      if (name === 'codeFromLabel' && typeof params.list === 'string' && this.o.hasCodeList) {
        if (!this.o.hasCodeList(params.list)) {
          this.add(
            pointerTo(tp, 'list'),
            `代码表 ${params.list} 不存在`,
            `code list ${params.list} does not exist`,
            'GDS_CONVERT_UNKNOWN_CODE_LIST',
          );
        }
      }
      if (
        name === 'codeFromLabel' &&
        params.exportAs !== undefined &&
        !['code', 'label'].includes(String(params.exportAs))
      ) {
        this.add(
          pointerTo(tp, 'exportAs'),
          '参数 exportAs 应为 code 或 label',
          'parameter exportAs must be code or label',
        );
      }
    });
  }

  /** One list of field rules; `base` is the standard path they write under (`/members/*`). */
  fields(fields: readonly FieldRule[], ptr: string, base: string, columns: Set<string> | null): void {
    const targets = new Map<string, number>();
    fields.forEach((f, i) => {
      const fp = pointerTo(ptr, i);
      const first = targets.get(f.target);
      if (first !== undefined) {
        this.add(
          pointerTo(fp, 'target'),
          `字段 ${f.target} 重复（已在第 ${first} 条规则）`,
          `field ${f.target} appears twice (first in rule ${first})`,
        );
      } else targets.set(f.target, i);
      if (f.each) {
        this.arrayTarget(base, f.target, pointerTo(fp, 'target'));
        this.fields(
          f.each.fields,
          pointerTo(pointerTo(fp, 'each'), 'fields'),
          this.fieldPath(base, f.target) + '/*',
          null,
        );
      } else this.target(base, f.target, pointerTo(fp, 'target'));
      if (columns && f.from !== undefined) {
        const froms = Array.isArray(f.from) ? f.from : [f.from];
        froms.forEach((c, k) => {
          if (!columns.has(c)) {
            this.add(
              Array.isArray(f.from) ? pointerTo(pointerTo(fp, 'from'), k) : pointerTo(fp, 'from'),
              `列 ${c} 不在 source.exportColumns 中`,
              `column ${c} is not in source.exportColumns`,
            );
          }
        });
      }
      if (f.crosswalk && this.o.hasCrosswalk && !this.o.hasCrosswalk(f.crosswalk)) {
        this.add(
          pointerTo(fp, 'crosswalk'),
          `对照表 ${f.crosswalk} 不存在`,
          `crosswalk ${f.crosswalk} does not exist`,
          'GDS_CONVERT_UNKNOWN_CROSSWALK',
        );
      }
      this.transforms(f, fp);
    });
    this.onlyIf(fields, ptr);
  }

  /**
   * `onlyIf` names a field produced by a rule of the same list (or an object above one), other than the
   * rule itself; the engine sets such fields after all the others, so the order of `fields` is free, and
   * a cycle of conditions is refused.
   */
  onlyIf(fields: readonly FieldRule[], ptr: string): void {
    const edges = onlyIfEdges(fields);
    fields.forEach((f, i) => {
      if (f.onlyIf === undefined) return;
      const op = pointerTo(pointerTo(ptr, i), 'onlyIf');
      if (edges[i]!.length === 0) {
        this.add(
          op,
          `onlyIf 指向的字段 ${f.onlyIf} 不由本映射的其他规则产生`,
          `onlyIf names ${f.onlyIf}, which no other rule of this mapping produces`,
        );
        return;
      }
      // A path back to this rule through the conditions is a cycle.
      const seen = new Set<number>();
      const stack = [...edges[i]!];
      while (stack.length > 0) {
        const k = stack.pop()!;
        if (k === i) {
          this.add(op, `onlyIf 条件构成循环（${f.target}）`, `onlyIf conditions form a cycle (${f.target})`);
          return;
        }
        if (seen.has(k)) continue;
        seen.add(k);
        stack.push(...edges[k]!);
      }
    });
  }

  run(): void {
    const m = this.m;
    if (this.o.standard === undefined && !getStandard(m.target.standard, m.target.version)) {
      const some = getStandard(m.target.standard);
      this.add(
        some ? '/target/version' : '/target/standard',
        `找不到标准 ${this.std}`,
        `no standard ${this.std} in this build of @gds/schema`,
      );
    }
    const exportColumns = m.source.exportColumns ? new Set(m.source.exportColumns) : null;
    this.fields(m.fields, '/fields', '', exportColumns);
    if (m.group) {
      this.arrayTarget('', m.group.target, '/group/target');
      this.fields(m.group.fields, '/group/fields', this.fieldPath('', m.group.target) + '/*', exportColumns);
      const top = new Set(m.fields.map((f) => f.target.split('.')[0]));
      if (top.has(m.group.target.split('.')[0]!)) {
        this.add(
          '/group/target',
          `group.target ${m.group.target} 与 fields 中的字段重叠`,
          `group.target ${m.group.target} overlaps a field of fields`,
        );
      }
    }
    if (m.recordId) {
      this.target('', m.recordId.target, '/recordId/target');
      if (exportColumns) {
        m.recordId.keys.forEach((k, i) => {
          if (!exportColumns.has(k))
            this.add(
              `/recordId/keys/${i}`,
              `列 ${k} 不在 source.exportColumns 中`,
              `column ${k} is not in source.exportColumns`,
            );
        });
      }
    }
    (m.filters ?? []).forEach((f, i) => {
      const fp = `/filters/${i}`;
      if (NEEDS_VALUE.has(f.op) && f.value === undefined) {
        this.add(`${fp}/value`, `过滤条件 ${f.op} 需要 value`, `filter ${f.op} needs a value`);
      }
      if ((f.op === 'matches' || f.op === 'notMatches') && typeof f.value === 'string') {
        const err = regexError(f.value);
        if (err)
          this.add(
            `${fp}/value`,
            `不是有效的正则表达式：${err}`,
            `is not a valid regular expression: ${err}`,
          );
      }
    });
  }
}

/**
 * Checks a parsed mapping file and returns every problem with its JSON pointer, in document order: first
 * against `standards/profile/mapping.schema.json` (unknown keys such as a misspelt `tranforms` are
 * refused, never ignored), then for meaning: every target is a field of the target standard version,
 * every `from` column is one of `source.exportColumns` when the mapping lists them, transforms are known
 * and so are their parameters, crosswalks and code lists exist (when told how to look them up), `onlyIf`
 * names a field the mapping produces, filters that compare have a value. Runs in browsers (no JSON Schema
 * validator is loaded: a small checker of the schema is held to Ajv by the tests).
 *
 * @example
 * ```ts
 * import { checkMapping } from '@gds/convert';
 * const problems = checkMapping(JSON.parse(text));
 * problems.map((p) => `${p.pointer}: ${p.messageEn}`); // "/fields/3/tranforms: unknown key tranforms …"
 * ```
 */
export function checkMapping(value: unknown, options: CheckMappingOptions = {}): MappingProblem[] {
  const structural = checkMappingSchema(value);
  if (structural.length > 0) {
    return structural.map((p) => ({
      code: 'GDS_CONVERT_INVALID_MAPPING',
      kind: 'schema',
      pointer: p.pointer,
      messageZh: p.zh,
      messageEn: p.en,
    }));
  }
  const m = value as Mapping;
  const standard =
    options.standard === undefined
      ? (getStandard(m.target.standard, m.target.version) ?? null)
      : options.standard;
  const s = new Semantics(m, options, standard);
  s.run();
  return s.problems;
}

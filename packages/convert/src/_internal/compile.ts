import type { MappingRuntimeOptions } from '../createConverter.js';
import type { Crosswalk } from '../crosswalk.js';
import { GdsConvertError } from '../errors.js';
import type { FieldRule, Mapping } from '../mapping.js';
import { builtinTransforms, type TransformDefinition } from '../transforms.js';
import { onlyIfRanks } from './onlyIf.js';

export interface Step {
  name: string;
  def: TransformDefinition;
  params: Record<string, unknown>;
}

export interface Compiled {
  /** Path of the field that must have a value for this one to be set (`onlyIf`). */
  onlyIf?: string[];
  /** When an `onlyIf` rule is set: after every rule of lower rank in its list (0 for unconditional ones). */
  rank: number;
  /** For an `each` rule: the array's column prefix and the rules of one item. */
  each?: { from: string; rules: Compiled[] };
  rule: FieldRule;
  path: string[];
  cols: string[];
  multi: boolean;
  steps: Step[];
  crosswalk: Crosswalk | undefined;
}

/** `table[key]` for an own entry only: a name like `constructor` or `__proto__` is not in the table. */
export function own<T>(table: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return table && Object.hasOwn(table, key) ? table[key] : undefined;
}

/**
 * The segments of a canonical path the mapping writes to. `__proto__` is refused: writing it would set the
 * record's prototype (or, through it, `Object.prototype`) instead of a member.
 */
export function targetPath(mapping: Mapping, target: string): string[] {
  const path = target.split('.');
  if (path.includes('__proto__')) {
    throw new GdsConvertError(
      'GDS_CONVERT_INVALID_MAPPING',
      `映射 ${mapping.id}：${target} 不是有效路径`,
      `mapping ${mapping.id}: ${target} is not a valid path`,
    );
  }
  return path;
}

export function compileSteps(mapping: Mapping, rule: FieldRule, options: MappingRuntimeOptions): Step[] {
  return (rule.transforms ?? []).map((spec) => {
    const { name, ...params } = typeof spec === 'string' ? { name: spec } : spec;
    const def = own(options.transforms, name) ?? own(builtinTransforms, name);
    if (!def) {
      throw new GdsConvertError(
        'GDS_CONVERT_UNKNOWN_TRANSFORM',
        `映射 ${mapping.id} 的字段 ${rule.target} 使用了未知转换 ${name}`,
        `mapping ${mapping.id}, field ${rule.target}: unknown transform ${name}`,
      );
    }
    return { name, def, params };
  });
}

export function resolveCrosswalk(
  mapping: Mapping,
  rule: FieldRule,
  options: MappingRuntimeOptions,
): Crosswalk | undefined {
  if (!rule.crosswalk) return undefined;
  const cw = own(options.crosswalks, rule.crosswalk);
  if (!cw) {
    throw new GdsConvertError(
      'GDS_CONVERT_UNKNOWN_CROSSWALK',
      `映射 ${mapping.id} 的字段 ${rule.target} 需要对照表 ${rule.crosswalk}，但未提供`,
      `mapping ${mapping.id}, field ${rule.target}: crosswalk ${rule.crosswalk} was not supplied`,
    );
  }
  return cw;
}

export function compileRules(mapping: Mapping, options: MappingRuntimeOptions): Compiled[] {
  return compileFieldRules(mapping, mapping.fields, options);
}

function compileFieldRules(
  mapping: Mapping,
  fields: readonly FieldRule[],
  options: MappingRuntimeOptions,
): Compiled[] {
  const ranks = onlyIfRanks(fields);
  return fields.map((rule, i) => ({
    rank: ranks[i]!,
    ...(rule.onlyIf ? { onlyIf: rule.onlyIf.split('.') } : {}),
    ...(rule.each
      ? { each: { from: rule.each.from, rules: compileFieldRules(mapping, rule.each.fields, options) } }
      : {}),
    rule,
    path: targetPath(mapping, rule.target),
    cols: rule.from === undefined ? [] : Array.isArray(rule.from) ? rule.from : [rule.from],
    multi: Array.isArray(rule.from),
    steps: compileSteps(mapping, rule, options),
    crosswalk: resolveCrosswalk(mapping, rule, options),
  }));
}

const INDEX = /^\d+$/;

export function setPath(obj: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = obj as Record<string, unknown> | unknown[];
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    const next = path[i + 1]!;
    const nextIsIndex = next.charCodeAt(0) <= 57 && INDEX.test(next);
    let child = (node as Record<string, unknown>)[key];
    if (child === undefined || child === null || typeof child !== 'object') {
      child = nextIsIndex ? [] : {};
      (node as Record<string, unknown>)[key] = child;
    }
    node = child as Record<string, unknown>;
  }
  (node as Record<string, unknown>)[path[path.length - 1]!] = value;
}

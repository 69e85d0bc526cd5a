import { isObject, pathSegments } from '../_internal/fields.js';
import type { Migration, MigrationOperation } from './parseMigration.js';

/** A record that could not be migrated mechanically, in part: the value is left where it was, to be fixed by hand. */
export interface MigrationIssue {
  code: 'migration.unmapped_code' | 'migration.target_occupied';
  /** The concrete path in the record (`/maritalStatus`, `/contacts/0/value`). */
  path: string;
  /** The migration step (`1.1.0→2.0.0`). */
  step: string;
  params: Readonly<Record<string, unknown>>;
  messageZh: string;
  messageEn: string;
}

/** The outcome of migrating one record one step. */
export interface MigrationResult {
  value: unknown;
  issues: MigrationIssue[];
}

type Seg = string | number;
type Container = Record<string, unknown> | unknown[];

const pointer = (segs: readonly Seg[]) => (segs.length ? `/${segs.join('/')}` : '');

/** Concrete paths matching a pattern with `*` wildcards, where a value exists. */
function expand(value: unknown, pattern: readonly string[], prefix: Seg[] = []): Seg[][] {
  if (pattern.length === 0) return [prefix];
  const [head, ...rest] = pattern as [string, ...string[]];
  if (head === '*') {
    if (!Array.isArray(value)) return [];
    return value.flatMap((item, i) => expand(item, rest, [...prefix, i]));
  }
  if (!isObject(value) || !(head in value)) return [];
  return expand(value[head], rest, [...prefix, head]);
}

function getAt(root: unknown, segs: readonly Seg[]): unknown {
  let cur = root;
  for (const s of segs) cur = (cur as Record<string | number, unknown> | undefined)?.[s as never];
  return cur;
}

function containerAt(root: unknown, segs: readonly Seg[]): Container | undefined {
  const c = getAt(root, segs);
  return isObject(c) || Array.isArray(c) ? c : undefined;
}

/** Sets a value, creating objects along the way (never arrays: a wildcard names existing elements only). */
function setAt(root: Record<string, unknown>, segs: readonly Seg[], value: unknown): void {
  let cur: Container = root;
  segs.forEach((s, i) => {
    if (i === segs.length - 1) {
      (cur as Record<Seg, unknown>)[s] = value;
      return;
    }
    let next = (cur as Record<Seg, unknown>)[s];
    if (!isObject(next) && !Array.isArray(next)) {
      next = {};
      (cur as Record<Seg, unknown>)[s] = next;
    }
    cur = next as Container;
  });
}

function deleteAt(root: unknown, segs: readonly Seg[]): void {
  const parent = containerAt(root, segs.slice(0, -1));
  const last = segs[segs.length - 1];
  if (parent && !Array.isArray(parent) && typeof last === 'string') delete parent[last];
}

/** Maps a concrete source path onto a target pattern, reusing the source's array indices for the target's `*`. */
function bind(source: readonly Seg[], target: readonly string[]): Seg[] {
  const indices = source.filter((s): s is number => typeof s === 'number');
  return target.map((t) => (t === '*' ? (indices.shift() ?? 0) : t));
}

/**
 * Applies one migration to one record, returning a new record (the input is not modified) and the issues
 * of what could not be migrated mechanically (a code no `split` or `recode` target lists, a rename onto
 * a field that already has a value). Operations: `rename`, `remove`, `set`, `recode`, `split`, `wrap`; see
 * {@link MigrationOperation}.
 *
 * @example
 * ```ts
 * import { applyMigration } from '@gds/kit';
 * const { value } = applyMigration(
 *   { name: '张三' },
 *   { entity: 'person', from: '1.1.0', to: '2.0.0', operations: [{ op: 'rename', from: '/name', to: '/fullName' }] },
 * );
 * value; // { fullName: '张三' }
 * ```
 */
export function applyMigration(record: unknown, migration: Migration): MigrationResult {
  const value = structuredClone(record);
  const issues: MigrationIssue[] = [];
  const step = `${migration.from}→${migration.to}`;
  if (!isObject(value)) return { value, issues };
  const issue = (
    code: MigrationIssue['code'],
    segs: readonly Seg[],
    params: Record<string, unknown>,
    zh: string,
    en: string,
  ) => issues.push({ code, path: pointer(segs), step, params, messageZh: zh, messageEn: en });

  for (const op of migration.operations as MigrationOperation[]) {
    switch (op.op) {
      case 'rename': {
        for (const src of expand(value, pathSegments(op.from))) {
          const dst = bind(src, pathSegments(op.to));
          if (getAt(value, dst) !== undefined) {
            issue(
              'migration.target_occupied',
              dst,
              { from: pointer(src) },
              `${pointer(dst)} 已有值，未迁移 ${pointer(src)}`,
              `${pointer(dst)} already has a value; ${pointer(src)} not moved`,
            );
            continue;
          }
          const v = getAt(value, src);
          deleteAt(value, src);
          setAt(value, dst, v);
        }
        break;
      }
      case 'remove':
        for (const p of expand(value, pathSegments(op.path))) deleteAt(value, p);
        break;
      case 'set': {
        const segs = pathSegments(op.path);
        for (const parent of expand(value, segs.slice(0, -1))) {
          const target = [...parent, segs[segs.length - 1]!];
          if (op.ifMissing && getAt(value, target) !== undefined) continue;
          if (containerAt(value, parent)) setAt(value, target, structuredClone(op.value));
        }
        break;
      }
      case 'recode':
        for (const p of expand(value, pathSegments(op.path))) {
          const v = getAt(value, p);
          if (typeof v === 'string' && Object.hasOwn(op.map, v)) setAt(value, p, op.map[v]);
        }
        break;
      case 'split': {
        for (const src of expand(value, pathSegments(op.from))) {
          const code = getAt(value, src);
          const hits = op.into
            .filter((t) => typeof code === 'string' && Object.hasOwn(t.map, code))
            .map((t) => ({ path: bind(src, pathSegments(t.path)), code: t.map[code as string]! }));
          if (hits.length === 0) {
            issue(
              'migration.unmapped_code',
              src,
              { code },
              `代码 ${String(code)} 在拆分中没有对应，保留原值`,
              `code ${String(code)} has no target in the split; left as is`,
            );
            continue;
          }
          if (!hits.some((h) => pointer(h.path) === pointer(src))) deleteAt(value, src);
          for (const h of hits) setAt(value, h.path, h.code);
        }
        break;
      }
      case 'wrap': {
        for (const src of expand(value, pathSegments(op.from))) {
          const v = getAt(value, src);
          const dst = bind(src, pathSegments(op.to));
          const existing = getAt(value, dst);
          const element = { ...structuredClone(op.with ?? {}), [op.key]: v };
          deleteAt(value, src);
          if (Array.isArray(existing)) {
            // The same value may already be there (a writer that filled both during the deprecation).
            if (!existing.some((e) => isObject(e) && JSON.stringify(e) === JSON.stringify(element)))
              existing.push(element);
          } else setAt(value, dst, [element]);
        }
        break;
      }
    }
  }
  return { value, issues };
}

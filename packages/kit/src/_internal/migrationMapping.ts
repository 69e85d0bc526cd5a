import type {
  FieldRule,
  Mapping,
  PipelineValue,
  SourceValue,
  TransformDefinition,
  TransformSpec,
} from '@gds/convert';
import type { Migration, MigrationOperation } from '../migrate/parseMigration.js';
import { pathSegments } from './fields.js';

/**
 * Compiles a declarative migration into a `@gds/convert` mapping, so that migrations run on the converter
 * engine like any legacy import ("a schema migration is also a mapping: one engine for both").
 *
 * The engine maps flat columns to dotted target paths. A record of the older version is flattened into
 * columns (`contacts.0.value`), each column starts as an identity rule, and the operations rewrite the
 * rules as they would rewrite the data: `rename` moves targets, `remove` drops rules, `set` adds constant
 * rules, `recode` adds a `map` transform (codes not listed pass through), `split` turns one column into one
 * rule per target with a table lookup, `wrap` targets the next element of an array. Array wildcards (`*`)
 * are bound to the indices present in the record, which is why the mapping depends on the column set
 * (cache it by that set).
 */

interface Rule {
  target: (string | number)[];
  from?: string;
  const?: string | number | boolean;
  transforms: TransformSpec[];
}

export interface CompiledMigration {
  mapping: Mapping;
  /** Problems found while compiling: a rename onto a field that already has a value. */
  conflicts: Array<{ path: string; from: string }>;
}

/** The transforms the compiled mappings use besides the built-in ones. */
export const MIGRATION_TRANSFORMS: Readonly<Record<string, TransformDefinition>> = {
  // One target of a split: the translated code when this target lists it, else nothing (absent).
  // `check` is set on one target per split; it raises the issue when no target lists the code.
  migrationPick: {
    forward(v: PipelineValue, p, ctx) {
      const table = p.values as Record<string, string>;
      const key = String(v);
      if (Object.hasOwn(table, key)) return table[key]!;
      if (p.check === true && !(p.all as string[]).includes(key)) {
        ctx.issue('crosswalk.unknown_value', { value: key, crosswalk: String(p.label) });
        return undefined;
      }
      return null;
    },
    inverse: null,
  },
};

const segs = (path: string): (string | number)[] => pathSegments(path);

/** Whether a concrete target starts with a pattern (`*` matches an index); returns the bound indices. */
function matchPrefix(
  target: readonly (string | number)[],
  pattern: readonly (string | number)[],
): number[] | null {
  if (pattern.length > target.length) return null;
  const indices: number[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i];
    const t = target[i];
    if (p === '*') {
      if (typeof t !== 'number') return null;
      indices.push(t);
    } else if (String(p) !== String(t)) return null;
  }
  return indices;
}

function bind(pattern: readonly (string | number)[], indices: readonly number[]): (string | number)[] {
  const queue = [...indices];
  return pattern.map((p) => (p === '*' ? (queue.shift() ?? 0) : p));
}

const key = (t: readonly (string | number)[]) => t.join('.');

/** Flattens a record into the engine's columns, the way `@gds/convert`'s JSON reader does. */
export function flattenRecord(value: unknown): { columns: string[]; values: SourceValue[] } {
  const columns: string[] = [];
  const values: SourceValue[] = [];
  const walk = (v: unknown, prefix: string) => {
    if (v === null || typeof v !== 'object') {
      if (prefix !== '') {
        columns.push(prefix);
        values.push(v === undefined ? null : (v as SourceValue));
      }
      return;
    }
    const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v);
    for (const [k, x] of entries) walk(x, prefix === '' ? k : `${prefix}.${k}`);
  };
  walk(value, '');
  return { columns, values };
}

function constRules(target: (string | number)[], value: unknown): Rule[] {
  if (value === null || typeof value !== 'object') {
    return value === null || value === undefined
      ? []
      : [{ target, const: value as string | number | boolean, transforms: [] }];
  }
  const entries = Array.isArray(value) ? value.map((x, i) => [i, x] as const) : Object.entries(value);
  return entries.flatMap(([k, x]) => constRules([...target, k], x));
}

export function compileMigration(
  migration: Migration,
  columns: readonly string[],
  values: readonly SourceValue[] = [],
): CompiledMigration {
  const step = `${migration.from}→${migration.to}`;
  let rules: Rule[] = columns.map((c) => ({
    target: c.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s)),
    from: c,
    transforms: [],
  }));
  const conflicts: CompiledMigration['conflicts'] = [];
  const valueFor = (r: Rule): unknown =>
    r.const !== undefined ? r.const : r.from !== undefined ? values[columns.indexOf(r.from)] : undefined;
  const exists = (t: readonly (string | number)[]) =>
    rules.some((r) => key(r.target) === key(t) || key(r.target).startsWith(`${key(t)}.`));

  for (const op of migration.operations as MigrationOperation[]) {
    switch (op.op) {
      case 'rename': {
        const from = segs(op.from);
        const to = segs(op.to);
        // Group the rules by the concrete field they move, so a whole object moves or stays together.
        const moves = new Map<string, { src: (string | number)[]; dst: (string | number)[] }>();
        for (const r of rules) {
          const idx = matchPrefix(r.target, from);
          if (!idx) continue;
          const src = r.target.slice(0, from.length);
          moves.set(key(src), { src, dst: bind(to, idx) });
        }
        for (const { src, dst } of moves.values()) {
          if (exists(dst)) {
            conflicts.push({ path: `/${dst.join('/')}`, from: `/${src.join('/')}` });
            continue;
          }
          for (const r of rules) {
            if (matchPrefix(r.target, src)) r.target = [...dst, ...r.target.slice(src.length)];
          }
        }
        break;
      }
      case 'remove': {
        const p = segs(op.path);
        rules = rules.filter((r) => !matchPrefix(r.target, p));
        break;
      }
      case 'set': {
        const p = segs(op.path);
        const parent = p.slice(0, -1);
        const parents = new Map<string, (string | number)[]>();
        if (parent.length === 0) parents.set('', []);
        for (const r of rules) {
          const idx = matchPrefix(r.target, parent);
          if (idx) parents.set(key(bind(parent, idx)), bind(parent, idx));
        }
        for (const at of parents.values()) {
          const target = [...at, p[p.length - 1]!];
          if (op.ifMissing && exists(target)) continue;
          rules = rules.filter((r) => !matchPrefix(r.target, target));
          rules.push(...constRules(target, op.value));
        }
        break;
      }
      case 'recode': {
        const p = segs(op.path);
        for (const r of rules) {
          if (matchPrefix(r.target, p) && r.target.length === p.length)
            r.transforms.push({ name: 'map', values: op.map, passThrough: true });
        }
        break;
      }
      case 'split': {
        const from = segs(op.from);
        const all = [...new Set(op.into.flatMap((t) => Object.keys(t.map)))];
        const next: Rule[] = [];
        for (const r of rules) {
          const idx = matchPrefix(r.target, from);
          if (!idx || r.target.length !== from.length) {
            next.push(r);
            continue;
          }
          const label = `migration ${step} split ${op.from}`;
          op.into.forEach((t, i) => {
            next.push({
              target: bind(segs(t.path), idx),
              ...(r.from !== undefined ? { from: r.from } : {}),
              ...(r.const !== undefined ? { const: r.const } : {}),
              transforms: [
                ...r.transforms,
                { name: 'migrationPick', values: t.map, all, check: i === 0, label },
              ],
            });
          });
        }
        rules = next;
        break;
      }
      case 'wrap': {
        const from = segs(op.from);
        const to = segs(op.to);
        const next: Rule[] = [];
        for (const r of rules) {
          const idx = matchPrefix(r.target, from);
          if (!idx || r.target.length !== from.length) {
            next.push(r);
            continue;
          }
          const array = bind(to, idx);
          // The next free index of the array, counting the elements the record already has.
          const used = new Set(
            rules
              .filter((x) => matchPrefix(x.target, array) && typeof x.target[array.length] === 'number')
              .map((x) => x.target[array.length] as number),
          );
          // A writer that filled both the deprecated field and its replacement: the element is already there.
          const element: Record<string, unknown> = { ...(op.with ?? {}), [op.key]: valueFor(r) };
          const present = [...used].some((k) => {
            const existing: Record<string, unknown> = {};
            for (const x of rules) {
              if (x.target.length === array.length + 2 && matchPrefix(x.target, [...array, k]))
                existing[String(x.target[array.length + 1])] = valueFor(x);
            }
            return (
              JSON.stringify(Object.entries(existing).sort()) ===
              JSON.stringify(Object.entries(element).sort())
            );
          });
          if (present) continue;
          const n = used.size === 0 ? 0 : Math.max(...used) + 1;
          next.push({ ...r, target: [...array, n, op.key] });
          next.push(...constRules([...array, n], op.with ?? {}));
        }
        rules = next;
        break;
      }
    }
  }

  const fields: FieldRule[] = rules.map((r) => ({
    target: key(r.target),
    ...(r.from !== undefined ? { from: r.from } : {}),
    ...(r.const !== undefined ? { const: r.const } : {}),
    ...(r.transforms.length ? { transforms: r.transforms } : {}),
  }));
  const used = new Set(rules.flatMap((r) => (r.from !== undefined ? [r.from] : [])));
  const mapping: Mapping = {
    id: `migration/${`${migration.entity}-${migration.from}-to-${migration.to}`.replace(/[^a-z0-9-]+/gi, '-').toLowerCase()}`,
    version: migration.to,
    title: { zh: `${migration.entity} 迁移 ${step}`, en: `${migration.entity} migration ${step}` },
    source: { system: `migration/${migration.entity}`, format: 'json' },
    target: { standard: migration.entity, version: migration.to },
    fields,
    ignoreColumns: columns.filter((c) => !used.has(c)),
  };
  return { mapping, conflicts };
}

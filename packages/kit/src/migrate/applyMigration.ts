import { type Converter, createConverter, type RecordValidator } from '@gds/convert';
import { formatIssueMessage, type IssueCode } from '@gds/schema';
import { compileMigration, flattenRecord, MIGRATION_TRANSFORMS } from '../_internal/migrationMapping.js';
import type { Migration } from './parseMigration.js';

/** Something in a record that the migration could not carry over mechanically, or that the target rejects. */
export interface MigrationIssue {
  /** An issue code of `@gds/schema` (`crosswalk.unknown_value` for a code no split target lists, or a
   * validation code when a validator was given), or `migration.target_occupied` for a rename onto a field
   * that already has a value. */
  code: string;
  severity: 'error' | 'warning';
  /** Where in the migrated record (`/maritalStatus`). */
  path: string;
  /** The migration step (`1.1.0→2.0.0`). */
  step: string;
  params: Readonly<Record<string, unknown>>;
  messageZh: string;
  messageEn: string;
}

/** The outcome of migrating one record: the new record when nothing blocked it, and the issues. */
export interface MigrationResult {
  ok: boolean;
  /** The migrated record; absent when `ok` is false (like a rejected row of a conversion). */
  value?: Record<string, unknown>;
  issues: MigrationIssue[];
}

/** Options of {@link applyMigration}. */
export interface ApplyMigrationOptions {
  /** Validates the migrated record (the target version's checker); default: none. */
  validate?: RecordValidator;
}

const accept: RecordValidator = () => ({ ok: true, issues: [] });
const cache = new WeakMap<
  Migration,
  Map<string, { converter: Converter; conflicts: Array<{ path: string; from: string }> }>
>();

/**
 * Migrates one record one step by running the migration on the `@gds/convert` engine: the migration is
 * compiled into a mapping (cached per migration and record shape) whose source is the older record
 * flattened into columns, so transforms, code tables, issue positions and validation behave exactly as in
 * a legacy import. A record that cannot be migrated mechanically (a code no `split` target lists, a
 * rename onto an occupied field) is not returned: its issues say what a person must decide.
 *
 * Engine semantics worth knowing: empty strings and `null` values are treated as absent, as in every
 * conversion.
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
export function applyMigration(
  record: unknown,
  migration: Migration,
  options: ApplyMigrationOptions = {},
): MigrationResult {
  const step = `${migration.from}→${migration.to}`;
  const { columns, values } = flattenRecord(record);
  let byShape = cache.get(migration);
  if (!byShape) {
    byShape = new Map();
    cache.set(migration, byShape);
  }
  // A validator is specific to a call; only the validator-free converters are cached.
  // `wrap` looks at values (not to duplicate an element already present), so its mappings depend on them.
  const shape = migration.operations.some((o) => o.op === 'wrap')
    ? JSON.stringify([columns, values])
    : columns.join('\u0000');
  let compiled = options.validate ? undefined : byShape.get(shape);
  if (!compiled) {
    const { mapping, conflicts } = compileMigration(migration, columns, values);
    const converter = createConverter(mapping, {
      validate: options.validate ?? accept,
      transforms: MIGRATION_TRANSFORMS,
    });
    compiled = { converter, conflicts };
    if (!options.validate) byShape.set(shape, compiled);
  }
  const result = compiled.converter.convert({ row: 1, columns, values, issues: [] });
  const issues: MigrationIssue[] = compiled.conflicts.map((c) => ({
    code: 'migration.target_occupied',
    severity: 'error',
    path: c.path,
    step,
    params: { from: c.from },
    messageZh: `${c.path} 已有值，未将 ${c.from} 改名过去`,
    messageEn: `${c.path} already has a value; ${c.from} was not renamed onto it`,
  }));
  for (const i of result.issues) {
    const property = i.code === 'required' ? i.params.property : undefined;
    const path = [...i.path, ...(typeof property === 'string' ? [property] : [])];
    issues.push({
      code: i.code,
      severity: i.severity === 'error' ? 'error' : 'warning',
      path: path.length ? `/${path.join('/')}` : '',
      step,
      params: i.params,
      messageZh: formatIssueMessage(i.code as IssueCode, i.params, 'zh-CN'),
      messageEn: formatIssueMessage(i.code as IssueCode, i.params, 'en'),
    });
  }
  const ok = result.status === 'accepted' && issues.every((i) => i.severity !== 'error');
  return ok && result.status === 'accepted' ? { ok, value: result.record, issues } : { ok: false, issues };
}

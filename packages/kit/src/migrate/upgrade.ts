import type { RecordValidator } from '@gds/convert';
import type { StandardsLocation } from '@gds/standards/fs';
import { applyMigration, type MigrationIssue } from './applyMigration.js';
import { planUpgrade } from './planUpgrade.js';

/** Options of {@link upgrade}. */
export interface UpgradeOptions extends StandardsLocation {
  /** The version the record is in. */
  from: string;
  /** The target version; default the latest release. `next` upgrades to the draft. */
  to?: string;
  /** Validates the record in the target version after the last step (its checker); default: none. */
  validate?: RecordValidator;
}

/** An upgraded record (when nothing blocked it), the steps it went through and the issues. */
export interface UpgradeResult {
  ok: boolean;
  /** The record in the target version; absent when a step could not migrate it. */
  value?: Record<string, unknown>;
  /** The version reached: the target, or the last version the record was migrated to before a failure. */
  version: string;
  steps: Array<{ from: string; to: string; migration: boolean }>;
  issues: MigrationIssue[];
}

/**
 * Upgrades a record from one version of a standard to a later one by running the declarative migrations
 * in between, chained (1.0.0 → 1.1.0 → 2.0.0), each on the `@gds/convert` engine. Stops at the first step
 * that cannot migrate the record (a code no split target lists) and says why; with `validate`, the result
 * is also checked against the target version.
 *
 * @example
 * ```ts
 * import { upgrade } from '@gds/kit';
 * const r = upgrade('person', { name: '张三', sex: '1', maritalStatus: '22' }, { from: '1.1.0', to: '2.0.0' });
 * r.value; // { fullName: '张三', sex: '1', maritalStatus: '20', marriageOrder: '2' }
 * ```
 */
export function upgrade(entity: string, record: unknown, options: UpgradeOptions): UpgradeResult {
  const plan = planUpgrade(entity, options);
  let value = record as Record<string, unknown>;
  let version = options.from;
  const issues: MigrationIssue[] = [];
  const steps = plan.map((m) => ({ from: m.from, to: m.to, migration: m.operations.length > 0 }));
  for (const [i, migration] of plan.entries()) {
    const last = i === plan.length - 1;
    const result = applyMigration(
      value,
      migration,
      last && options.validate ? { validate: options.validate } : {},
    );
    issues.push(...result.issues);
    if (!result.ok || result.value === undefined) return { ok: false, version, steps, issues };
    value = result.value;
    version = migration.to;
  }
  if (plan.length === 0 && options.validate) {
    const check = options.validate(value);
    if (!check.ok) {
      return {
        ok: false,
        version,
        steps,
        issues: check.issues.map((x) => ({
          code: x.code,
          severity: x.severity === 'error' ? 'error' : 'warning',
          path: x.path.length ? `/${x.path.join('/')}` : '',
          step: `${version}→${version}`,
          params: x.params,
          messageZh: x.message,
          messageEn: x.message,
        })),
      };
    }
  }
  return { ok: true, value, version, steps, issues };
}

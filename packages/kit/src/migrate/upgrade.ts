import type { StandardsLocation } from '@gds/standards/fs';
import { applyMigration, type MigrationIssue } from './applyMigration.js';
import { planUpgrade } from './planUpgrade.js';

/** Options of {@link upgrade}. */
export interface UpgradeOptions extends StandardsLocation {
  /** The version the record is in. */
  from: string;
  /** The target version; default the latest release. `next` upgrades to the draft. */
  to?: string;
}

/** An upgraded record, the steps it went through and what could not be migrated mechanically. */
export interface UpgradeResult {
  value: unknown;
  version: string;
  steps: Array<{ from: string; to: string; migration: boolean }>;
  issues: MigrationIssue[];
}

/**
 * Upgrades a record from one version of a standard to a later one by running the declarative
 * migrations in between, chained (1.0.0 → 1.1.0 → 2.0.0). Returns the new record, the steps taken and the
 * issues of what needs a person (codes with no mapping); validate the result with the target version's
 * checker.
 *
 * @example
 * ```ts
 * import { upgrade } from '@gds/kit';
 * const { value, issues } = upgrade('person', { name: '张三', sex: '1', maritalStatus: '22' }, { from: '1.0.0', to: '2.0.0' });
 * value; // { fullName: '张三', sex: '1', maritalStatus: '20', marriageOrder: '2' }
 * ```
 */
export function upgrade(entity: string, record: unknown, options: UpgradeOptions): UpgradeResult {
  const plan = planUpgrade(entity, options);
  let value = record;
  const issues: MigrationIssue[] = [];
  for (const migration of plan) {
    const result = applyMigration(value, migration);
    value = result.value;
    issues.push(...result.issues);
  }
  return {
    value,
    version: plan.length ? plan[plan.length - 1]!.to : options.from,
    steps: plan.map((m) => ({ from: m.from, to: m.to, migration: m.operations.length > 0 })),
    issues,
  };
}

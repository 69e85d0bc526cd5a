import { compareVersions, listVersions, type StandardsLocation } from '@gds/standards/fs';
import { collectFields } from '../_internal/fields.js';
import { GdsKitError } from '../errors.js';
import { declaredRenames } from './declaredRenames.js';
import { type DiffReport, diffSchemas, type SchemaChange } from './diffSchemas.js';
import { loadSchemaVersion } from './loadSchemaVersion.js';
import { type Exemption, readExemptions } from './readExemptions.js';

/**
 * A compatibility policy, named as in schema registries. BACKWARD: records written under the released
 * version stay valid under the draft (no change breaks writers). FORWARD: records written under the draft
 * are valid under the released version (no change breaks readers). FULL: both. The `_TRANSITIVE` forms
 * compare with every release, not only the latest. NONE checks nothing (the diff is still reported).
 */
export type CompatibilityPolicy =
  | 'BACKWARD'
  | 'BACKWARD_TRANSITIVE'
  | 'FORWARD'
  | 'FORWARD_TRANSITIVE'
  | 'FULL'
  | 'FULL_TRANSITIVE'
  | 'NONE';

/** Every policy name, for argument parsing. */
export const COMPATIBILITY_POLICIES: readonly CompatibilityPolicy[] = [
  'BACKWARD',
  'BACKWARD_TRANSITIVE',
  'FORWARD',
  'FORWARD_TRANSITIVE',
  'FULL',
  'FULL_TRANSITIVE',
  'NONE',
];

/** A change the policy forbids, against one released version; `exemption` is set when one accepts it. */
export interface CompatibilityViolation {
  against: string;
  change: SchemaChange;
  exemption?: Exemption;
}

/** Metadata of the checked version that contradicts the diff; fails the check like a violation. */
export interface CompatibilityProblem {
  code: 'since.wrong';
  path: string;
  messageZh: string;
  messageEn: string;
}

/** The outcome of {@link checkCompatibility}. */
export interface CompatibilityReport {
  entity: string;
  policy: CompatibilityPolicy;
  /** The version checked (`next`, or a given candidate). */
  version: string;
  /** The released versions it was compared with. */
  against: string[];
  diffs: DiffReport[];
  /** Forbidden changes without an exemption: the check fails when there is any. */
  violations: CompatibilityViolation[];
  /** Forbidden changes accepted by a recorded exemption. */
  exempted: CompatibilityViolation[];
  /** Metadata that contradicts the diff (a new field whose `x-gds-since` names an older version). */
  problems: CompatibilityProblem[];
  ok: boolean;
}

/** Options of {@link checkCompatibility}. */
export interface CheckOptions extends StandardsLocation {
  /** Default `BACKWARD_TRANSITIVE`: no release's records may become invalid. */
  policy?: CompatibilityPolicy;
  /** The version to check; default `next` (the draft). */
  version?: string;
  /** Default: read from `standards/compat/exemptions.json`. */
  exemptions?: readonly Exemption[];
}

/**
 * Checks the draft of a standard against released versions under a named policy. Renames declared by the
 * migrations in between are honoured. A forbidden change passes only if an exemption with a reason and an
 * approver names it (entity, kind, path, and optionally the release it is compared with).
 *
 * @example
 * ```ts
 * import { checkCompatibility } from '@gds/kit';
 * const result = checkCompatibility('person', { policy: 'FULL_TRANSITIVE' });
 * if (!result.ok) result.violations.map((v) => `${v.against}: ${v.change.messageEn}`);
 * ```
 */
export function checkCompatibility(entity: string, options: CheckOptions = {}): CompatibilityReport {
  const policy = options.policy ?? 'BACKWARD_TRANSITIVE';
  const version = options.version ?? 'next';
  const location = options.root !== undefined ? { root: options.root } : {};
  const versions = listVersions(entity, location);
  if (!versions.includes(version)) {
    throw new GdsKitError(
      'GDS_KIT_NOT_FOUND',
      `标准 ${entity} 没有版本 ${version}`,
      `standard ${entity} has no version ${version}`,
    );
  }
  const released = versions.filter((v) => v !== 'next' && compareVersions(v, version) < 0);
  const against = policy === 'NONE' ? [] : policy.endsWith('_TRANSITIVE') ? released : released.slice(-1);
  const exemptions = (options.exemptions ?? readExemptions(location)).filter((e) => e.entity === entity);
  const current = loadSchemaVersion(entity, version, location);
  const diffs: DiffReport[] = [];
  const violations: CompatibilityViolation[] = [];
  const exempted: CompatibilityViolation[] = [];
  const checksWriters = policy.startsWith('BACKWARD') || policy.startsWith('FULL');
  const checksReaders = policy.startsWith('FORWARD') || policy.startsWith('FULL');
  for (const old of against) {
    const diff = diffSchemas(loadSchemaVersion(entity, old, location), current, {
      renames: declaredRenames(entity, old, version, location),
    });
    diffs.push(diff);
    for (const change of diff.changes) {
      const forbidden =
        (checksWriters && change.writers === 'breaking') || (checksReaders && change.readers === 'breaking');
      if (!forbidden) continue;
      const exemption = exemptions.find(
        (e) =>
          e.kind === change.kind && e.path === change.path && (e.against === undefined || e.against === old),
      );
      if (exemption) exempted.push({ against: old, change, exemption });
      else violations.push({ against: old, change });
    }
  }
  // The record of which version added a field must be true: a field new since the latest release says
  // `x-gds-since: "next"` (stamped at release) or the version being checked.
  const problems: CompatibilityProblem[] = [];
  const latest = released[released.length - 1];
  if (latest !== undefined) {
    const fields = collectFields(current.schema);
    const diff =
      diffs.find((d) => d.from === latest) ??
      diffSchemas(loadSchemaVersion(entity, latest, location), current, {
        renames: declaredRenames(entity, latest, version, location),
      });
    for (const change of diff.changes) {
      if (change.kind !== 'field.added_optional' && change.kind !== 'field.added_required') continue;
      const since = fields.get(change.path)?.node['x-gds-since'];
      if (since === undefined || since === 'next' || since === version) continue;
      problems.push({
        path: change.path,
        code: 'since.wrong',
        messageZh: `${change.path} 是 ${latest} 之后新增的字段，x-gds-since 应为 "next"，而不是 ${JSON.stringify(since)}`,
        messageEn: `${change.path} is new since ${latest}: x-gds-since must be "next", not ${JSON.stringify(since)}`,
      });
    }
  }
  return {
    entity,
    policy,
    version,
    against,
    diffs,
    violations,
    exempted,
    problems,
    ok: violations.length === 0 && problems.length === 0,
  };
}

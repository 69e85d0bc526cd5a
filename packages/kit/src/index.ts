export type { Bump, ChangeKind, ChangeRule, Effect } from './compat/changeRules.js';
export { CHANGE_RULES } from './compat/changeRules.js';
export type {
  CheckOptions,
  CompatibilityPolicy,
  CompatibilityProblem,
  CompatibilityReport,
  CompatibilityViolation,
} from './compat/checkCompatibility.js';
export { COMPATIBILITY_POLICIES, checkCompatibility } from './compat/checkCompatibility.js';
export { declaredRenames } from './compat/declaredRenames.js';
export type { DiffOptions, DiffReport, SchemaChange, SchemaVersion } from './compat/diffSchemas.js';
export { diffSchemas } from './compat/diffSchemas.js';
export type { DiffFormat, FormatDiffOptions } from './compat/formatDiff.js';
export { formatDiff } from './compat/formatDiff.js';
export { codeListSnapshotPath, loadSchemaVersion } from './compat/loadSchemaVersion.js';
export type { Exemption } from './compat/readExemptions.js';
export { exemptionsPath, readExemptions } from './compat/readExemptions.js';
export type { BuildDocsOptions, DocsFile } from './docs/buildDocs.js';
export { buildDocs } from './docs/buildDocs.js';
export { writeDocs } from './docs/writeDocs.js';
export type { GdsKitErrorCode } from './errors.js';
export { GdsKitError } from './errors.js';
export { emitChecker } from './generate/checker.js';
export type { GeneratedFile, GenerateOptions } from './generate/generate.js';
export { generateStandards, writeGenerated } from './generate/generate.js';
export type { LintContext, ProfileProblem } from './generate/lint.js';
export { lintStandard } from './generate/lint.js';
export type { ApplyMigrationOptions, MigrationIssue, MigrationResult } from './migrate/applyMigration.js';
export { applyMigration } from './migrate/applyMigration.js';
export type { Migration, MigrationOperation } from './migrate/parseMigration.js';
export { parseMigration } from './migrate/parseMigration.js';
export { planUpgrade } from './migrate/planUpgrade.js';
export { migrationPath, readMigration } from './migrate/readMigration.js';
export type { UpgradeOptions, UpgradeResult } from './migrate/upgrade.js';
export { upgrade } from './migrate/upgrade.js';
export { nextVersion } from './release/nextVersion.js';
export type { ReleaseOptions, ReleaseResult } from './release/releaseStandard.js';
export { releaseStandard } from './release/releaseStandard.js';
export type { ReleaseLockProblem, ReleaseLockReport } from './release/verifyReleaseLock.js';
export { verifyReleaseLock } from './release/verifyReleaseLock.js';

/** @deprecated The golden-record merge moved to `@gds/store`; import these types from there. */
export type {
  CandidatePair,
  Conflict,
  ConflictReason,
  GoldenRecord,
  MergeInput,
  MergeOptions,
  MergeResult,
  Provenance,
} from '@gds/store';
/** @deprecated The golden-record merge moved to `@gds/store`: `import { mergeRecords } from '@gds/store'`. */
export { mergeRecords } from '@gds/store';
export type { CreateGrantOptions } from './createGrant.js';
export { createGrant } from './createGrant.js';
export type { KeepEndsConfig, MaskFunction, MaskingConfig, MaskingRules } from './createMaskingRules.js';
export { createMaskingRules } from './createMaskingRules.js';
export type { DisclosedField, Disclosure } from './Disclosure.js';
export type { GdsPolicyErrorCode } from './errors.js';
export { GdsPolicyError } from './errors.js';
export type { Grant, GrantField, GrantForm, GrantRevocation } from './Grant.js';
export type { DecisionReason, FieldDecision, Projection, ProjectOptions } from './project.js';
export { project } from './project.js';
export { revokeGrant } from './revokeGrant.js';
export { verifyDisclosure } from './verifyDisclosure.js';
export type { GrantCheck, GrantRefusal, GrantRefusalCode, VerifyGrantOptions } from './verifyGrant.js';
export { verifyGrant } from './verifyGrant.js';

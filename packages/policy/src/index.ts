export type { CreateGrantOptions } from './createGrant.js';
export { createGrant } from './createGrant.js';
export type { KeepEndsConfig, MaskFunction, MaskingConfig, MaskingRules } from './createMaskingRules.js';
export { createMaskingRules } from './createMaskingRules.js';
export type { DisclosedField, Disclosure } from './Disclosure.js';
export type { GdsPolicyErrorCode } from './errors.js';
export { GdsPolicyError } from './errors.js';
export type {
  CandidatePair,
  Conflict,
  ConflictReason,
  GoldenRecord,
  Provenance,
} from './GoldenRecord.js';
export type { Grant, GrantField, GrantForm, GrantRevocation } from './Grant.js';
export type { MergeInput, MergeOptions, MergeResult } from './mergeRecords.js';
export { mergeRecords } from './mergeRecords.js';
export type { DecisionReason, FieldDecision, Projection, ProjectOptions } from './project.js';
export { project } from './project.js';
export { revokeGrant } from './revokeGrant.js';
export { verifyDisclosure } from './verifyDisclosure.js';
export type { GrantCheck, GrantRefusal, GrantRefusalCode, VerifyGrantOptions } from './verifyGrant.js';
export { verifyGrant } from './verifyGrant.js';

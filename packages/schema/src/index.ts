export type { CatalogueEntry } from './catalogue/entry.js';
export { ISSUE_CATALOGUE } from './catalogue/index.js';
export type { GdsSchemaErrorCode } from './errors.js';
export { GdsSchemaError } from './errors.js';
export type { DataClass, FieldMeta, MaskingRule, Sensitivity, SharingType } from './field-meta.js';
export type { Person } from './generated/person/index.js';
export { person } from './generated/person/index.js';
export { bundledDivisions } from './identifiers/bundledDivisions.js';
export type { CheckCreditCodeOptions, CreditCodeCheck } from './identifiers/checkCreditCode.js';
export { checkCreditCode } from './identifiers/checkCreditCode.js';
export type { CheckDivisionCodeOptions } from './identifiers/checkDivisionCode.js';
export { checkDivisionCode } from './identifiers/checkDivisionCode.js';
export type { ConsistencyFinding } from './identifiers/checkIdCardConsistency.js';
export { checkIdCardConsistency } from './identifiers/checkIdCardConsistency.js';
export type { CheckIdentityDocumentOptions } from './identifiers/checkIdentityDocument.js';
export { checkIdentityDocument, GB11643_DOCUMENT_TYPES } from './identifiers/checkIdentityDocument.js';
export { checkLandline } from './identifiers/checkLandline.js';
export { checkMobile } from './identifiers/checkMobile.js';
export { checkPhone } from './identifiers/checkPhone.js';
export { checkPostalCode } from './identifiers/checkPostalCode.js';
export type {
  CheckResidentIdOptions,
  ResidentIdCheck,
  ResidentIdParts,
} from './identifiers/checkResidentId.js';
export { checkResidentId } from './identifiers/checkResidentId.js';
export { CREDIT_CODE_CHARSET, creditCodeCheckCharacter } from './identifiers/creditCodeCheckCharacter.js';
export { divisionKey } from './identifiers/divisionKey.js';
export { divisionLevel } from './identifiers/divisionLevel.js';
export type {
  CreateDivisionRegistryOptions,
  DivisionEntry,
  DivisionLevel,
  DivisionRegistry,
} from './identifiers/divisionRegistry.js';
export { createDivisionRegistry } from './identifiers/divisionRegistry.js';
export type { IdentifierFinding } from './identifiers/finding.js';
export { organizationCodeCheckCharacter } from './identifiers/organizationCodeCheckCharacter.js';
export type { ParseDivisionListOptions } from './identifiers/parseDivisionList.js';
export { parseDivisionList } from './identifiers/parseDivisionList.js';
export { residentIdCheckCharacter } from './identifiers/residentIdCheckCharacter.js';
export { upgradeResidentId15 } from './identifiers/upgradeResidentId15.js';
export type { Issue, IssueCause, IssueCode, IssuePath, Locale, Severity, SourcePosition } from './issue.js';
export { createIssue, formatIssueMessage } from './issue.js';
export { getStandard, listStandards } from './registry.js';
export type { CaseLifecycleFinding, CaseState } from './rules/checkCaseLifecycle.js';
export { CASE_TRANSITIONS, caseLabelZh, checkCaseLifecycle } from './rules/checkCaseLifecycle.js';
export type { Checker, JsonSchemaDocument, Standard, ValidateOptions, ValidationResult } from './standard.js';
export { defineStandard } from './standard.js';

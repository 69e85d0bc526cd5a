export type { GdsStoreErrorCode } from './errors.js';
export { GdsStoreError } from './errors.js';
export type {
  CandidatePair,
  Conflict,
  ConflictReason,
  GoldenRecord,
  Provenance,
} from './GoldenRecord.js';
export type { MergeInput, MergeOptions, MergeResult } from './mergeRecords.js';
export { mergeRecords } from './mergeRecords.js';
export type { Change, GoldenStore, HistoryEntry, OpenStoreOptions } from './openStore.js';
export { openStore } from './openStore.js';
export type {
  Correction,
  FactRow,
  FieldChange,
  GoldenRow,
  ScanQuery,
  StoreAdapter,
  StoreReads,
  StoreWrites,
  SubmissionRow,
  VersionRow,
} from './StoreAdapter.js';
export type { IngestResult, RefusedRecord, Submission } from './Submission.js';

export type { Checkpoint } from './checkpoint.js';
export { formatCheckpoint, parseCheckpoint } from './checkpoint.js';
export { createCosigner } from './cosigner.js';
export type { GdsLedgerErrorCode } from './errors.js';
export { GdsLedgerError } from './errors.js';
export type { MerkleHasher } from './hasher.js';
export { createMerkleHasher, defaultMerkleHasher, portableMerkleHasher } from './hasher.js';
export type { LedgerIssue, LedgerIssueCode, Verification } from './issue.js';
export type { KeyEvent } from './keyHistory.js';
export { decodeKeyEvent, encodeKeyEvent, KeyHistory } from './keyHistory.js';
export type { AppendResult, LogOptions } from './Log.js';
export { Log } from './Log.js';
export type { AppendBatch, LogStore, StoredCheckpoint, StoredNode } from './LogStore.js';
export { MerkleTree } from './MerkleTree.js';
export type { ConsistencyProofSource, ForkEvidence, MonitorResult } from './Monitor.js';
export { Monitor, verifyForkEvidence } from './Monitor.js';
export type { NoteKeyPair, NoteSigner, NoteVerifier } from './noteKeys.js';
export {
  formatVerifierKey,
  generateNoteKey,
  isValidNoteKeyName,
  NOTE_TYPE_COSIGNATURE,
  NOTE_TYPE_ED25519,
  noteKeyId,
  noteSignerFromKey,
  noteVerifierFromKey,
} from './noteKeys.js';
export type { OpenedNote } from './openNote.js';
export { openNote, parseNote } from './openNote.js';
export type { QuorumRule, WitnessPolicy } from './policy.js';
export { parsePolicy, quorumSatisfied } from './policy.js';
export { consistencyProofLength, inclusionProofLength } from './proofLength.js';
export type { Receipt } from './receipt.js';
export { createReceipt, hashRecord, verifyReceipt } from './receipt.js';
export type { NoteSignature } from './signNote.js';
export { signNote } from './signNote.js';
export type { VerifiedCheckpoint } from './verifyCheckpoint.js';
export { verifyCheckpoint } from './verifyCheckpoint.js';
export { verifyConsistency } from './verifyConsistency.js';
export { rootFromInclusionProof, verifyInclusion } from './verifyInclusion.js';
export type { LogVerification, VerifyLogOptions } from './verifyLog.js';
export { verifyLog } from './verifyLog.js';
export { verifySubtreeConsistency, verifySubtreeInclusion } from './verifySubtree.js';
export type {
  AddCheckpointRequest,
  AddCheckpointResult,
  WitnessOptions,
  WitnessState,
  WitnessStateStore,
} from './Witness.js';
export { createMemoryWitnessStateStore, Witness } from './Witness.js';

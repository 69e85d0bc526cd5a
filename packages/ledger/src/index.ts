export type { GdsLedgerErrorCode } from './errors.js';
export { GdsLedgerError } from './errors.js';
export type { MerkleHasher } from './hasher.js';
export { createMerkleHasher, defaultMerkleHasher, portableMerkleHasher } from './hasher.js';
export type { LedgerIssue, LedgerIssueCode, Verification } from './issue.js';
export { MerkleTree } from './MerkleTree.js';
export { verifyConsistency } from './verifyConsistency.js';
export { rootFromInclusionProof, verifyInclusion } from './verifyInclusion.js';

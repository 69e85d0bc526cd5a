/**
 * Every stable code of a ledger issue: what was wrong with a proof, note, checkpoint, receipt or key.
 * A closed union; bad data yields one of these, never an exception.
 *
 * @example
 * ```ts
 * import type { LedgerIssueCode } from '@gds/ledger';
 * const code: LedgerIssueCode = 'GDS_LEDGER_ROOT_MISMATCH';
 * ```
 */
export type LedgerIssueCode =
  | 'GDS_LEDGER_INDEX_BEYOND_SIZE'
  | 'GDS_LEDGER_SIZE_ORDER'
  | 'GDS_LEDGER_EMPTY_TREE'
  | 'GDS_LEDGER_HASH_SIZE'
  | 'GDS_LEDGER_PROOF_LENGTH'
  | 'GDS_LEDGER_ROOT_MISMATCH'
  | 'GDS_LEDGER_NOTE_MALFORMED'
  | 'GDS_LEDGER_NOTE_BAD_SIGNATURE'
  | 'GDS_LEDGER_NOTE_UNVERIFIED'
  | 'GDS_LEDGER_CHECKPOINT_MALFORMED'
  | 'GDS_LEDGER_ORIGIN_MISMATCH'
  | 'GDS_LEDGER_QUORUM_NOT_MET'
  | 'GDS_LEDGER_RECEIPT_MALFORMED'
  | 'GDS_LEDGER_ENTRY_MISMATCH'
  | 'GDS_LEDGER_KEY_UNKNOWN'
  | 'GDS_LEDGER_KEY_NOT_YET_VALID'
  | 'GDS_LEDGER_KEY_REVOKED'
  | 'GDS_LEDGER_KEY_ROTATED'
  /** `verifyLog`: no entries and no signed checkpoint (an emptied or replaced database). */
  | 'GDS_LEDGER_LOG_EMPTY'
  /** `verifyLog`: entries but no signed checkpoint (checkpoints deleted, or written without the key). */
  | 'GDS_LEDGER_NO_CHECKPOINT'
  /** `verifyLog`: entries beyond the latest signed checkpoint. */
  | 'GDS_LEDGER_UNCHECKPOINTED_ENTRIES'
  /** `verifyLog`: fewer entries than the latest signed checkpoint covers. */
  | 'GDS_LEDGER_LOG_TRUNCATED'
  /** `verifyLog`: the stored tree nodes do not match the entries. */
  | 'GDS_LEDGER_TREE_MISMATCH';

/**
 * One problem found while verifying. `message` is bilingual `"<zh>（<en>）"`, with both halves kept.
 *
 * @example
 * ```ts
 * import { verifyInclusion } from '@gds/ledger';
 * const r = verifyInclusion(0, 1, new Uint8Array(32), [], new Uint8Array(32));
 * const why = r.valid ? undefined : `${r.issue.code}: ${r.issue.messageEn}`;
 * ```
 */
export interface LedgerIssue {
  code: LedgerIssueCode;
  message: string;
  messageZh: string;
  messageEn: string;
}

/**
 * The outcome of a verification: valid, or not with the first issue that made it fail.
 *
 * @example
 * ```ts
 * import type { Verification } from '@gds/ledger';
 * const ok: Verification = { valid: true };
 * ```
 */
export type Verification = { valid: true } | { valid: false; issue: LedgerIssue };

/** @internal */
export function issue(code: LedgerIssueCode, zh: string, en: string): LedgerIssue {
  return { code, message: `${zh}（${en}）`, messageZh: zh, messageEn: en };
}

/** @internal */
export function fail(code: LedgerIssueCode, zh: string, en: string): { valid: false; issue: LedgerIssue } {
  return { valid: false, issue: issue(code, zh, en) };
}

import { GdsError, type GdsErrorKind } from '@gds/errors';

/**
 * Every stable error code `@gds/ledger` can throw. The union is closed: a new code is a minor release,
 * a removed one a major release. Bad data (a wrong proof, a forged note) never throws: it yields a
 * result with `valid: false` and an issue; these codes are for faults of the caller or the environment.
 *
 * @example
 * ```ts
 * import type { GdsLedgerErrorCode } from '@gds/ledger';
 * const code: GdsLedgerErrorCode = 'GDS_LEDGER_RANGE';
 * ```
 */
export type GdsLedgerErrorCode =
  /** An index or size that is negative, not an integer, above 2^53 - 1, or beyond the log. */
  | 'GDS_LEDGER_RANGE'
  /** An argument of the wrong type or shape (not bytes, a 31-byte hash, a malformed key string). */
  | 'GDS_LEDGER_INVALID_INPUT'
  /** A note key string that cannot be used (malformed, wrong algorithm, key hash mismatch). */
  | 'GDS_LEDGER_INVALID_KEY'
  /** Another writer appended first; the log reloads and retries, callers rarely see this. */
  | 'GDS_LEDGER_CONFLICT'
  /** The store is closed, corrupt, or its backend failed (SQLite, PostgreSQL, file system). */
  | 'GDS_LEDGER_STORE'
  /** A policy file that does not follow the C2SP tlog-policy syntax. */
  | 'GDS_LEDGER_POLICY_SYNTAX';

/** Whose fault each code is: a store or a concurrent writer is the environment's, the rest the call's (bad data is a result, never thrown). */
const KINDS: Readonly<Record<GdsLedgerErrorCode, GdsErrorKind>> = {
  GDS_LEDGER_RANGE: 'caller',
  GDS_LEDGER_INVALID_INPUT: 'caller',
  GDS_LEDGER_INVALID_KEY: 'caller',
  GDS_LEDGER_CONFLICT: 'environment',
  GDS_LEDGER_STORE: 'environment',
  GDS_LEDGER_POLICY_SYNTAX: 'caller',
};

/**
 * The one error class of `@gds/ledger`. `code` is stable; `message` is `"<zh>（<en>）"`, with the two
 * halves on `messageZh` and `messageEn`; `cause` is passed through.
 *
 * @example
 * ```ts
 * import { GdsLedgerError, MerkleTree } from '@gds/ledger';
 * try {
 *   new MerkleTree().inclusionProof(5, 3);
 * } catch (e) {
 *   if (e instanceof GdsLedgerError && e.code === 'GDS_LEDGER_RANGE') {
 *     // ask for an index below the tree size
 *   }
 * }
 * ```
 */
export class GdsLedgerError extends GdsError<GdsLedgerErrorCode> {
  constructor(code: GdsLedgerErrorCode, zh: string, en: string, options?: { cause?: unknown }) {
    super(code, KINDS[code], zh, en, options);
    this.name = 'GdsLedgerError';
  }
}

import { hashRecord, type LedgerIssue, verifyReceipt, type WitnessPolicy } from '@gds/ledger';
import type { Disclosure } from './Disclosure.js';

/**
 * Verifies that a disclosure is in the ledger: the receipt's checkpoint is signed by a log of the
 * policy (and cosigned by its witness quorum) and its entry is exactly this disclosure's hash. Bad
 * receipts yield an issue, never a throw.
 *
 * @example
 * ```ts
 * import { parsePolicy } from '@gds/ledger';
 * import { verifyDisclosure } from '@gds/policy';
 * const r = await verifyDisclosure(projection.disclosure, projection.receipt, parsePolicy(policyText));
 * if (!r.valid) r.issue.code; // e.g. 'GDS_LEDGER_ENTRY_MISMATCH' for an altered disclosure
 * ```
 */
export async function verifyDisclosure(
  disclosure: Disclosure,
  receipt: unknown,
  policy: WitnessPolicy,
): Promise<{ valid: true; index: number } | { valid: false; issue: LedgerIssue }> {
  const r = await verifyReceipt(receipt, policy, { entry: hashRecord(disclosure as never) });
  return r.valid ? { valid: true, index: r.index } : { valid: false, issue: r.issue };
}

import { canonicalizeToBytes, type JsonValue, sha256 } from '@gds/crypto';
import { equalBytes, fromBase64, toBase64 } from './_internal/bytes.js';
import { asIndex } from './_internal/int.js';
import { parseCheckpoint } from './checkpoint.js';
import { GdsLedgerError } from './errors.js';
import { defaultMerkleHasher } from './hasher.js';
import { fail, type LedgerIssue } from './issue.js';
import type { Log } from './Log.js';
import { parseNote } from './openNote.js';
import type { WitnessPolicy } from './policy.js';
import { type VerifiedCheckpoint, verifyCheckpoint } from './verifyCheckpoint.js';
import { verifyInclusion } from './verifyInclusion.js';

/**
 * A self-contained proof that an entry is in a log: the entry, its index, the inclusion proof, and the
 * (cosigned) checkpoint the proof leads to. Plain JSON; anyone verifies it offline with
 * {@link verifyReceipt} and public keys only.
 *
 * @example
 * ```ts
 * import type { Receipt } from '@gds/ledger';
 * const json = JSON.stringify(receipt satisfies Receipt);
 * ```
 */
export interface Receipt {
  format: 'gds-receipt/v1';
  /** Index of the entry in the log (a safe integer). */
  index: number;
  /** The entry bytes, base64: for data, the 32-byte SHA-256 of an envelope or canonical record. */
  entry: string;
  /** Inclusion proof hashes, base64, bottom-up, for the checkpoint's tree size. */
  inclusionProof: string[];
  /** The signed, cosigned checkpoint note. */
  checkpoint: string;
}

/**
 * The entry hash GDS logs for a record: SHA-256 of its RFC 8785 canonical JSON, so the same record
 * always yields the same entry whatever the key order or whitespace it arrived with.
 *
 * @example
 * ```ts
 * import { hashRecord } from '@gds/ledger';
 * const entry = hashRecord({ id: '110101199003074514', name: '张三' }); // 32 bytes
 * await log.append(entry);
 * ```
 */
export function hashRecord(record: JsonValue): Uint8Array {
  return sha256(canonicalizeToBytes(record));
}

/**
 * Builds the receipt of the entry at `index` against a checkpoint note (default: the log's latest
 * stored checkpoint, which must cover the index).
 *
 * @example
 * ```ts
 * import { createReceipt } from '@gds/ledger';
 * const receipt = await createReceipt(log, 41);
 * await writeFile('receipt.json', JSON.stringify(receipt, null, 2));
 * ```
 */
export async function createReceipt(log: Log, index: number, checkpointNote?: string): Promise<Receipt> {
  const note = checkpointNote ?? (await log.latestCheckpoint())?.note;
  const text = note ? parseNote(note)?.text : undefined;
  const parsed = text ? parseCheckpoint(text) : undefined;
  const size = parsed?.valid ? parsed.checkpoint.size : -1;
  if (!note || index >= size) {
    throw new GdsLedgerError(
      'GDS_LEDGER_RANGE',
      `没有覆盖序号 ${index} 的检查点`,
      `no checkpoint covers index ${index}; sign one after appending`,
    );
  }
  const [entry] = await log.entries(index, index + 1);
  const proof = await log.inclusionProof(index, size);
  return {
    format: 'gds-receipt/v1',
    index,
    entry: toBase64(entry!),
    inclusionProof: proof.map(toBase64),
    checkpoint: note,
  };
}

/**
 * Verifies a receipt offline: the checkpoint is signed by a log of the policy and cosigned by a quorum
 * of its witnesses, and the entry is included at the index in that tree. When `entry` is given (for
 * example `hashRecord(record)`), the receipt must be about exactly that entry. Bad receipts yield an
 * issue, never a throw.
 *
 * @example
 * ```ts
 * import { hashRecord, parsePolicy, verifyReceipt } from '@gds/ledger';
 * const r = await verifyReceipt(JSON.parse(text), parsePolicy(policyText), { entry: hashRecord(record) });
 * if (!r.valid) throw new Error(r.issue.message); // or show r.issue.messageZh to the user
 * ```
 */
export async function verifyReceipt(
  receipt: unknown,
  policy: WitnessPolicy,
  options: { entry?: Uint8Array } = {},
): Promise<
  | { valid: true; verified: VerifiedCheckpoint; index: number; entry: Uint8Array }
  | { valid: false; issue: LedgerIssue }
> {
  const r = receipt as Partial<Receipt> | null;
  const index = asIndex(r?.index);
  const entry = typeof r?.entry === 'string' ? fromBase64(r.entry) : undefined;
  const proof = Array.isArray(r?.inclusionProof)
    ? r.inclusionProof.map((p) => (typeof p === 'string' ? fromBase64(p) : undefined))
    : undefined;
  if (
    r?.format !== 'gds-receipt/v1' ||
    index === undefined ||
    !entry ||
    !proof ||
    proof.some((p) => !p) ||
    typeof r.checkpoint !== 'string'
  ) {
    return fail('GDS_LEDGER_RECEIPT_MALFORMED', '回执格式错误', 'malformed receipt');
  }
  if (options.entry && !equalBytes(options.entry, entry)) {
    return fail(
      'GDS_LEDGER_ENTRY_MISMATCH',
      '回执中的条目与给定的不符',
      'the receipt is about a different entry',
    );
  }
  const cp = await verifyCheckpoint(r.checkpoint, policy);
  if (!cp.valid) return cp;
  const { size, rootHash } = cp.verified.checkpoint;
  const hasher = defaultMerkleHasher();
  const v = verifyInclusion(index, size, hasher.hashLeaf(entry), proof as Uint8Array[], rootHash, hasher);
  if (!v.valid) return v;
  return { valid: true, verified: cp.verified, index, entry };
}

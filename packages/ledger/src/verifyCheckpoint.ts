import { type Checkpoint, parseCheckpoint } from './checkpoint.js';
import { fail, type LedgerIssue } from './issue.js';
import { openNote } from './openNote.js';
import { quorumSatisfied, type WitnessPolicy } from './policy.js';

/**
 * A checkpoint that passed {@link verifyCheckpoint}: its content and who cosigned it.
 *
 * @example
 * ```ts
 * import type { VerifiedCheckpoint } from '@gds/ledger';
 * function show(v: VerifiedCheckpoint) { return `${v.checkpoint.origin} @ ${v.checkpoint.size}`; }
 * ```
 */
export interface VerifiedCheckpoint {
  checkpoint: Checkpoint;
  /** The note text that was signed. */
  text: string;
  /** Policy names of the witnesses whose cosignatures verified. */
  cosigners: string[];
}

/**
 * Verifies a checkpoint note against a tlog-policy, offline, with public keys only: a signature by one
 * of the policy's logs whose key name is the checkpoint's origin, valid cosignatures (a failing known
 * signature rejects the note), and a quorum of cosigning witnesses.
 *
 * @example
 * ```ts
 * import { parsePolicy, verifyCheckpoint } from '@gds/ledger';
 * const r = await verifyCheckpoint(cosignedNote, parsePolicy(policyText));
 * if (r.valid) r.verified.cosigners; // e.g. ['health', 'police', 'county']
 * ```
 */
export async function verifyCheckpoint(
  note: string,
  policy: WitnessPolicy,
): Promise<{ valid: true; verified: VerifiedCheckpoint } | { valid: false; issue: LedgerIssue }> {
  const witnessVerifiers = [...policy.witnesses.values()].map((w) => w.verifier);
  const opened = await openNote(note, [...policy.logs.map((l) => l.verifier), ...witnessVerifiers]);
  if (!opened.valid) return { valid: false, issue: opened.issue };
  const parsed = parseCheckpoint(opened.note.text);
  if (!parsed.valid) return parsed;
  const { checkpoint } = parsed;
  const logSigned = opened.note.verified.some((s) =>
    policy.logs.some(
      (l) => l.verifier.name === s.name && l.verifier.keyId === s.keyId && s.name === checkpoint.origin,
    ),
  );
  if (!logSigned) {
    return fail(
      'GDS_LEDGER_ORIGIN_MISMATCH',
      `没有来源为 ${checkpoint.origin} 的受信日志签名`,
      `no trusted log signature for origin ${checkpoint.origin}`,
    );
  }
  const cosigners: string[] = [];
  for (const [name, w] of policy.witnesses) {
    if (opened.note.verified.some((s) => s.name === w.verifier.name && s.keyId === w.verifier.keyId))
      cosigners.push(name);
  }
  if (!quorumSatisfied(policy.quorum, new Set(cosigners))) {
    return fail(
      'GDS_LEDGER_QUORUM_NOT_MET',
      `见证人副署不足法定人数（已有：${cosigners.join('、') || '无'}）`,
      `witness cosignatures do not meet the quorum (have: ${cosigners.join(', ') || 'none'})`,
    );
  }
  return { valid: true, verified: { checkpoint, text: opened.note.text, cosigners } };
}

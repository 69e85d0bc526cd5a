import { equalBytes, fromBase64, toBase64 } from './_internal/bytes.js';
import { type Checkpoint, parseCheckpoint } from './checkpoint.js';
import type { LedgerIssue } from './issue.js';
import { type NoteVerifier, noteVerifierFromKey } from './noteKeys.js';
import { openNote } from './openNote.js';
import { verifyConsistency } from './verifyConsistency.js';

/**
 * Proof that a log misbehaved, made only of what the log itself signed. `split-view`: two checkpoints
 * of one size with different roots (conclusive by itself). `inconsistent`: two checkpoints and the
 * consistency proof the log served between them, which fails: the log cannot produce a valid one.
 *
 * @example
 * ```ts
 * import type { ForkEvidence } from '@gds/ledger';
 * function report(e: ForkEvidence) { return `${e.kind} in ${e.origin}`; }
 * ```
 */
export interface ForkEvidence {
  kind: 'split-view' | 'inconsistent';
  origin: string;
  /** The two signed checkpoint notes, smaller size first. */
  checkpoints: [string, string];
  /** Where each checkpoint was seen (for example the department that received it). */
  sources: [string, string];
  /** For `inconsistent`: the served proof, base64. */
  proof?: string[];
}

/**
 * What observing a checkpoint concluded.
 *
 * @example
 * ```ts
 * import type { MonitorResult } from '@gds/ledger';
 * function ok(r: MonitorResult) { return r.status === 'ok'; }
 * ```
 */
export type MonitorResult =
  | { status: 'ok'; checkpoint: Checkpoint }
  | { status: 'invalid'; issue: LedgerIssue }
  | { status: 'fork'; evidence: ForkEvidence };

/**
 * Fetches a consistency proof from the log (or a mirror) between two sizes.
 *
 * @example
 * ```ts
 * import type { ConsistencyProofSource } from '@gds/ledger';
 * const source: ConsistencyProofSource = (a, b) => log.consistencyProof(a, b);
 * ```
 */
export type ConsistencyProofSource = (size1: number, size2: number) => Promise<Uint8Array[]>;

interface Seen {
  note: string;
  source: string;
  checkpoint: Checkpoint;
}

/**
 * Follows one log: checks every checkpoint it is shown (by the log, by departments, by gossip) against
 * the log's key and against all others seen, and produces {@link ForkEvidence} when the log shows two
 * histories: two roots for one size, or a newer checkpoint that is not consistent with an older one.
 *
 * @example
 * ```ts
 * import { Monitor } from '@gds/ledger';
 * const monitor = new Monitor(logVkey, (a, b) => fetchProof(a, b));
 * const r = await monitor.observe(checkpointFromHealthDept, 'health');
 * if (r.status === 'fork') await publish(r.evidence);
 * ```
 */
export class Monitor {
  private readonly verifier: NoteVerifier;
  private readonly proofs: ConsistencyProofSource | undefined;
  private readonly bySize = new Map<number, Seen>();
  private latest: Seen | undefined;

  constructor(logKey: string | NoteVerifier, proofs?: ConsistencyProofSource) {
    this.verifier = typeof logKey === 'string' ? noteVerifierFromKey(logKey) : logKey;
    this.proofs = proofs;
  }

  /** The largest checkpoint verified consistent so far. */
  get head(): Checkpoint | undefined {
    return this.latest?.checkpoint;
  }

  async observe(note: string, source = 'unknown'): Promise<MonitorResult> {
    const opened = await openNote(note, [this.verifier]);
    if (!opened.valid) return { status: 'invalid', issue: opened.issue };
    const parsed = parseCheckpoint(opened.note.text);
    if (!parsed.valid) return { status: 'invalid', issue: parsed.issue };
    const cp = parsed.checkpoint;
    const seen: Seen = { note, source, checkpoint: cp };

    const same = this.bySize.get(cp.size);
    if (same) {
      if (!equalBytes(same.checkpoint.rootHash, cp.rootHash)) return this.fork('split-view', same, seen);
      return { status: 'ok', checkpoint: cp };
    }
    if (this.latest && this.proofs) {
      const [a, b] = cp.size < this.latest.checkpoint.size ? [seen, this.latest] : [this.latest, seen];
      const proof = await this.proofs(a.checkpoint.size, b.checkpoint.size);
      const v = verifyConsistency(
        a.checkpoint.size,
        b.checkpoint.size,
        proof,
        a.checkpoint.rootHash,
        b.checkpoint.rootHash,
      );
      if (!v.valid) return this.fork('inconsistent', a, b, proof);
    }
    this.bySize.set(cp.size, seen);
    if (!this.latest || cp.size > this.latest.checkpoint.size) this.latest = seen;
    return { status: 'ok', checkpoint: cp };
  }

  private fork(kind: ForkEvidence['kind'], a: Seen, b: Seen, proof?: Uint8Array[]): MonitorResult {
    const [x, y] = a.checkpoint.size <= b.checkpoint.size ? [a, b] : [b, a];
    const evidence: ForkEvidence = {
      kind,
      origin: a.checkpoint.origin,
      checkpoints: [x.note, y.note],
      sources: [x.source, y.source],
    };
    if (proof) evidence.proof = proof.map(toBase64);
    return { status: 'fork', evidence };
  }
}

/**
 * Checks fork evidence with the log's public key only: both checkpoints are signed by the log, and
 * either they share a size with different roots, or the included proof fails between them.
 *
 * @example
 * ```ts
 * import { verifyForkEvidence } from '@gds/ledger';
 * if (await verifyForkEvidence(evidence, logVkey)) escalate(evidence);
 * ```
 */
export async function verifyForkEvidence(
  evidence: ForkEvidence,
  logKey: string | NoteVerifier,
): Promise<boolean> {
  const v = typeof logKey === 'string' ? noteVerifierFromKey(logKey) : logKey;
  const cps: Checkpoint[] = [];
  for (const note of evidence.checkpoints) {
    const opened = await openNote(note, [v]);
    if (!opened.valid) return false;
    const p = parseCheckpoint(opened.note.text);
    if (!p.valid || p.checkpoint.origin !== evidence.origin) return false;
    cps.push(p.checkpoint);
  }
  const [a, b] = cps as [Checkpoint, Checkpoint];
  if (evidence.kind === 'split-view') return a.size === b.size && !equalBytes(a.rootHash, b.rootHash);
  const proof = (evidence.proof ?? []).map(fromBase64);
  if (proof.some((p) => !p)) return false;
  return (
    a.size <= b.size &&
    !verifyConsistency(a.size, b.size, proof as Uint8Array[], a.rootHash, b.rootHash).valid
  );
}

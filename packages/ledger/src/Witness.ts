import { equalBytes, fromBase64 } from './_internal/bytes.js';
import { parseDecimal } from './_internal/int.js';
import { parseCheckpoint } from './checkpoint.js';
import { issue, type LedgerIssue } from './issue.js';
import type { NoteSigner, NoteVerifier } from './noteKeys.js';
import { noteVerifierFromKey } from './noteKeys.js';
import { openNote, parseNote } from './openNote.js';
import { signNote } from './signNote.js';
import { verifyConsistency } from './verifyConsistency.js';

/**
 * What a witness remembers per log: the size and root of the latest checkpoint it cosigned.
 *
 * @example
 * ```ts
 * import type { WitnessState } from '@gds/ledger';
 * const s: WitnessState = { size: 0, rootHash: new Uint8Array(32) };
 * ```
 */
export interface WitnessState {
  size: number;
  rootHash: Uint8Array;
}

/**
 * Where a witness keeps its state. `compareAndSwap` must be atomic and durable before it resolves
 * (C2SP tlog-witness: checking the old size and persisting must not interleave, or a rollback slips in).
 *
 * @example
 * ```ts
 * import { createMemoryWitnessStateStore } from '@gds/ledger';
 * const state = createMemoryWitnessStateStore();
 * ```
 */
export interface WitnessStateStore {
  get(origin: string): Promise<WitnessState | undefined>;
  /** Replaces the state of `origin` only if it still equals `expected`; false if it changed meanwhile. */
  compareAndSwap(origin: string, expected: WitnessState | undefined, next: WitnessState): Promise<boolean>;
}

/**
 * A witness state store in memory, for tests and embedded witnesses. See `createFileWitnessStateStore`
 * in `@gds/ledger/node` for one that survives restarts.
 *
 * @example
 * ```ts
 * import { createMemoryWitnessStateStore, Witness } from '@gds/ledger';
 * const witness = new Witness({ cosigner, logs: [logVkey], state: createMemoryWitnessStateStore() });
 * ```
 */
export function createMemoryWitnessStateStore(): WitnessStateStore {
  const states = new Map<string, WitnessState>();
  return {
    async get(origin) {
      const s = states.get(origin);
      return s && { size: s.size, rootHash: s.rootHash.slice() };
    },
    async compareAndSwap(origin, expected, next) {
      if (!sameState(states.get(origin), expected)) return false;
      states.set(origin, { size: next.size, rootHash: next.rootHash.slice() });
      return true;
    },
  };
}

/** @internal */
export function sameState(a: WitnessState | undefined, b: WitnessState | undefined): boolean {
  if (!a || !b) return a === b;
  return a.size === b.size && equalBytes(a.rootHash, b.rootHash);
}

/**
 * The outcome of an add-checkpoint request, with the HTTP status C2SP tlog-witness assigns to it:
 * 200 with cosignature lines, 409 with the witness's current size, or 400/403/404/422 with an issue.
 *
 * @example
 * ```ts
 * import type { AddCheckpointResult } from '@gds/ledger';
 * function status(r: AddCheckpointResult) { return r.status; }
 * ```
 */
export type AddCheckpointResult =
  | { status: 200; cosignatures: string }
  | { status: 409; size: number; issue: LedgerIssue }
  | { status: 400 | 403 | 404 | 422; issue: LedgerIssue };

/**
 * A parsed add-checkpoint request body: `old <N>`, up to 63 base64 proof lines, a blank line, then the
 * signed checkpoint.
 *
 * @example
 * ```ts
 * import type { AddCheckpointRequest } from '@gds/ledger';
 * const req: AddCheckpointRequest = { oldSize: 0, proof: [], checkpoint: note };
 * ```
 */
export interface AddCheckpointRequest {
  oldSize: number;
  proof: Uint8Array[];
  checkpoint: string;
}

/**
 * Options of {@link Witness}.
 *
 * @example
 * ```ts
 * import type { WitnessOptions } from '@gds/ledger';
 * const options: WitnessOptions = { cosigner, logs: [logVkey], state };
 * ```
 */
export interface WitnessOptions {
  /** The witness's cosigner, from `createCosigner`. */
  cosigner: NoteSigner;
  /** Verifier keys of the logs this witness serves; each key's name is the log's origin. */
  logs: ReadonlyArray<string | NoteVerifier>;
  state: WitnessStateStore;
}

/**
 * A C2SP tlog-witness: cosigns (tlog-cosignature/v1) a log's checkpoint only if it is signed by the
 * log, at least as large as the last one it cosigned for that origin, and proven consistent with it;
 * it refuses rollbacks and forks (409 with its current size, or 422 for a bad proof) and persists its
 * new state atomically before answering.
 *
 * @example
 * ```ts
 * import { createCosigner, createMemoryWitnessStateStore, Witness } from '@gds/ledger';
 * const witness = new Witness({ cosigner: await createCosigner(witnessSkey), logs: [logVkey], state: createMemoryWitnessStateStore() });
 * const r = await witness.addCheckpoint({ oldSize: 0, proof: [], checkpoint: signedCheckpoint });
 * if (r.status === 200) await log.addCosignatures(size, r.cosignatures);
 * ```
 */
export class Witness {
  readonly cosigner: NoteSigner;
  private readonly logs: Map<string, NoteVerifier[]>;
  private readonly state: WitnessStateStore;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(options: WitnessOptions) {
    this.cosigner = options.cosigner;
    this.state = options.state;
    this.logs = new Map();
    for (const k of options.logs) {
      const v = typeof k === 'string' ? noteVerifierFromKey(k) : k;
      this.logs.set(v.name, [...(this.logs.get(v.name) ?? []), v]);
    }
  }

  /** Parses an add-checkpoint request body; an issue (HTTP 400) when malformed. */
  static parseRequest(
    body: string,
  ): { valid: true; request: AddCheckpointRequest } | { valid: false; issue: LedgerIssue } {
    const bad = (en: string, zh: string) => ({
      valid: false as const,
      issue: issue('GDS_LEDGER_CHECKPOINT_MALFORMED', zh, en),
    });
    const blank = body.indexOf('\n\n');
    if (blank < 0) return bad('no blank line before the checkpoint', '检查点前缺少空行');
    const head = body.slice(0, blank).split('\n');
    const m = /^old (.*)$/.exec(head[0] ?? '');
    const oldSize = m ? parseDecimal(m[1]!) : undefined;
    if (oldSize === undefined) return bad('malformed old size line', 'old 行格式错误');
    const proofLines = head.slice(1);
    if (proofLines.length > 63) return bad('more than 63 proof lines', '证明行超过 63 行');
    const proof: Uint8Array[] = [];
    for (const line of proofLines) {
      const h = fromBase64(line);
      if (h?.length !== 32) return bad('malformed proof line', '证明行格式错误');
      proof.push(h);
    }
    return { valid: true, request: { oldSize, proof, checkpoint: body.slice(blank + 2) } };
  }

  /** Handles a request; serialised per witness so check-and-persist never interleave. */
  addCheckpoint(request: AddCheckpointRequest): Promise<AddCheckpointResult> {
    const run = this.queue.then(() => this.add(request));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async add(req: AddCheckpointRequest): Promise<AddCheckpointResult> {
    const parsedNote = parseNote(req.checkpoint);
    const parsed = parsedNote && parseCheckpoint(parsedNote.text);
    if (!parsed?.valid) {
      return {
        status: 400,
        issue: issue('GDS_LEDGER_CHECKPOINT_MALFORMED', '检查点格式错误', 'malformed checkpoint'),
      };
    }
    const cp = parsed.checkpoint;
    const verifiers = this.logs.get(cp.origin);
    if (!verifiers) {
      return {
        status: 404,
        issue: issue('GDS_LEDGER_ORIGIN_MISMATCH', `未知的日志：${cp.origin}`, `unknown log ${cp.origin}`),
      };
    }
    const opened = await openNote(req.checkpoint, verifiers);
    if (!opened.valid) return { status: 403, issue: opened.issue };
    if (req.oldSize > cp.size) {
      return {
        status: 400,
        issue: issue(
          'GDS_LEDGER_SIZE_ORDER',
          '旧大小大于检查点大小',
          'old size is larger than the checkpoint size',
        ),
      };
    }
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = await this.state.get(cp.origin);
      const currentSize = current?.size ?? 0;
      if (req.oldSize !== currentSize) {
        return {
          status: 409,
          size: currentSize,
          issue: issue(
            'GDS_LEDGER_SIZE_ORDER',
            `见证人最后副署的大小是 ${currentSize}`,
            `the witness last cosigned size ${currentSize}`,
          ),
        };
      }
      if (req.oldSize === 0) {
        if (req.proof.length > 0) {
          return {
            status: 400,
            issue: issue(
              'GDS_LEDGER_PROOF_LENGTH',
              '旧大小为 0 时证明必须为空',
              'the proof must be empty from size 0',
            ),
          };
        }
      } else if (req.oldSize === cp.size) {
        if (!equalBytes(current!.rootHash, cp.rootHash)) {
          return {
            status: 409,
            size: currentSize,
            issue: issue(
              'GDS_LEDGER_ROOT_MISMATCH',
              '相同大小但根哈希不同：日志分叉',
              'same size, different root: the log forked',
            ),
          };
        }
      } else {
        const v = verifyConsistency(req.oldSize, cp.size, req.proof, current!.rootHash, cp.rootHash);
        if (!v.valid) return { status: 422, issue: v.issue };
      }
      if (await this.state.compareAndSwap(cp.origin, current, { size: cp.size, rootHash: cp.rootHash })) {
        const signed = await signNote(opened.note.text, [this.cosigner]);
        return { status: 200, cosignatures: signed.slice(opened.note.text.length + 1) };
      }
    }
    const now = (await this.state.get(cp.origin))?.size ?? 0;
    return {
      status: 409,
      size: now,
      issue: issue('GDS_LEDGER_SIZE_ORDER', '状态并发变化', 'the state changed concurrently'),
    };
  }

  /**
   * Handles a raw request body and returns the HTTP response the C2SP tlog-witness spec prescribes:
   * status, content type and body. Transport-agnostic; `@gds/ledger/node` wires it to node:http.
   */
  async handle(body: string): Promise<{ status: number; contentType: string; body: string }> {
    const parsed = Witness.parseRequest(body);
    if (!parsed.valid)
      return { status: 400, contentType: 'text/plain; charset=utf-8', body: `${parsed.issue.message}\n` };
    const r = await this.addCheckpoint(parsed.request);
    if (r.status === 200)
      return { status: 200, contentType: 'text/plain; charset=utf-8', body: r.cosignatures };
    if (r.status === 409) return { status: 409, contentType: 'text/x.tlog.size', body: `${r.size}\n` };
    return { status: r.status, contentType: 'text/plain; charset=utf-8', body: `${r.issue.message}\n` };
  }
}

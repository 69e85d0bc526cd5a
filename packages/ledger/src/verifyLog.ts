import { type Checkpoint, parseCheckpoint } from './checkpoint.js';
import { GdsLedgerError } from './errors.js';
import { defaultMerkleHasher, type MerkleHasher } from './hasher.js';
import { issue, type LedgerIssue } from './issue.js';
import { Log } from './Log.js';
import type { LogStore } from './LogStore.js';
import { hex8, type NoteVerifier } from './noteKeys.js';
import { openNote, parseNote } from './openNote.js';

/**
 * Options of {@link verifyLog}.
 *
 * @example
 * ```ts
 * import { noteVerifierFromKey, type VerifyLogOptions } from '@gds/ledger';
 * const options: VerifyLogOptions = { verifier: noteVerifierFromKey(vkey) };
 * ```
 */
export interface VerifyLogOptions {
  /** The log's own key: the latest checkpoint must carry a valid signature by it. */
  verifier: NoteVerifier;
  /** The origin line the checkpoint must have; default the verifier's key name. */
  origin?: string;
  /** The log's hasher, when it is not the default RFC 9162 SHA-256 one. */
  hasher?: MerkleHasher;
  /** Entries read per step while recomputing the tree (default 10 000); memory stays O(step + log n). */
  step?: number;
}

/**
 * The outcome of {@link verifyLog}. Valid means: the latest checkpoint is signed by the log's key, has
 * the expected origin, covers every entry, and its root is the root recomputed from the entries, which
 * is also the root of the stored tree. Invalid lists every problem found; `issue` is the first.
 *
 * @example
 * ```ts
 * import type { LogVerification } from '@gds/ledger';
 * const codes = (r: LogVerification) => (r.valid ? [] : r.issues.map((i) => i.code));
 * ```
 */
export type LogVerification =
  | {
      valid: true;
      /** Entries in the log (= the checkpoint's size). */
      size: number;
      /** Root recomputed from the entries. */
      rootHash: Uint8Array;
      checkpoint: Checkpoint;
      /** The signed checkpoint note, with any cosignatures. */
      note: string;
    }
  | {
      valid: false;
      issue: LedgerIssue;
      issues: LedgerIssue[];
      size: number;
      rootHash: Uint8Array;
      /** The latest checkpoint as it reads, when one is stored and well formed (signed or not). */
      checkpoint?: Checkpoint;
    };

/**
 * Verifies a whole stored log against its own key: recomputes the tree from every entry (streaming) and
 * checks the latest checkpoint. Each forgery has its own code, so a database that was emptied
 * (`GDS_LEDGER_LOG_EMPTY`), whose checkpoints were deleted (`GDS_LEDGER_NO_CHECKPOINT`), extended
 * without the key (`GDS_LEDGER_UNCHECKPOINTED_ENTRIES`), truncated (`GDS_LEDGER_LOG_TRUNCATED`), taken
 * from another log (`GDS_LEDGER_ORIGIN_MISMATCH`), written and signed with another key under this name
 * (`GDS_LEDGER_NOTE_UNVERIFIED`) or edited (`GDS_LEDGER_ROOT_MISMATCH`, `GDS_LEDGER_TREE_MISMATCH`) never
 * verifies. A log that `Log.open` + `signCheckpoint` created is valid at size 0.
 *
 * What it cannot see: a database replaced by an earlier copy of the same log (a rollback to an earlier
 * signed checkpoint) is self-consistent. Only witnesses that remember a later checkpoint, or a monitor,
 * detect it (see {@link Witness} and {@link Monitor}).
 *
 * @example
 * ```ts
 * import { noteVerifierFromKey, verifyLog } from '@gds/ledger';
 * import { createSqliteStore } from '@gds/ledger/sqlite';
 * const store = createSqliteStore({ path: './.gds/ledger.sqlite' });
 * const r = await verifyLog(store, { verifier: noteVerifierFromKey(vkey) });
 * if (!r.valid) r.issues.map((i) => i.code); // e.g. ['GDS_LEDGER_NO_CHECKPOINT']
 * await store.close();
 * ```
 */
export async function verifyLog(source: Log | LogStore, options: VerifyLogOptions): Promise<LogVerification> {
  const hasher = source instanceof Log ? source.hasher : (options.hasher ?? defaultMerkleHasher());
  const log = source instanceof Log ? source : await Log.open(source, { hasher });
  if (source instanceof Log) await log.refresh();
  const origin = options.origin ?? options.verifier.name;
  const size = log.size;
  const stored = await log.latestCheckpoint();
  const issues: LedgerIssue[] = [];

  let checkpoint: Checkpoint | undefined;
  if (!stored) {
    issues.push(
      size === 0
        ? issue(
            'GDS_LEDGER_LOG_EMPTY',
            '日志数据库为空：没有条目，也没有签名检查点（初始化的日志至少有大小为 0 的签名检查点）',
            'the log database is empty: no entries and no signed checkpoint (an initialised log has at least its signed checkpoint of size 0)',
          )
        : issue(
            'GDS_LEDGER_NO_CHECKPOINT',
            `日志有 ${size} 个条目，但没有签名检查点`,
            `the log has ${size} entries but no signed checkpoint`,
          ),
    );
  } else {
    checkpoint = await checkNote(stored.note, origin, options.verifier, issues);
  }

  const at = checkpoint && checkpoint.size <= size ? checkpoint.size : undefined;
  const { root, rootAt } = await recompute(log, hasher, size, at, options.step ?? 10_000);

  if (checkpoint) {
    if (checkpoint.size > size) {
      issues.push(
        issue(
          'GDS_LEDGER_LOG_TRUNCATED',
          `日志只有 ${size} 个条目，少于其签名检查点的 ${checkpoint.size} 个`,
          `the log holds ${size} entries, fewer than the ${checkpoint.size} of its signed checkpoint`,
        ),
      );
    } else {
      if (checkpoint.size < size) {
        issues.push(
          issue(
            'GDS_LEDGER_UNCHECKPOINTED_ENTRIES',
            `最新签名检查点之后还有 ${size - checkpoint.size} 个条目（检查点大小 ${checkpoint.size}，日志大小 ${size}）`,
            `${size - checkpoint.size} entries beyond the last signed checkpoint (checkpoint size ${checkpoint.size}, log size ${size})`,
          ),
        );
      }
      if (!equal(rootAt!, checkpoint.rootHash)) {
        issues.push(
          issue(
            'GDS_LEDGER_ROOT_MISMATCH',
            `检查点的根哈希与前 ${checkpoint.size} 个条目重算的根不符`,
            `the checkpoint's root does not match the root recomputed from the first ${checkpoint.size} entries`,
          ),
        );
      }
    }
  }
  if (!equal(root, await log.rootHash())) {
    issues.push(
      issue(
        'GDS_LEDGER_TREE_MISMATCH',
        '存储的树节点与条目不符',
        'the stored tree nodes do not match the entries',
      ),
    );
  }

  if (issues.length === 0 && checkpoint && stored) {
    return { valid: true, size, rootHash: root, checkpoint, note: stored.note };
  }
  return {
    valid: false,
    issue: issues[0]!,
    issues,
    size,
    rootHash: root,
    ...(checkpoint ? { checkpoint } : {}),
  };
}

/** The checkpoint of a stored note, with its problems: form first, then origin, then signature. */
async function checkNote(
  note: string,
  origin: string,
  verifier: NoteVerifier,
  issues: LedgerIssue[],
): Promise<Checkpoint | undefined> {
  const parsedNote = parseNote(note);
  const parsed = parsedNote ? parseCheckpoint(parsedNote.text) : undefined;
  if (!parsed?.valid) {
    issues.push(
      parsed && !parsed.valid
        ? parsed.issue
        : issue(
            'GDS_LEDGER_CHECKPOINT_MALFORMED',
            '最新检查点不是签名笔记',
            'the latest checkpoint is not a signed note',
          ),
    );
    return undefined;
  }
  const { checkpoint } = parsed;
  if (checkpoint.origin !== origin) {
    issues.push(
      issue(
        'GDS_LEDGER_ORIGIN_MISMATCH',
        `数据库属于另一个日志：检查点来源为 ${checkpoint.origin}，应为 ${origin}`,
        `the database holds another log: its checkpoint's origin is ${checkpoint.origin}, not ${origin}`,
      ),
    );
    return checkpoint;
  }
  const opened = await openNote(note, [verifier]);
  if (!opened.valid) {
    issues.push(
      opened.issue.code === 'GDS_LEDGER_NOTE_UNVERIFIED'
        ? issue(
            'GDS_LEDGER_NOTE_UNVERIFIED',
            `检查点没有日志密钥 ${verifier.name}+${hex8(verifier.keyId)} 的签名：日志不是用这把密钥写的`,
            `the checkpoint carries no signature by the log's key ${verifier.name}+${hex8(verifier.keyId)}: the log was not written with this key`,
          )
        : opened.issue,
    );
  }
  return checkpoint;
}

/** Root of all `size` entries and of the first `at`, from the entries alone, in O(step + log n) memory. */
async function recompute(
  log: Log,
  hasher: MerkleHasher,
  size: number,
  at: number | undefined,
  step: number,
): Promise<{ root: Uint8Array; rootAt: Uint8Array | undefined }> {
  // The compact range: one hash per set bit of the count, lowest level last.
  const stack: { level: number; hash: Uint8Array }[] = [];
  const fold = () => {
    if (stack.length === 0) return hasher.emptyRoot();
    let acc = stack[stack.length - 1]!.hash;
    for (let i = stack.length - 2; i >= 0; i--) acc = hasher.hashChildren(stack[i]!.hash, acc);
    return acc;
  };
  let rootAt = at === 0 ? hasher.emptyRoot() : undefined;
  let n = 0;
  for (let i = 0; i < size; i += step) {
    for (const e of await log.entries(i, Math.min(size, i + step))) {
      let node = { level: 0, hash: hasher.hashLeaf(e) };
      while (stack.length > 0 && stack[stack.length - 1]!.level === node.level) {
        node = { level: node.level + 1, hash: hasher.hashChildren(stack.pop()!.hash, node.hash) };
      }
      stack.push(node);
      n++;
      if (n === at) rootAt = fold();
    }
  }
  if (n !== size) {
    throw new GdsLedgerError(
      'GDS_LEDGER_STORE',
      `日志存储返回 ${n} 个条目，应为 ${size} 个`,
      `the log store returned ${n} entries instead of ${size}`,
    );
  }
  return { root: fold(), rootAt };
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

import { assertBytes } from './_internal/bytes.js';
import { type IntLike, rangeError, toIndex } from './_internal/int.js';
import {
  consistencyRanges,
  frontierNodes,
  inclusionRanges,
  nodeKey,
  nodesFor,
  rangeHash,
} from './_internal/tree.js';
import { formatCheckpoint } from './checkpoint.js';
import { GdsLedgerError } from './errors.js';
import { defaultMerkleHasher, type MerkleHasher } from './hasher.js';
import type { LogStore, StoredCheckpoint, StoredNode } from './LogStore.js';
import type { NoteSigner } from './noteKeys.js';
import { parseNote } from './openNote.js';
import { signNote } from './signNote.js';

/**
 * Options of {@link Log.open}.
 *
 * @example
 * ```ts
 * import type { LogOptions } from '@gds/ledger';
 * const options: LogOptions = { origin: 'gov.example/county-log' };
 * ```
 */
export interface LogOptions {
  /** The checkpoint origin line; defaults to the signer's key name (as C2SP logs usually do). */
  origin?: string;
  /** Signs a checkpoint after every batch. Without one, the log appends and proves but never signs. */
  signer?: NoteSigner;
  hasher?: MerkleHasher;
  /**
   * Times a batch is recomputed and retried when another writer appended first (default 20), waiting
   * a random time between 0 and min(1 s, 5 ms × 2^attempt) before each retry (full jitter) so writers
   * racing for the same size spread out. Stores with a write lock (PostgreSQL) rarely need a retry.
   */
  maxRetries?: number;
}

/**
 * What one append (one batch) did.
 *
 * @example
 * ```ts
 * import type { AppendResult } from '@gds/ledger';
 * function show(r: AppendResult) { return `${r.start}..${r.size - 1}`; }
 * ```
 */
export interface AppendResult {
  /** Index of the first entry of the batch. */
  start: number;
  /** Tree size after the batch. */
  size: number;
  rootHash: Uint8Array;
  /** The signed checkpoint note over `size`, when the log has a signer. */
  checkpoint?: string;
}

interface FrontierNode {
  level: number;
  index: number;
  hash: Uint8Array;
}

/**
 * A verifiable append-only log over a {@link LogStore}: RFC 9162 tree, O(log n) writer state (the
 * compact range), batched durable appends with one signed C2SP checkpoint per batch, and inclusion and
 * consistency proofs for any size. Appends are serialised within a process; across processes a store
 * with a write lock (PostgreSQL) queues writers, and on other stores a refused batch is recomputed on
 * the new tree and retried after a jittered exponential backoff.
 *
 * @example
 * ```ts
 * import { Log, noteSignerFromKey } from '@gds/ledger';
 * import { createMemoryStore } from '@gds/ledger/memory';
 * const log = await Log.open(createMemoryStore(), { signer: await noteSignerFromKey(skey) });
 * const { start, checkpoint } = await log.appendBatch(hashes);
 * const proof = await log.inclusionProof(start);
 * ```
 */
export class Log {
  readonly store: LogStore;
  readonly hasher: MerkleHasher;
  readonly origin: string | undefined;
  private readonly signer: NoteSigner | undefined;
  private readonly maxRetries: number;
  private frontier: FrontierNode[] = [];
  private treeSize = 0;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(store: LogStore, options: LogOptions) {
    this.store = store;
    this.hasher = options.hasher ?? defaultMerkleHasher();
    this.signer = options.signer;
    this.origin = options.origin ?? options.signer?.name;
    this.maxRetries = options.maxRetries ?? 20;
  }

  /** Opens a log over a store, loading only the O(log n) nodes of its right edge. */
  static async open(store: LogStore, options: LogOptions = {}): Promise<Log> {
    const log = new Log(store, options);
    await log.refresh();
    return log;
  }

  /** Number of entries, as of the last append or refresh by this instance. */
  get size(): number {
    return this.treeSize;
  }

  /** Reloads size and right edge from the store (after another writer appended). */
  async refresh(): Promise<void> {
    await this.load(await this.store.size());
  }

  private async load(size: number): Promise<void> {
    const keys = frontierNodes(size);
    const hashes = await this.store.readNodes(keys);
    this.frontier = keys.map(([level, index], i) => ({ level, index, hash: hashes[i]! }));
    this.treeSize = size;
  }

  /** Appends one entry; same as a batch of one. */
  async append(
    entry: Uint8Array,
    options: { checkpoint?: boolean } = {},
  ): Promise<AppendResult & { index: number }> {
    const r = await this.appendBatch([entry], options);
    return { ...r, index: r.start };
  }

  /**
   * Appends entries as one atomic, durable batch and, when the log has a signer, signs one checkpoint
   * over the new size in the same transaction. Resolves only once the store has committed.
   */
  appendBatch(entries: readonly Uint8Array[], options: { checkpoint?: boolean } = {}): Promise<AppendResult> {
    entries.forEach((e, i) => {
      assertBytes(e, `entries[${i}]`);
    });
    const run = this.queue.then(() =>
      this.appendNow(entries, options.checkpoint ?? this.signer !== undefined),
    );
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async appendNow(entries: readonly Uint8Array[], sign: boolean): Promise<AppendResult> {
    if (sign && (!this.signer || !this.origin)) {
      throw new GdsLedgerError(
        'GDS_LEDGER_INVALID_INPUT',
        '日志没有签名者，无法签署检查点',
        'the log has no signer to sign checkpoints',
      );
    }
    const leafHashes = entries.map((e) => this.hasher.hashLeaf(e));
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.appendLocked(entries, leafHashes, sign);
      } catch (e) {
        if (!(e instanceof GdsLedgerError && e.code === 'GDS_LEDGER_CONFLICT' && attempt < this.maxRetries)) {
          throw e;
        }
      }
      await sleep(Math.random() * Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** attempt));
      await this.refresh();
    }
  }

  /** One attempt, under the store's write lock when it has one. */
  private async appendLocked(
    entries: readonly Uint8Array[],
    leafHashes: readonly Uint8Array[],
    sign: boolean,
  ): Promise<AppendResult> {
    const release = await this.store.lockWriter?.();
    if (!release) return this.appendOnce(entries, leafHashes, sign);
    try {
      // Under the lock the size cannot move: catch up once, then the append cannot conflict.
      const size = await this.store.size();
      if (size !== this.treeSize) await this.load(size);
      return await this.appendOnce(entries, leafHashes, sign);
    } finally {
      await release();
    }
  }

  /** One attempt: the batch computed on this instance's right edge, signed, and handed to the store. */
  private async appendOnce(
    entries: readonly Uint8Array[],
    leafHashes: readonly Uint8Array[],
    sign: boolean,
  ): Promise<AppendResult> {
    const start = this.treeSize;
    const frontier = this.frontier.slice();
    const nodes: StoredNode[] = [];
    for (let i = 0; i < leafHashes.length; i++) {
      let node: FrontierNode = { level: 0, index: start + i, hash: leafHashes[i]! };
      // Merging equal-level neighbours is exactly "this leaf completed a subtree": store it once.
      while (frontier.length > 0 && frontier[frontier.length - 1]!.level === node.level) {
        const left = frontier.pop()!;
        node = {
          level: node.level + 1,
          index: left.index / 2,
          hash: this.hasher.hashChildren(left.hash, node.hash),
        };
        nodes.push(node);
      }
      frontier.push(node);
    }
    const size = start + entries.length;
    const rootHash = foldFrontier(this.hasher, frontier);
    let checkpoint: StoredCheckpoint | undefined;
    if (sign) {
      const body = formatCheckpoint({ origin: this.origin!, size, rootHash });
      checkpoint = { size, note: await signNote(body, [this.signer!]) };
    }
    await this.store.append({ start, entries, leafHashes, nodes, checkpoint });
    this.frontier = frontier;
    this.treeSize = size;
    return checkpoint ? { start, size, rootHash, checkpoint: checkpoint.note } : { start, size, rootHash };
  }

  /** Root hash of the tree of the first `size` entries (default: the current size). */
  async rootHash(size: IntLike = this.treeSize): Promise<Uint8Array> {
    const n = this.checkSize(size, 'size');
    if (n === this.treeSize) return foldFrontier(this.hasher, this.frontier);
    return (await this.hashRanges([[0, n]]))[0]!;
  }

  /** Leaf hash of the entry at `index`. */
  async leafHash(index: IntLike): Promise<Uint8Array> {
    const i = toIndex(index, 'index');
    if (i >= this.treeSize) throw rangeError('index', index);
    return (await this.store.readNodes([[0, i]]))[0]!;
  }

  /** Entries `[start, end)`. */
  async entries(start: IntLike, end: IntLike = this.treeSize): Promise<Uint8Array[]> {
    const s = toIndex(start, 'start');
    const e = this.checkSize(end, 'end');
    if (s > e) throw rangeError('start', start);
    return this.store.readEntries(s, e);
  }

  /** RFC 9162 inclusion proof of the entry at `index` in the tree of `size` entries. */
  async inclusionProof(index: IntLike, size: IntLike = this.treeSize): Promise<Uint8Array[]> {
    const n = this.checkSize(size, 'size');
    const i = toIndex(index, 'index');
    if (i >= n) throw rangeError('index', index);
    return this.hashRanges(inclusionRanges(i, n));
  }

  /** RFC 9162 consistency proof from `size1` to `size2` (empty when equal or from 0). */
  async consistencyProof(size1: IntLike, size2: IntLike = this.treeSize): Promise<Uint8Array[]> {
    const n = this.checkSize(size2, 'size2');
    const m = toIndex(size1, 'size1');
    if (m > n) throw rangeError('size1', size1);
    if (m === 0 || m === n) return [];
    return this.hashRanges(consistencyRanges(m, n));
  }

  /** The latest stored checkpoint note, if any. */
  async latestCheckpoint(): Promise<StoredCheckpoint | undefined> {
    return this.store.latestCheckpoint();
  }

  /** Signs and stores a checkpoint over the current size (for example after appends without one). */
  async signCheckpoint(): Promise<StoredCheckpoint> {
    if (!this.signer || !this.origin) {
      throw new GdsLedgerError(
        'GDS_LEDGER_INVALID_INPUT',
        '日志没有签名者，无法签署检查点',
        'the log has no signer to sign checkpoints',
      );
    }
    const run = this.queue.then(async () => {
      const body = formatCheckpoint({
        origin: this.origin!,
        size: this.treeSize,
        rootHash: foldFrontier(this.hasher, this.frontier),
      });
      const cp = { size: this.treeSize, note: await signNote(body, [this.signer!]) };
      await this.store.putCheckpoint(cp);
      return cp;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Adds cosignature lines (for example a witness's add-checkpoint response) to the stored checkpoint
   * of the same text; returns the merged note. Lines are appended as they are: a verifier checks them.
   */
  async addCosignatures(size: IntLike, signatureLines: string): Promise<StoredCheckpoint> {
    const n = toIndex(size, 'size');
    const latest = await this.store.latestCheckpoint();
    if (!latest || latest.size !== n) {
      throw new GdsLedgerError(
        'GDS_LEDGER_INVALID_INPUT',
        `没有大小为 ${n} 的最新检查点`,
        `no latest checkpoint of size ${n}`,
      );
    }
    const have = new Set(parseNote(latest.note)?.signatures.map((s) => `${s.name} ${s.base64}`) ?? []);
    const fresh = signatureLines
      .split('\n')
      .filter((l) => l.startsWith('— ') && !have.has(l.slice(2)))
      .map((l) => `${l}\n`)
      .join('');
    const merged = { size: n, note: latest.note + fresh };
    if (!parseNote(merged.note)) {
      throw new GdsLedgerError(
        'GDS_LEDGER_INVALID_INPUT',
        '副署签名行格式错误',
        'malformed cosignature lines',
      );
    }
    await this.store.putCheckpoint(merged);
    return merged;
  }

  async close(): Promise<void> {
    await this.queue;
    await this.store.close();
  }

  private checkSize(size: IntLike, name: string): number {
    const n = toIndex(size, name);
    if (n > this.treeSize) throw rangeError(name, size);
    return n;
  }

  private async hashRanges(ranges: ReturnType<typeof inclusionRanges>): Promise<Uint8Array[]> {
    const keys = nodesFor(ranges);
    const hashes = await this.store.readNodes(keys);
    const map = new Map<string, Uint8Array>();
    keys.forEach(([l, i], k) => {
      map.set(nodeKey(l, i), hashes[k]!);
    });
    const get = (l: number, i: number) => map.get(nodeKey(l, i))!;
    return ranges.map(([lo, hi]) => rangeHash(this.hasher, get, lo, hi));
  }
}

const BASE_BACKOFF_MS = 5;
const MAX_BACKOFF_MS = 1000;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function foldFrontier(hasher: MerkleHasher, frontier: readonly FrontierNode[]): Uint8Array {
  if (frontier.length === 0) return hasher.emptyRoot();
  let acc = frontier[frontier.length - 1]!.hash;
  for (let i = frontier.length - 2; i >= 0; i--) acc = hasher.hashChildren(frontier[i]!.hash, acc);
  return acc;
}

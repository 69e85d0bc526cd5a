/**
 * A complete subtree hash as stored: node (level, index) is the root of leaves
 * `[index * 2^level, (index + 1) * 2^level)`. Level 0 nodes are the leaf hashes.
 *
 * @example
 * ```ts
 * import type { StoredNode } from '@gds/ledger';
 * const n: StoredNode = { level: 1, index: 0, hash: new Uint8Array(32) };
 * ```
 */
export interface StoredNode {
  level: number;
  index: number;
  hash: Uint8Array;
}

/**
 * A signed checkpoint note as kept by a store, with the tree size it commits to.
 *
 * @example
 * ```ts
 * import type { StoredCheckpoint } from '@gds/ledger';
 * const cp: StoredCheckpoint = { size: 3, note: 'example.org/log\n3\n...\n\n— example.org/log ...\n' };
 * ```
 */
export interface StoredCheckpoint {
  size: number;
  note: string;
}

/**
 * One atomic, durable append: entries `[start, start + entries.length)`, their leaf hashes, every
 * interior node the batch completes, and optionally the checkpoint signed over the new size.
 *
 * @example
 * ```ts
 * import type { AppendBatch } from '@gds/ledger';
 * const batch: AppendBatch = { start: 0, entries: [new Uint8Array(32)], leafHashes: [new Uint8Array(32)], nodes: [] };
 * ```
 */
export interface AppendBatch {
  /** Index of the first entry. The store refuses the batch with `GDS_LEDGER_CONFLICT` unless it equals its size. */
  start: number;
  entries: readonly Uint8Array[];
  leafHashes: readonly Uint8Array[];
  /** Complete interior nodes (level >= 1) this batch closes. */
  nodes: readonly StoredNode[];
  checkpoint?: StoredCheckpoint;
}

/**
 * The one contract every ledger store implements (memory, SQLite, PostgreSQL), checked by one shared
 * contract suite. A store is dumb persistence: the {@link Log} does all hashing, so every store yields
 * the same roots and proofs. `append` is atomic and, once it resolves, durable.
 *
 * @example
 * ```ts
 * import { Log } from '@gds/ledger';
 * import { createMemoryStore } from '@gds/ledger/memory';
 * const log = await Log.open(createMemoryStore(), { origin: 'example.org/log' });
 * ```
 */
export interface LogStore {
  /** "memory", "sqlite", "postgres", or a third party's name. */
  readonly kind: string;
  /** Number of entries durably stored. */
  size(): Promise<number>;
  append(batch: AppendBatch): Promise<void>;
  /** Hashes of the given complete nodes, in order; level 0 reads leaf hashes. Missing nodes reject. */
  readNodes(keys: readonly (readonly [level: number, index: number])[]): Promise<Uint8Array[]>;
  /** Entries `[start, end)`. */
  readEntries(start: number, end: number): Promise<Uint8Array[]>;
  /** Stores a checkpoint, replacing one of the same size (for example with more cosignatures). */
  putCheckpoint(checkpoint: StoredCheckpoint): Promise<void>;
  /** The checkpoint of the largest size stored, if any. */
  latestCheckpoint(): Promise<StoredCheckpoint | undefined>;
  /**
   * Optional: takes the log's write lock, held across processes and machines (PostgreSQL: an advisory
   * lock), and resolves with the function that releases it. While it holds the lock the {@link Log}
   * reloads its right edge if another writer appended, computes the batch and appends it, so concurrent
   * writers queue instead of refusing each other's batches. Stores without it (memory, SQLite) rely on
   * `append`'s conflict check and the log's retries with backoff.
   */
  lockWriter?(): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

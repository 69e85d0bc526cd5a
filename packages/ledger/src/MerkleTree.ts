import { assertBytes } from './_internal/bytes.js';
import { HashArray } from './_internal/hashArray.js';
import { type IntLike, rangeError, toIndex } from './_internal/int.js';
import { consistencyRanges, inclusionRanges, type NodeGetter, rangeHash } from './_internal/tree.js';
import { defaultMerkleHasher, type MerkleHasher } from './hasher.js';

/**
 * An in-memory RFC 9162 Merkle tree. It keeps every complete subtree hash (about two per leaf, in
 * large flat buffers), so appends cost about two SHA-256 each, and roots and proofs for any earlier size
 * cost O(log n). For a persistent log use {@link Log} with a store.
 *
 * @example
 * ```ts
 * import { MerkleTree, verifyInclusion } from '@gds/ledger';
 * const tree = new MerkleTree();
 * const index = tree.append(new TextEncoder().encode('hello'));
 * verifyInclusion(index, tree.size, tree.leafHash(index), tree.inclusionProof(index), tree.root()).valid; // true
 * ```
 */
export class MerkleTree {
  readonly hasher: MerkleHasher;
  private readonly levels: HashArray[] = [new HashArray()];
  /** The last node pushed at each level (the compact range), so appends never read back from storage. */
  private readonly edge: Uint8Array[] = [];
  private readonly get: NodeGetter = (level, index) => this.levels[level]!.get(index);

  constructor(hasher: MerkleHasher = defaultMerkleHasher()) {
    this.hasher = hasher;
  }

  /** Number of leaves. */
  get size(): number {
    return this.levels[0]!.length;
  }

  /** Appends an entry (hashed as a leaf) and returns its index. */
  append(entry: Uint8Array): number {
    assertBytes(entry, 'entry');
    return this.appendLeafHash(this.hasher.hashLeaf(entry));
  }

  /** Appends an already computed leaf hash and returns its index. */
  appendLeafHash(leafHash: Uint8Array): number {
    assertBytes(leafHash, 'leafHash', this.hasher.size);
    const index = this.levels[0]!.length;
    this.levels[0]!.push(leafHash);
    let h = leafHash;
    let i = index;
    let level = 0;
    // Each time this node closes a pair, the parent becomes complete: hash it once, keep it forever.
    while (i % 2 === 1) {
      h = this.hasher.hashChildren(this.edge[level]!, h);
      level++;
      i = (i - 1) / 2;
      if (this.levels.length === level) this.levels.push(new HashArray());
      this.levels[level]!.push(h);
    }
    this.edge[level] = h;
    return index;
  }

  /** The leaf hash at `index`. */
  leafHash(index: IntLike): Uint8Array {
    const i = toIndex(index, 'index');
    if (i >= this.size) throw rangeError('index', index);
    return this.levels[0]!.get(i).slice();
  }

  /** Root hash of the tree of the first `size` leaves (default: all). */
  root(size: IntLike = this.size): Uint8Array {
    const n = this.checkSize(size);
    return rangeHash(this.hasher, this.get, 0, n).slice();
  }

  /** Inclusion proof of the leaf at `index` in the tree of `size` leaves, bottom-up (RFC 9162 2.1.3.1). */
  inclusionProof(index: IntLike, size: IntLike = this.size): Uint8Array[] {
    const n = this.checkSize(size);
    const i = toIndex(index, 'index');
    if (i >= n) throw rangeError('index', index);
    return inclusionRanges(i, n).map(([lo, hi]) => rangeHash(this.hasher, this.get, lo, hi).slice());
  }

  /** Consistency proof from `size1` to `size2` (RFC 9162 2.1.4.1); empty when the sizes are equal or size1 is 0. */
  consistencyProof(size1: IntLike, size2: IntLike = this.size): Uint8Array[] {
    const n = this.checkSize(size2);
    const m = toIndex(size1, 'size1');
    if (m > n) throw rangeError('size1', size1);
    if (m === 0 || m === n) return [];
    return consistencyRanges(m, n).map(([lo, hi]) => rangeHash(this.hasher, this.get, lo, hi).slice());
  }

  /** The hash of the complete subtree (level, index), as stored: for stores and tests. */
  node(level: number, index: number): Uint8Array {
    const lv = this.levels[level];
    if (!lv || index >= lv.length) throw rangeError('node', `${level}/${index}`);
    return lv.get(index).slice();
  }

  private checkSize(size: IntLike): number {
    const n = toIndex(size, 'size');
    if (n > this.size) throw rangeError('size', size);
    return n;
  }
}

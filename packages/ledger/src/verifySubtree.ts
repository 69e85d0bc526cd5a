// Subtree proofs of draft-ietf-plants-merkle-tree-certs (sections 4.3 and 4.4), which the
// transparency-dev/merkle vectors also cover: a subtree [start, end) is valid when start is a multiple of
// the smallest power of two >= end - start, so its hash is the MTH of those leaves.
import { equalBytes } from './_internal/bytes.js';
import { type IntLike, toIndex } from './_internal/int.js';
import { defaultMerkleHasher, type MerkleHasher } from './hasher.js';
import { fail, type Verification } from './issue.js';
import { verifyInclusion } from './verifyInclusion.js';

function big(v: IntLike): bigint | undefined {
  if (typeof v === 'bigint') return v;
  return Number.isSafeInteger(v) ? BigInt(v) : undefined;
}

function validSubtree(start: bigint, end: bigint): boolean {
  if (start < 0n || end <= start) return false;
  let p = 1n;
  while (p < end - start) p *= 2n;
  return start % p === 0n;
}

function invalidSubtree(start: IntLike, end: IntLike) {
  return fail(
    'GDS_LEDGER_INDEX_BEYOND_SIZE',
    `[${start}, ${end}) 不是有效的子树`,
    `[${start}, ${end}) is not a valid subtree`,
  );
}

/**
 * Verifies a subtree inclusion proof: the leaf at absolute `index` is in the subtree `[start, end)`
 * whose hash is `subtreeHash` (an ordinary inclusion proof within the subtree's leaves).
 *
 * @example
 * ```ts
 * import { MerkleTree, verifySubtreeInclusion } from '@gds/ledger';
 * const tree = new MerkleTree();
 * for (let i = 0; i < 8; i++) tree.append(new Uint8Array([i]));
 * // [4, 8) is the right half: its hash is the node (level 2, index 1).
 * verifySubtreeInclusion(5, 4, 8, tree.leafHash(5), [tree.leafHash(4), tree.node(1, 3)], tree.node(2, 1)).valid; // true
 * ```
 */
export function verifySubtreeInclusion(
  index: IntLike,
  start: IntLike,
  end: IntLike,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  subtreeHash: Uint8Array,
  hasher: MerkleHasher = defaultMerkleHasher(),
): Verification {
  const [i, s, e] = [big(index), big(start), big(end)];
  if (i === undefined || s === undefined || e === undefined || !validSubtree(s, e))
    return invalidSubtree(start, end);
  if (i < s || i >= e) {
    return fail(
      'GDS_LEDGER_INDEX_BEYOND_SIZE',
      `叶子序号 ${index} 不在子树内`,
      `leaf index ${index} is outside the subtree`,
    );
  }
  return verifyInclusion(i - s, e - s, leafHash, proof, subtreeHash, hasher);
}

/**
 * Verifies a subtree consistency proof: the subtree `[start, end)` with hash `subtreeHash` sits at
 * those positions in the tree of `size` leaves with root `root` (draft section 4.4.3). An empty
 * subtree (start = end) has the empty hash and an empty proof.
 *
 * @example
 * ```ts
 * import { MerkleTree, verifySubtreeConsistency } from '@gds/ledger';
 * const tree = new MerkleTree();
 * for (let i = 0; i < 8; i++) tree.append(new Uint8Array([i]));
 * verifySubtreeConsistency(0, 4, 8, [tree.node(2, 1)], tree.node(2, 0), tree.root()).valid; // true
 * ```
 */
export function verifySubtreeConsistency(
  start: IntLike,
  end: IntLike,
  size: IntLike,
  proof: readonly Uint8Array[],
  subtreeHash: Uint8Array,
  root: Uint8Array,
  hasher: MerkleHasher = defaultMerkleHasher(),
): Verification {
  const [s, e, n] = [big(start), big(end), big(size)];
  if (s === undefined || e === undefined || n === undefined || s < 0n || e > n)
    return invalidSubtree(start, end);
  if (s === e) {
    if (proof.length > 0)
      return fail(
        'GDS_LEDGER_PROOF_LENGTH',
        '空子树的证明必须为空',
        'the proof of an empty subtree must be empty',
      );
    if (!equalBytes(subtreeHash, hasher.emptyRoot())) {
      return fail(
        'GDS_LEDGER_ROOT_MISMATCH',
        '空子树的哈希必须是空树哈希',
        'an empty subtree must have the empty hash',
      );
    }
    return { valid: true };
  }
  if (!validSubtree(s, e)) return invalidSubtree(start, end);
  for (const p of proof) {
    if (p.length !== hasher.size) {
      return fail(
        'GDS_LEDGER_HASH_SIZE',
        `证明中的哈希长度为 ${p.length} 字节`,
        `a proof hash is ${p.length} bytes`,
      );
    }
  }
  // fn, sn, tn: the subtree's first and last leaf and the tree's last leaf, climbing one level per halving.
  let fn = toIndex(s, 'start');
  let sn = toIndex(e, 'end') - 1;
  let tn = toIndex(n, 'size') - 1;
  const up = () => {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
    tn = Math.floor(tn / 2);
  };
  if (sn === tn) {
    while (fn !== sn) up();
  } else {
    while (fn !== sn && sn % 2 === 1) up();
  }
  let k = 0;
  let fr: Uint8Array;
  if (fn === sn) fr = subtreeHash;
  else {
    if (proof.length === 0) return fail('GDS_LEDGER_PROOF_LENGTH', '证明为空', 'the proof is empty');
    fr = proof[k++]!;
  }
  let sr = fr;
  for (; k < proof.length; k++) {
    const c = proof[k]!;
    if (tn === 0) return fail('GDS_LEDGER_PROOF_LENGTH', '证明的哈希过多', 'the proof has too many hashes');
    if (sn % 2 === 1 || sn === tn) {
      if (fn < sn) fr = hasher.hashChildren(c, fr);
      sr = hasher.hashChildren(c, sr);
      while (sn % 2 === 0) up();
    } else {
      sr = hasher.hashChildren(sr, c);
    }
    up();
  }
  if (tn !== 0) return fail('GDS_LEDGER_PROOF_LENGTH', '证明的哈希不足', 'the proof has too few hashes');
  if (!equalBytes(fr, subtreeHash))
    return fail(
      'GDS_LEDGER_ROOT_MISMATCH',
      '证明与子树哈希不符',
      'the proof does not match the subtree hash',
    );
  if (!equalBytes(sr, root))
    return fail('GDS_LEDGER_ROOT_MISMATCH', '证明与树根哈希不符', 'the proof does not match the tree root');
  return { valid: true };
}

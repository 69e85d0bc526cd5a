import { equalBytes } from './_internal/bytes.js';
import { type IntLike, toIndex } from './_internal/int.js';
import { decompose, trailingZeros } from './_internal/proofMath.js';
import { defaultMerkleHasher, type MerkleHasher } from './hasher.js';
import { fail, type Verification } from './issue.js';

/**
 * Verifies an RFC 9162 consistency proof (section 2.1.4.2): the tree of `size2` leaves with root `root2`
 * extends the tree of `size1` leaves with root `root1`. The proof length must be exact; equal sizes need
 * an empty proof and equal roots (and a size-0 tree has only the empty root); a proof from the empty
 * tree proves nothing and is refused, as transparency-dev/merkle does.
 *
 * @example
 * ```ts
 * import { MerkleTree, verifyConsistency } from '@gds/ledger';
 * const tree = new MerkleTree();
 * for (let i = 0; i < 7; i++) tree.append(new Uint8Array([i]));
 * verifyConsistency(3, 7, tree.consistencyProof(3, 7), tree.root(3), tree.root(7)).valid; // true
 * ```
 */
export function verifyConsistency(
  size1: IntLike,
  size2: IntLike,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
  hasher: MerkleHasher = defaultMerkleHasher(),
): Verification {
  const m = toIndex(size1, 'size1');
  const n = toIndex(size2, 'size2');
  if (n < m)
    return fail('GDS_LEDGER_SIZE_ORDER', `新树大小 ${n} 小于旧树 ${m}`, `size2 ${n} is below size1 ${m}`);
  if (m === n) {
    if (proof.length > 0) {
      return fail(
        'GDS_LEDGER_PROOF_LENGTH',
        '大小相同时证明必须为空',
        'the proof must be empty when the sizes are equal',
      );
    }
    if (!equalBytes(root1, root2)) return mismatch();
    if (m === 0 && !equalBytes(root1, hasher.emptyRoot())) return mismatch();
    return { valid: true };
  }
  if (m === 0) {
    return fail(
      'GDS_LEDGER_EMPTY_TREE',
      '从空树出发的一致性证明没有意义',
      'a consistency proof from the empty tree is meaningless',
    );
  }
  if (proof.length === 0) return fail('GDS_LEDGER_PROOF_LENGTH', '证明为空', 'the proof is empty');
  for (const p of proof) {
    if (p.length !== hasher.size) {
      return fail(
        'GDS_LEDGER_HASH_SIZE',
        `证明中的哈希长度为 ${p.length} 字节`,
        `a proof hash is ${p.length} bytes`,
      );
    }
  }
  let [inner, border] = decompose(m - 1, n);
  const shift = trailingZeros(m);
  inner -= shift;
  // Unless size1 is itself a power of two, the proof starts with the root of its largest left subtree.
  const start = m === 2 ** shift ? 0 : 1;
  const seed = start === 0 ? root1 : proof[0]!;
  if (proof.length !== start + inner + border) {
    return fail(
      'GDS_LEDGER_PROOF_LENGTH',
      `证明有 ${proof.length} 个哈希，应为 ${start + inner + border} 个`,
      `proof has ${proof.length} hashes, expected ${start + inner + border}`,
    );
  }
  let mask = Math.floor((m - 1) / 2 ** shift);
  let hash1 = seed;
  let hash2 = seed;
  for (let k = 0; k < inner; k++) {
    const p = proof[start + k]!;
    if (mask % 2 === 1) {
      hash1 = hasher.hashChildren(p, hash1);
      hash2 = hasher.hashChildren(p, hash2);
    } else {
      hash2 = hasher.hashChildren(hash2, p);
    }
    mask = Math.floor(mask / 2);
  }
  for (let k = start + inner; k < proof.length; k++) {
    hash1 = hasher.hashChildren(proof[k]!, hash1);
    hash2 = hasher.hashChildren(proof[k]!, hash2);
  }
  if (!equalBytes(hash1, root1)) {
    return fail('GDS_LEDGER_ROOT_MISMATCH', '证明与旧树根哈希不符', 'the proof does not match the old root');
  }
  if (!equalBytes(hash2, root2)) {
    return fail('GDS_LEDGER_ROOT_MISMATCH', '证明与新树根哈希不符', 'the proof does not match the new root');
  }
  return { valid: true };
}

function mismatch() {
  return fail('GDS_LEDGER_ROOT_MISMATCH', '两棵树大小相同但根哈希不同', 'equal sizes but different roots');
}

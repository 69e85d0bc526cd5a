import { equalBytes } from './_internal/bytes.js';
import { type IntLike, toIndex } from './_internal/int.js';
import { decompose } from './_internal/proofMath.js';
import { defaultMerkleHasher, type MerkleHasher } from './hasher.js';
import { fail, type Verification } from './issue.js';

/**
 * Computes the root a tree of `size` leaves must have if `proof` is the inclusion proof of the leaf at
 * `index` with hash `leafHash` (RFC 9162 section 2.1.3.2), or returns the issue that makes the proof
 * unusable (index beyond size, wrong hash size, wrong proof length: the length is exact).
 *
 * @example
 * ```ts
 * import { rootFromInclusionProof } from '@gds/ledger';
 * const r = rootFromInclusionProof(0, 1, leafHash, []);
 * if (r.valid) r.root; // equals leafHash for a one-leaf tree
 * ```
 */
export function rootFromInclusionProof(
  index: IntLike,
  size: IntLike,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  hasher: MerkleHasher = defaultMerkleHasher(),
): { valid: true; root: Uint8Array } | Extract<Verification, { valid: false }> {
  // Compare exactly first: an index of 2^64 - 1 is bad data (an issue), not an unsupported size.
  const beyond =
    typeof index === 'number' && typeof size === 'number'
      ? Number.isSafeInteger(index) && Number.isSafeInteger(size) && index >= size
      : isInt(index) && isInt(size) && BigInt(index) >= BigInt(size);
  if (beyond) {
    return fail(
      'GDS_LEDGER_INDEX_BEYOND_SIZE',
      `叶子序号 ${index} 不小于树大小 ${size}`,
      `leaf index ${index} is not below tree size ${size}`,
    );
  }
  const i = toIndex(index, 'index');
  const n = toIndex(size, 'size');
  if (leafHash.length !== hasher.size) {
    return fail(
      'GDS_LEDGER_HASH_SIZE',
      `叶子哈希长度为 ${leafHash.length} 字节`,
      `leaf hash is ${leafHash.length} bytes`,
    );
  }
  const [inner, border] = decompose(i, n);
  if (proof.length !== inner + border) {
    return fail(
      'GDS_LEDGER_PROOF_LENGTH',
      `证明有 ${proof.length} 个哈希，应为 ${inner + border} 个`,
      `proof has ${proof.length} hashes, expected ${inner + border}`,
    );
  }
  for (const p of proof) {
    if (p.length !== hasher.size) {
      return fail(
        'GDS_LEDGER_HASH_SIZE',
        `证明中的哈希长度为 ${p.length} 字节`,
        `a proof hash is ${p.length} bytes`,
      );
    }
  }
  let idx = i;
  const into = hasher.hashChildrenInto;
  if (into) {
    // One buffer for the whole chain: verification is hashing plus nothing else.
    const acc = leafHash.slice();
    for (let k = 0; k < inner; k++) {
      if (idx % 2 === 0) into(acc, proof[k]!, acc);
      else into(proof[k]!, acc, acc);
      idx = Math.floor(idx / 2);
    }
    for (let k = inner; k < proof.length; k++) into(proof[k]!, acc, acc);
    return { valid: true, root: acc };
  }
  let acc = leafHash;
  for (let k = 0; k < inner; k++) {
    acc = idx % 2 === 0 ? hasher.hashChildren(acc, proof[k]!) : hasher.hashChildren(proof[k]!, acc);
    idx = Math.floor(idx / 2);
  }
  for (let k = inner; k < proof.length; k++) acc = hasher.hashChildren(proof[k]!, acc);
  return { valid: true, root: acc };
}

/**
 * Verifies an RFC 9162 inclusion proof: the leaf with hash `leafHash` is at `index` in the tree of
 * `size` leaves whose root is `root`. Sizes and indices are safe integers or bigints (never rounded).
 * Bad proofs yield `{ valid: false, issue }`; only unrepresentable sizes throw (`GDS_LEDGER_RANGE`).
 *
 * @example
 * ```ts
 * import { MerkleTree, verifyInclusion } from '@gds/ledger';
 * const tree = new MerkleTree();
 * for (const e of ['a', 'b', 'c']) tree.append(new TextEncoder().encode(e));
 * const ok = verifyInclusion(1, 3, tree.leafHash(1), tree.inclusionProof(1, 3), tree.root(3)).valid; // true
 * ```
 */
export function verifyInclusion(
  index: IntLike,
  size: IntLike,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
  hasher: MerkleHasher = defaultMerkleHasher(),
): Verification {
  const r = rootFromInclusionProof(index, size, leafHash, proof, hasher);
  if (!r.valid) return r;
  if (!equalBytes(r.root, root)) {
    return fail(
      'GDS_LEDGER_ROOT_MISMATCH',
      '由证明算出的根哈希与给定的不符',
      'the root computed from the proof does not match',
    );
  }
  return { valid: true };
}

function isInt(v: IntLike): boolean {
  return typeof v === 'bigint' || Number.isSafeInteger(v);
}

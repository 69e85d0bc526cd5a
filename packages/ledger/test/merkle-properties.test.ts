import { test } from '@fast-check/vitest';
import { MerkleTree, portableMerkleHasher, verifyConsistency, verifyInclusion } from '@gds/ledger';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

// A literal transcription of RFC 9162 section 2.1.1 MTH, as the oracle.
const h = portableMerkleHasher();
function mth(leaves: Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return h.emptyRoot();
  if (leaves.length === 1) return h.hashLeaf(leaves[0]!);
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return h.hashChildren(mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}

const entries = (n: number) => Array.from({ length: n }, (_, i) => new Uint8Array([i & 255, i >> 8]));

describe('MerkleTree', () => {
  const all = entries(70);
  const tree = new MerkleTree();
  for (const e of all) tree.append(e);

  it('matches the RFC recursive definition for every size up to 70', () => {
    for (let n = 0; n <= all.length; n++) expect(tree.root(n)).toEqual(mth(all.slice(0, n)));
  });

  it('proves inclusion for every (index, size) and rejects a flipped bit', () => {
    for (let n = 1; n <= all.length; n++) {
      const root = tree.root(n);
      for (let i = 0; i < n; i++) {
        const proof = tree.inclusionProof(i, n);
        expect(verifyInclusion(i, n, tree.leafHash(i), proof, root).valid).toBe(true);
        if (proof.length > 0) {
          const bad = proof.map((p) => p.slice());
          bad[0]![0]! ^= 1;
          expect(verifyInclusion(i, n, tree.leafHash(i), bad, root).valid).toBe(false);
        }
        expect(verifyInclusion(i, n, tree.leafHash(i), [...proof, root], root).valid).toBe(false);
      }
    }
  });

  it('proves consistency for every (size1, size2)', () => {
    for (let n = 1; n <= all.length; n++) {
      for (let m = 1; m <= n; m++) {
        const proof = tree.consistencyProof(m, n);
        expect(verifyConsistency(m, n, proof, tree.root(m), tree.root(n)).valid, `${m}->${n}`).toBe(true);
        if (m < n) expect(verifyConsistency(m, n, proof, tree.root(m), tree.root(n - 1)).valid).toBe(false);
      }
    }
  });

  test.prop([fc.integer({ min: 1, max: 2 ** 53 - 1 }), fc.integer({ min: 0, max: 2 ** 53 - 1 })])(
    'rejects proofs of the wrong length at any size without losing precision',
    (size, rawIndex) => {
      const index = rawIndex % size;
      const r = verifyInclusion(index, size, new Uint8Array(32), [], new Uint8Array(32).fill(1));
      // Only a one-leaf tree has an empty inclusion proof.
      expect(r.valid).toBe(false);
      if (!r.valid && size > 1) expect(r.issue.code).toBe('GDS_LEDGER_PROOF_LENGTH');
    },
  );

  it('accepts bigint sizes and refuses ones it cannot represent', () => {
    expect(verifyInclusion(0n, 1n, tree.leafHash(0), [], tree.leafHash(0)).valid).toBe(true);
    expect(() => verifyInclusion(0n, 2n ** 60n, tree.leafHash(0), [], tree.leafHash(0))).toThrow(/2\^53/);
    expect(verifyInclusion(2n ** 64n - 1n, 3, tree.leafHash(0), [], tree.leafHash(0)).valid).toBe(false);
  });
});

describe('proof lengths', () => {
  it('match the proofs the tree produces', async () => {
    const { consistencyProofLength, inclusionProofLength } = await import('@gds/ledger');
    const tree = new MerkleTree();
    for (let i = 0; i < 40; i++) tree.append(new Uint8Array([i]));
    for (let n = 1; n <= 40; n++) {
      for (let i = 0; i < n; i++) expect(inclusionProofLength(i, n)).toBe(tree.inclusionProof(i, n).length);
      for (let m = 0; m <= n; m++)
        expect(consistencyProofLength(m, n)).toBe(tree.consistencyProof(m, n).length);
    }
    expect(inclusionProofLength(0, 2 ** 53 - 1)).toBe(53);
  });
});

describe('subtree proofs', () => {
  it('verify the documented examples', async () => {
    const { verifySubtreeConsistency, verifySubtreeInclusion } = await import('@gds/ledger');
    const tree = new MerkleTree();
    for (let i = 0; i < 8; i++) tree.append(new Uint8Array([i]));
    expect(
      verifySubtreeInclusion(5, 4, 8, tree.leafHash(5), [tree.leafHash(4), tree.node(1, 3)], tree.node(2, 1))
        .valid,
    ).toBe(true);
    expect(verifySubtreeConsistency(0, 4, 8, [tree.node(2, 1)], tree.node(2, 0), tree.root()).valid).toBe(
      true,
    );
    expect(verifySubtreeConsistency(0, 4, 8, [tree.node(2, 0)], tree.node(2, 0), tree.root()).valid).toBe(
      false,
    );
  });
});

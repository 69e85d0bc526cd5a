// The RFC 9162 tree algorithms over "perfect subtree" nodes: node (level L, index i) is the root of
// leaves [i * 2^L, (i + 1) * 2^L). Every range a proof or root needs splits into such nodes, so a store
// only keeps complete nodes (about two hashes per leaf) and never rewrites one.
import type { MerkleHasher } from '../hasher.js';
import { splitPoint } from './int.js';

export type Range = readonly [lo: number, hi: number];
export type NodeGetter = (level: number, index: number) => Uint8Array;

/** Ranges whose hashes make the inclusion proof of `index` in a tree of `size`, bottom-up (RFC 9162 2.1.3.1). */
export function inclusionRanges(index: number, size: number): Range[] {
  const out: Range[] = [];
  let lo = 0;
  let hi = size;
  while (hi - lo > 1) {
    const k = splitPoint(hi - lo);
    if (index < lo + k) {
      out.push([lo + k, hi]);
      hi = lo + k;
    } else {
      out.push([lo, lo + k]);
      lo += k;
    }
  }
  return out.reverse();
}

/** Ranges of the consistency proof from `m` to `n`, 0 < m < n, bottom-up (RFC 9162 2.1.4.1 SUBPROOF). */
export function consistencyRanges(m: number, n: number): Range[] {
  const out: Range[] = [];
  let lo = 0;
  let hi = n;
  let whole = true;
  for (;;) {
    const size = hi - lo;
    const mm = m - lo;
    if (mm === size) {
      if (!whole) out.push([lo, hi]);
      break;
    }
    const k = splitPoint(size);
    if (mm <= k) {
      out.push([lo + k, hi]);
      hi = lo + k;
    } else {
      out.push([lo, lo + k]);
      lo += k;
      whole = false;
    }
  }
  return out.reverse();
}

/** The perfect-subtree nodes covering [lo, hi), largest first; lo is aligned as RFC 9162 splits are. */
export function rangeNodes(lo: number, hi: number): Array<[level: number, index: number]> {
  const out: Array<[number, number]> = [];
  let rem = hi - lo;
  let k = 1;
  let level = 0;
  while (k * 2 <= rem) {
    k *= 2;
    level++;
  }
  let pos = lo;
  while (rem > 0) {
    if (rem >= k) {
      out.push([level, pos / k]);
      pos += k;
      rem -= k;
    }
    k /= 2;
    level--;
  }
  return out;
}

export function rangeHash(hasher: MerkleHasher, get: NodeGetter, lo: number, hi: number): Uint8Array {
  if (hi === lo) return hasher.emptyRoot();
  const nodes = rangeNodes(lo, hi);
  const lastNode = nodes[nodes.length - 1]!;
  let acc = get(lastNode[0], lastNode[1]);
  for (let i = nodes.length - 2; i >= 0; i--) {
    const [level, index] = nodes[i]!;
    acc = hasher.hashChildren(get(level, index), acc);
  }
  return acc;
}

export function nodeKey(level: number, index: number): string {
  return `${level}/${index}`;
}

/** All node keys a list of ranges needs, deduplicated, for one batched read from a store. */
export function nodesFor(ranges: readonly Range[]): Array<[number, number]> {
  const seen = new Set<string>();
  const out: Array<[number, number]> = [];
  for (const [lo, hi] of ranges) {
    for (const n of rangeNodes(lo, hi)) {
      const key = nodeKey(n[0], n[1]);
      if (!seen.has(key)) {
        seen.add(key);
        out.push(n);
      }
    }
  }
  return out;
}

/**
 * The compact range of [0, size): the roots of the perfect subtrees, largest first. Appending
 * only needs these, so a writer keeps O(log n) state.
 */
export function frontierNodes(size: number): Array<[number, number]> {
  return size === 0 ? [] : rangeNodes(0, size);
}

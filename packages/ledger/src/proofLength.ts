import { type IntLike, rangeError, toIndex } from './_internal/int.js';
import { decompose, trailingZeros } from './_internal/proofMath.js';

/**
 * Number of hashes in the RFC 9162 inclusion proof of `index` in a tree of `size` leaves (at most
 * ceil(log2(size))). Multiply by 32 for bytes.
 *
 * @example
 * ```ts
 * import { inclusionProofLength } from '@gds/ledger';
 * inclusionProofLength(0, 1_000_000); // 20
 * ```
 */
export function inclusionProofLength(index: IntLike, size: IntLike): number {
  const i = toIndex(index, 'index');
  const n = toIndex(size, 'size');
  if (i >= n) throw rangeError('index', index);
  const [inner, border] = decompose(i, n);
  return inner + border;
}

/**
 * Number of hashes in the RFC 9162 consistency proof from `size1` to `size2` (0 when equal or from 0).
 *
 * @example
 * ```ts
 * import { consistencyProofLength } from '@gds/ledger';
 * consistencyProofLength(500_000, 1_000_000); // a handful of hashes
 * ```
 */
export function consistencyProofLength(size1: IntLike, size2: IntLike): number {
  const m = toIndex(size1, 'size1');
  const n = toIndex(size2, 'size2');
  if (m > n) throw rangeError('size1', size1);
  if (m === 0 || m === n) return 0;
  let [inner, border] = decompose(m - 1, n);
  const shift = trailingZeros(m);
  inner -= shift;
  return (m === 2 ** shift ? 0 : 1) + inner + border;
}

// Proof shape arithmetic shared by verification and proof-size reporting. Sizes go up to 2^53 - 1, so
// no 32-bit bit operators on whole values: they are split into two 32-bit halves where needed.
import { bitLength, popcount } from './int.js';

const TWO32 = 4294967296;

export function xor53(a: number, b: number): number {
  const hi = (Math.floor(a / TWO32) ^ Math.floor(b / TWO32)) >>> 0;
  const lo = (a ^ b) >>> 0;
  return hi * TWO32 + lo;
}

/** transparency-dev's decompInclProof: lengths of the inner (below the fork with size-1) and border parts. */
export function decompose(index: number, size: number): [inner: number, border: number] {
  const inner = bitLength(xor53(index, size - 1));
  const border = popcount(Math.floor(index / 2 ** inner));
  return [inner, border];
}

export function trailingZeros(n: number): number {
  let c = 0;
  while (n > 0 && n % 2 === 0) {
    c++;
    n /= 2;
  }
  return c;
}

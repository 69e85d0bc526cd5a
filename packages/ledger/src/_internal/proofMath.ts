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
  if (size <= 0x7fffffff) {
    // Fast path with 32-bit operators, exact below 2^31.
    const inner = 32 - Math.clz32(index ^ (size - 1));
    let x = inner === 32 ? 0 : index >>> inner;
    let border = 0;
    while (x) {
      border += x & 1;
      x >>>= 1;
    }
    return [inner, border];
  }
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

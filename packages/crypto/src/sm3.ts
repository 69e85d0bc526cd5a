import { sm3 as sm3Hex } from 'sm-crypto-v2';
import { assertBytes } from './_internal/bytes.js';
import { fromHex } from './_internal/hex.js';

/**
 * SM3 (GB/T 32905-2016) digest of bytes: 32 bytes.
 *
 * @example
 * ```ts
 * import { sm3 } from '@gds/crypto/sm';
 * sm3(new TextEncoder().encode('abc')); // 66c7f0f4...8f4ba8e0
 * ```
 */
export function sm3(data: Uint8Array): Uint8Array {
  assertBytes(data, 'data');
  return fromHex(sm3Hex(data));
}

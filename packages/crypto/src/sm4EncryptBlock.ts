import { sm4 } from 'sm-crypto-v2';
import { assertBytes, assertKey } from './_internal/bytes.js';

/**
 * SM4 block cipher (GB/T 32907-2016) on one 16-byte block, ECB, no padding: for checking the standard's
 * example and for building modes elsewhere. Use `smSuite.encrypt` (SM4-GCM) to encrypt data.
 *
 * @example
 * ```ts
 * import { sm4EncryptBlock } from '@gds/crypto/sm';
 * sm4EncryptBlock(key16, block16); // 16 bytes
 * ```
 */
export function sm4EncryptBlock(key: Uint8Array, block: Uint8Array): Uint8Array {
  assertKey(key, 'key', 16);
  assertBytes(block, 'block', 16);
  return sm4.encrypt(block, key, { padding: 'none', output: 'array' });
}

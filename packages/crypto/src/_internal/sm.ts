import { sm2 } from 'sm-crypto-v2';
import { GdsCryptoError } from '../errors.js';
import { assertKey } from './bytes.js';
import { toHex } from './hex.js';

// Order n of the SM2 recommended curve (GB/T 32918.5-2017).
export const N = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;
export const GCM_NONCE = 12;
export const TAG = 16;

export function decryptFailed(cause?: unknown): GdsCryptoError {
  return new GdsCryptoError(
    'GDS_CRYPTO_DECRYPT_FAILED',
    '解密失败：密文、关联数据或密钥不匹配',
    'decryption failed: ciphertext, associated data or key do not match',
    { cause },
  );
}

export function publicKeyHex(secretKey: Uint8Array): string {
  assertKey(secretKey, 'secretKey', 32);
  return sm2.getPublicKeyFromPrivateKey(toHex(secretKey));
}

export function assertPublicKey(pk: Uint8Array): void {
  if (!(pk instanceof Uint8Array) || pk.length !== 65 || pk[0] !== 4) {
    throw new GdsCryptoError(
      'GDS_CRYPTO_INVALID_KEY',
      'SM2 公钥必须是 65 字节的未压缩点（04 ‖ x ‖ y）',
      'an SM2 public key must be a 65-byte uncompressed point (04 ‖ x ‖ y)',
    );
  }
}

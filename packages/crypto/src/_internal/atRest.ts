import { scryptAsync } from '@noble/hashes/scrypt.js';
import { GdsCryptoError } from '../errors.js';
import { loadSodiumSuite } from '../loadSodiumSuite.js';
import { fromBase64Url, toBase64Url } from './base64.js';
import { utf8 } from './bytes.js';
import { randomBytes } from './random.js';

/** scrypt parameters; N = 2^15, r = 8, p = 1 by default (OWASP's minimum for scrypt). */
export interface KdfParams {
  name: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: string;
}

export function newKdfParams(N = 2 ** 15): KdfParams {
  return { name: 'scrypt', N, r: 8, p: 1, salt: toBase64Url(randomBytes(16)) };
}

export async function deriveKey(passphrase: string, params: KdfParams): Promise<Uint8Array> {
  if (typeof passphrase !== 'string' || passphrase.length === 0) {
    throw new GdsCryptoError('GDS_CRYPTO_INVALID_INPUT', '口令不能为空', 'the passphrase must not be empty');
  }
  if (params.name !== 'scrypt' || params.N > 2 ** 20 || params.r > 32 || params.p > 16) {
    throw new GdsCryptoError(
      'GDS_CRYPTO_UNSUPPORTED',
      '不支持的密钥派生参数',
      'unsupported key derivation parameters',
    );
  }
  return scryptAsync(utf8(passphrase.normalize('NFC')), fromBase64Url(params.salt), {
    N: params.N,
    r: params.r,
    p: params.p,
    dkLen: 32,
  });
}

/** Associated data of a passphrase-encrypted secret: what it is, bound to its ciphertext. */
export function passphraseAd(context: string): Uint8Array {
  return utf8(`GDS-PASSPHRASE/v1\0${context}`);
}

function ad(kid: string): Uint8Array {
  return utf8(`GDS-KEYRING/v1\0${kid}`);
}

export async function wrapSecret(kek: Uint8Array, kid: string, secret: Uint8Array): Promise<string> {
  const s = await loadSodiumSuite();
  return toBase64Url(s.encrypt(kek, secret, ad(kid)));
}

export async function unwrapSecret(kek: Uint8Array, kid: string, wrapped: string): Promise<Uint8Array> {
  const s = await loadSodiumSuite();
  try {
    return s.decrypt(kek, fromBase64Url(wrapped), ad(kid));
  } catch (cause) {
    throw new GdsCryptoError(
      'GDS_CRYPTO_WRONG_PASSPHRASE',
      `口令错误，或密钥 ${kid} 的密文已损坏`,
      `wrong passphrase, or the stored secret of ${kid} is damaged`,
      { cause },
    );
  }
}

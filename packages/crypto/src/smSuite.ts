import { sm2, sm3 as sm3Hex, sm4 } from 'sm-crypto-v2';
import { assertBytes, assertKey, assertKeyAtLeast, concatBytes } from './_internal/bytes.js';
import { fromHex, toHex } from './_internal/hex.js';
import { randomBytes } from './_internal/random.js';
import { assertPublicKey, decryptFailed, GCM_NONCE, N, publicKeyHex, TAG } from './_internal/sm.js';
import { GdsCryptoError } from './errors.js';
import { sm3 } from './sm3.js';
import type { KeyUse, RawKeyPair, Suite } from './suite.js';

/**
 * The default SM2 user id (GB/T 35276-2017 section 5.4.1), used in Z_A.
 *
 * @example
 * ```ts
 * import { SM2_DEFAULT_USER_ID } from '@gds/crypto/sm';
 * SM2_DEFAULT_USER_ID; // '1234567812345678'
 * ```
 */
export const SM2_DEFAULT_USER_ID = '1234567812345678';

function scalarFromSeed(seed: Uint8Array): Uint8Array {
  let x = 0n;
  for (const b of seed) x = (x << 8n) | BigInt(b);
  const d = (x % (N - 1n)) + 1n;
  return fromHex(d.toString(16).padStart(64, '0'));
}

/**
 * The `sm` suite for 密评 (GB/T 39786-2021): SM2 signatures with Z_A and the default user id
 * `1234567812345678` (raw r ‖ s, 64 bytes), SM2 public-key encryption in C1 ‖ C3 ‖ C2 order with an
 * uncompressed C1 (`04 ‖ x ‖ y`), SM3, SM4-GCM (12-byte nonce, 16-byte tag, 16-byte keys) and
 * HMAC-SM3, on sm-crypto-v2 (checked against the published vectors in this package's tests). Keys:
 * 32-byte secret scalars and 65-byte uncompressed public points; `mac` (HMAC-SM3, RFC 2104) takes keys of
 * 16 bytes or more, those longer than the 64-byte SM3 block hashed first. Key storage for a certified module goes
 * behind the `KeyStore` interface; this suite is the algorithm library only.
 *
 * @example
 * ```ts
 * import { smSuite } from '@gds/crypto/sm';
 * const { publicKey, secretKey } = smSuite.generateKeyPair('sign');
 * const sig = smSuite.sign(new TextEncoder().encode('记录'), secretKey);
 * smSuite.verify(sig, new TextEncoder().encode('记录'), publicKey); // true
 * ```
 */
export const smSuite: Suite = {
  id: 'sm',
  algorithms: {
    signature: 'SM2 (GB/T 32918.2, Z_A with default user id)',
    keyAgreement: 'SM2 encryption (GB/T 32918.4, C1C3C2)',
    aead: 'SM4-GCM',
    hash: 'SM3',
    mac: 'HMAC-SM3',
  },
  symmetricKeyLength: 16,
  generateKeyPair(_use: KeyUse, seed?: Uint8Array): RawKeyPair {
    if (seed !== undefined) assertKey(seed, 'seed', 32);
    // 48 random bytes reduced mod n-1 keep the bias below 2^-128.
    const secretKey = scalarFromSeed(seed ?? randomBytes(48));
    return { publicKey: fromHex(publicKeyHex(secretKey)), secretKey };
  },
  publicKeyOf(_use: KeyUse, secretKey: Uint8Array): Uint8Array {
    return fromHex(publicKeyHex(secretKey));
  },
  sign(message, secretKey) {
    assertBytes(message, 'message');
    const pk = publicKeyHex(secretKey);
    return fromHex(
      sm2.doSignature(message, toHex(secretKey), { hash: true, publicKey: pk, userId: SM2_DEFAULT_USER_ID }),
    );
  },
  verify(signature, message, publicKey) {
    assertPublicKey(publicKey);
    if (!(signature instanceof Uint8Array) || signature.length !== 64) return false;
    try {
      return sm2.doVerifySignature(message, toHex(signature), toHex(publicKey), {
        hash: true,
        userId: SM2_DEFAULT_USER_ID,
      });
    } catch {
      return false;
    }
  },
  seal(plaintext, recipientPublicKey) {
    assertPublicKey(recipientPublicKey);
    assertBytes(plaintext, 'plaintext');
    if (plaintext.length === 0) {
      // sm-crypto-v2 reports a failed C3 check as an empty plaintext, so an empty one cannot be told apart.
      throw new GdsCryptoError(
        'GDS_CRYPTO_INVALID_INPUT',
        'SM2 加密的明文不能为空',
        'SM2 plaintext must not be empty',
      );
    }
    // sm-crypto-v2 omits C1's 04 prefix; GDS writes the standard uncompressed form.
    return fromHex(`04${sm2.doEncrypt(plaintext, toHex(recipientPublicKey), 1)}`);
  },
  open(sealed, recipient) {
    assertKey(recipient.secretKey, 'secretKey', 32);
    if (!(sealed instanceof Uint8Array) || sealed.length <= 97 || sealed[0] !== 4) throw decryptFailed();
    let out: Uint8Array;
    try {
      out = sm2.doDecrypt(toHex(sealed.subarray(1)), toHex(recipient.secretKey), 1, { output: 'array' });
    } catch (cause) {
      throw decryptFailed(cause);
    }
    if (out.length === 0) throw decryptFailed();
    return out;
  },
  encrypt(key, plaintext, associatedData) {
    assertKey(key, 'key', 16);
    const nonce = randomBytes(GCM_NONCE);
    const r = sm4.encrypt(plaintext, key, {
      mode: 'gcm',
      iv: nonce,
      associatedData,
      output: 'array',
      outputTag: true,
    });
    return concatBytes(nonce, r.output, r.tag!);
  },
  decrypt(key, sealed, associatedData) {
    assertKey(key, 'key', 16);
    if (sealed.length < GCM_NONCE + TAG) throw decryptFailed();
    try {
      return sm4.decrypt(sealed.subarray(GCM_NONCE, sealed.length - TAG), key, {
        mode: 'gcm',
        iv: sealed.subarray(0, GCM_NONCE),
        associatedData,
        tag: sealed.subarray(sealed.length - TAG),
        output: 'array',
      });
    } catch (cause) {
      throw decryptFailed(cause);
    }
  },
  hash: sm3,
  digest: sm3,
  mac(key, data) {
    // HMAC (RFC 2104) takes keys of any length, hashing those longer than SM3's 64-byte block; below
    // 16 bytes (128 bits, SM4's key size) a key is refused as too weak for a blind index or a MAC.
    assertKeyAtLeast(key, 'key', 16);
    assertBytes(data, 'data');
    return fromHex(sm3Hex(data, { key, mode: 'hmac' }));
  },
  randomBytes,
};

import { sha256 } from '@noble/hashes/sha2.js';
import { assertBytes, assertKey, concatBytes } from './_internal/bytes.js';
import { ed25519Backend } from './_internal/ed25519.js';
import { randomBytes } from './_internal/random.js';
import { loadSodium, type Sodium } from './_internal/sodium.js';
import { registerRaw, type SodiumRaw, sodiumRaw } from './_internal/sodiumRaw.js';
import { GdsCryptoError } from './errors.js';
import type { KeyUse, RawKeyPair, Suite } from './suite.js';

const NONCE = 24;

function decryptFailed(cause?: unknown): GdsCryptoError {
  return new GdsCryptoError(
    'GDS_CRYPTO_DECRYPT_FAILED',
    '解密失败：密文、关联数据或密钥不匹配',
    'decryption failed: ciphertext, associated data or key do not match',
    { cause },
  );
}

// `raw`: direct wasm calls when the wrappers expose the module (they do from 0.8); the wrappers otherwise.
function build(s: Sodium, raw: SodiumRaw | undefined): Suite {
  const ed = ed25519Backend(s);
  return {
    id: 'sodium',
    algorithms: {
      signature: 'Ed25519',
      keyAgreement: 'X25519',
      aead: 'XChaCha20-Poly1305',
      hash: 'SHA-256',
      mac: 'BLAKE2b-256 (keyed)',
    },
    symmetricKeyLength: 32,
    generateKeyPair(use: KeyUse, seed?: Uint8Array): RawKeyPair {
      const sd = seed ?? randomBytes(32);
      assertKey(sd, 'seed', 32);
      const kp = use === 'sign' ? s.crypto_sign_seed_keypair(sd) : s.crypto_box_seed_keypair(sd);
      return { publicKey: kp.publicKey, secretKey: kp.privateKey };
    },
    publicKeyOf(use: KeyUse, secretKey: Uint8Array): Uint8Array {
      if (use === 'sign') {
        assertKey(secretKey, 'secretKey', 64);
        // Recomputed from the seed half (crypto_sign_ed25519_sk_to_pk is missing from the standard build).
        return s.crypto_sign_seed_keypair(secretKey.subarray(0, 32)).publicKey;
      }
      assertKey(secretKey, 'secretKey', 32);
      return s.crypto_scalarmult_base(secretKey);
    },
    sign(message, secretKey) {
      assertBytes(message, 'message');
      assertKey(secretKey, 'secretKey', 64);
      return ed.sign(message, secretKey);
    },
    verify(signature, message, publicKey) {
      assertKey(publicKey, 'publicKey', 32);
      if (!(signature instanceof Uint8Array) || signature.length !== 64) return false;
      assertBytes(message, 'message');
      return ed.verify(signature, message, publicKey);
    },
    seal(plaintext, recipientPublicKey) {
      assertKey(recipientPublicKey, 'recipientPublicKey', 32);
      // crypto_box_seal's exact construction (ephemeral X25519 key, nonce = BLAKE2b-192(epk ‖ pk)), so
      // crypto_box_seal_open opens it; done here only to draw the ephemeral key from Web Crypto.
      const eph = s.crypto_box_seed_keypair(randomBytes(32));
      const nonce = s.crypto_generichash(NONCE, concatBytes(eph.publicKey, recipientPublicKey), null);
      const boxed = s.crypto_box_easy(plaintext, nonce, recipientPublicKey, eph.privateKey);
      eph.privateKey.fill(0);
      return concatBytes(eph.publicKey, boxed);
    },
    open(sealed, recipient) {
      assertKey(recipient.publicKey, 'publicKey', 32);
      assertKey(recipient.secretKey, 'secretKey', 32);
      try {
        return s.crypto_box_seal_open(sealed, recipient.publicKey, recipient.secretKey);
      } catch (cause) {
        throw decryptFailed(cause);
      }
    },
    encrypt(key, plaintext, associatedData) {
      assertKey(key, 'key', 32);
      assertBytes(plaintext, 'plaintext');
      assertBytes(associatedData, 'associatedData');
      const nonce = randomBytes(NONCE);
      if (raw) return raw.aeadEncrypt(key, nonce, plaintext, associatedData);
      const ct = s.crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, associatedData, null, nonce, key);
      return concatBytes(nonce, ct);
    },
    decrypt(key, sealed, associatedData) {
      assertKey(key, 'key', 32);
      assertBytes(sealed, 'ciphertext');
      assertBytes(associatedData, 'associatedData');
      if (sealed.length < NONCE + 16) throw decryptFailed();
      if (raw) {
        const plain = raw.aeadDecrypt(key, sealed.subarray(0, NONCE), sealed.subarray(NONCE), associatedData);
        if (!plain) throw decryptFailed();
        return plain;
      }
      try {
        return s.crypto_aead_xchacha20poly1305_ietf_decrypt(
          null,
          sealed.subarray(NONCE),
          associatedData,
          sealed.subarray(0, NONCE),
          key,
        );
      } catch (cause) {
        throw decryptFailed(cause);
      }
    },
    hash(data) {
      return sha256(data);
    },
    digest(data) {
      assertBytes(data, 'data');
      return s.crypto_generichash(32, data, null);
    },
    mac(key, data) {
      assertKey(key, 'key', 32);
      assertBytes(data, 'data');
      return raw ? raw.generichash(32, data, key) : s.crypto_generichash(32, data, key);
    },
    randomBytes,
  };
}

let suite: Suite | undefined;

/**
 * The default suite, `sodium`: Ed25519 signatures, X25519 sealed boxes (libsodium's `crypto_box_seal`
 * format), XChaCha20-Poly1305, SHA-256 and keyed BLAKE2b, on libsodium-wrappers (standard build),
 * initialised once. SHA-256 comes from @noble/hashes because the standard libsodium build lacks it.
 *
 * @example
 * ```ts
 * import { loadSodiumSuite } from '@gds/crypto';
 * const sodium = await loadSodiumSuite();
 * const key = sodium.randomBytes(32);
 * const box = sodium.encrypt(key, new TextEncoder().encode('secret'), new Uint8Array(0));
 * ```
 */
export async function loadSodiumSuite(): Promise<Suite> {
  if (suite) return suite;
  const s = await loadSodium();
  if (suite) return suite; // another caller finished first
  const raw = sodiumRaw(s);
  suite = build(s, raw);
  if (raw) registerRaw(suite, raw);
  return suite;
}

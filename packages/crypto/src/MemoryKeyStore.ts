import { GdsCryptoError } from './errors.js';
import type { KeyStore, StoredSecretKey } from './KeyStore.js';
import type { Suite } from './suite.js';

/**
 * The software {@link KeyStore}: secret keys in memory, used through the suite that made them.
 *
 * @example
 * ```ts
 * import { loadSodiumSuite, MemoryKeyStore } from '@gds/crypto';
 * const store = new MemoryKeyStore();
 * const suite = await loadSodiumSuite();
 * const kp = suite.generateKeyPair('sign');
 * store.put(suite, { kid: 'k1', use: 'sign', ...kp });
 * await store.sign('k1', new Uint8Array([1]));
 * ```
 */
export class MemoryKeyStore implements KeyStore {
  readonly #keys = new Map<string, { suite: Suite; key: StoredSecretKey }>();

  /** Adds or replaces a secret key. */
  put(suite: Suite, key: StoredSecretKey): void {
    this.#keys.set(key.kid, { suite, key });
  }

  /** Forgets a secret key (the bytes are overwritten). */
  delete(kid: string): void {
    this.#keys.get(kid)?.key.secretKey.fill(0);
    this.#keys.delete(kid);
  }

  async has(kid: string): Promise<boolean> {
    return this.#keys.has(kid);
  }

  async sign(kid: string, message: Uint8Array): Promise<Uint8Array> {
    return this.signSync(kid, message);
  }

  /** Synchronous `sign`, for hot loops over a software store. */
  signSync(kid: string, message: Uint8Array): Uint8Array {
    const e = this.#get(kid, 'sign');
    return e.suite.sign(message, e.key.secretKey);
  }

  async open(kid: string, sealed: Uint8Array): Promise<Uint8Array> {
    const e = this.#get(kid, 'encrypt');
    return e.suite.open(sealed, e.key);
  }

  async exportSecretKey(kid: string): Promise<Uint8Array | undefined> {
    return this.#keys.get(kid)?.key.secretKey.slice();
  }

  #get(kid: string, use: 'sign' | 'encrypt') {
    const e = this.#keys.get(kid);
    if (!e) {
      throw new GdsCryptoError(
        'GDS_CRYPTO_UNKNOWN_KEY',
        `密钥库中没有私钥 ${kid}`,
        `no secret key ${kid} in the key store`,
      );
    }
    if (e.key.use !== use) {
      throw new GdsCryptoError(
        'GDS_CRYPTO_WRONG_KEY_USE',
        `密钥 ${kid} 的用途是 ${e.key.use}，不能用于 ${use}`,
        `key ${kid} is for ${e.key.use}, not ${use}`,
      );
    }
    return e;
  }
}

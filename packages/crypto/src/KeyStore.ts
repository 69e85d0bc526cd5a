import type { KeyUse } from './suite.js';

/**
 * Where secret keys live and are used. GDS never needs a secret key itself, only these operations, so
 * a hardware security module or a certified cryptographic module (for 密评) can implement this interface
 * and keep keys inside it. `MemoryKeyStore` is the software implementation.
 *
 * @example
 * ```ts
 * import type { KeyStore } from '@gds/crypto';
 * const hsm: KeyStore = {
 *   has: async (kid) => myHsm.has(kid),
 *   sign: async (kid, message) => myHsm.sign(kid, message),
 *   open: async (kid, sealed) => myHsm.decrypt(kid, sealed),
 * };
 * ```
 */
export interface KeyStore {
  /** Whether the store holds the secret key of `kid`. */
  has(kid: string): Promise<boolean>;
  /** Signs `message` with the signing key `kid`, with that key's suite. */
  sign(kid: string, message: Uint8Array): Promise<Uint8Array>;
  /** Opens a sealed secret (the suite's `seal`) with the encryption key `kid`. */
  open(kid: string, sealed: Uint8Array): Promise<Uint8Array>;
  /** Software stores only: the raw secret key, for export under a passphrase. HSMs leave it out. */
  exportSecretKey?(kid: string): Promise<Uint8Array | undefined>;
}

/** A secret key held by a {@link KeyStore} implementation. */
export interface StoredSecretKey {
  kid: string;
  use: KeyUse;
  publicKey: Uint8Array;
  secretKey: Uint8Array;
}

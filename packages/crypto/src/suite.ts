/** What a key is for. GDS keeps signing and encryption keys separate: one key, one use. */
export type KeyUse = 'sign' | 'encrypt';

/** Raw key material as a suite produces and consumes it. */
export interface RawKeyPair {
  publicKey: Uint8Array;
  secretKey: Uint8Array;
}

/**
 * A cryptographic suite: one coherent set of algorithms, named by `id` in every signature, envelope
 * and encrypted field. Verifiers choose which suites they accept by passing the suite objects
 * themselves (the allow-list); a sender's choice is never negotiated. Methods are synchronous so that
 * hot loops (field encryption) pay no promise per call; obtain a suite with `loadSodiumSuite()` or,
 * from `@gds/crypto/sm`, `smSuite`.
 *
 * Errors: `open` and `decrypt` throw `GDS_CRYPTO_DECRYPT_FAILED` on any authentication failure;
 * `verify` returns `false` for a signature that does not verify.
 *
 * @example
 * ```ts
 * import { loadSodiumSuite, type Suite } from '@gds/crypto';
 * const suite: Suite = await loadSodiumSuite();
 * const { publicKey, secretKey } = suite.generateKeyPair('sign');
 * const sig = suite.sign(new Uint8Array([1, 2, 3]), secretKey);
 * suite.verify(sig, new Uint8Array([1, 2, 3]), publicKey); // true
 * ```
 */
export interface Suite {
  /** `"sodium"` or `"sm"`; appears in key ids, proofs and envelopes. */
  readonly id: string;
  /** Human-readable algorithm names, for documentation and JWK/Multikey export. */
  readonly algorithms: {
    readonly signature: string;
    readonly keyAgreement: string;
    readonly aead: string;
    readonly hash: string;
    readonly mac: string;
  };
  /** Length in bytes of the symmetric keys `encrypt`/`decrypt`/`mac` take. */
  readonly symmetricKeyLength: number;
  /** A fresh key pair for `use`, from `seed` when given (deterministic, for tests and recovery). */
  generateKeyPair(use: KeyUse, seed?: Uint8Array): RawKeyPair;
  /** The public key of a secret key of `use`. */
  publicKeyOf(use: KeyUse, secretKey: Uint8Array): Uint8Array;
  sign(message: Uint8Array, secretKey: Uint8Array): Uint8Array;
  verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean;
  /** Anonymous public-key encryption of a short secret to a recipient's encryption key. */
  seal(plaintext: Uint8Array, recipientPublicKey: Uint8Array): Uint8Array;
  open(sealed: Uint8Array, recipient: RawKeyPair): Uint8Array;
  /** Authenticated encryption; output is nonce ‖ ciphertext ‖ tag. */
  encrypt(key: Uint8Array, plaintext: Uint8Array, associatedData: Uint8Array): Uint8Array;
  decrypt(key: Uint8Array, sealed: Uint8Array, associatedData: Uint8Array): Uint8Array;
  /** 32-byte collision-resistant hash. */
  hash(data: Uint8Array): Uint8Array;
  /**
   * 32-byte digest that GDS signs in place of long inputs (envelope proofs): BLAKE2b-256 for sodium,
   * SM3 for sm. Signing a fixed-size digest costs the same whatever the payload size, and suits key
   * stores (HSMs) that take short inputs.
   */
  digest(data: Uint8Array): Uint8Array;
  /** 32-byte keyed MAC (blind indexes): keyed BLAKE2b-256 with a 32-byte key (sodium), HMAC-SM3 with a key of 16 bytes or more (sm). */
  mac(key: Uint8Array, data: Uint8Array): Uint8Array;
  randomBytes(n: number): Uint8Array;
}

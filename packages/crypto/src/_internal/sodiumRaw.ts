import type { Sodium } from './sodium.js';

// The emscripten module under libsodium-wrappers (`sodium.libsodium`): the C functions with pointers
// into the wasm heap, 64-bit lengths passed as (low, high) 32-bit halves.
interface RawModule {
  HEAPU8: Uint8Array;
  _malloc(n: number): number;
  _free(p: number): void;
  _crypto_sign_detached(
    sig: number,
    siglenP: number,
    m: number,
    mlenLo: number,
    mlenHi: number,
    sk: number,
  ): number;
  _crypto_sign_verify_detached(sig: number, m: number, mlenLo: number, mlenHi: number, pk: number): number;
  _crypto_generichash(
    out: number,
    outlen: number,
    m: number,
    mlenLo: number,
    mlenHi: number,
    key: number,
    keylen: number,
  ): number;
  _crypto_aead_xchacha20poly1305_ietf_encrypt(
    c: number,
    clenP: number,
    m: number,
    mlenLo: number,
    mlenHi: number,
    ad: number,
    adlenLo: number,
    adlenHi: number,
    nsec: number,
    npub: number,
    k: number,
  ): number;
  _crypto_aead_xchacha20poly1305_ietf_decrypt(
    m: number,
    mlenP: number,
    nsec: number,
    c: number,
    clenLo: number,
    clenHi: number,
    ad: number,
    adlenLo: number,
    adlenHi: number,
    npub: number,
    k: number,
  ): number;
}

/**
 * The libsodium calls GDS makes in hot loops, made on the wasm module directly. libsodium-wrappers
 * mallocs, copies and frees every argument and the result on each call, which costs more than the
 * cryptography for the short inputs of envelopes (a 54-byte signing input) and fields (a phone number).
 * Here inputs are copied into one arena allocated once, and outputs copied out once. Secret inputs
 * (keys) are wiped from the arena after each call. Same functions, same results, same checks.
 */
export interface SodiumRaw {
  signDetached(message: Uint8Array, secretKey: Uint8Array): Uint8Array;
  verifyDetached(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean;
  /** BLAKE2b of `outLength` bytes, keyed when `key` is given. */
  generichash(outLength: number, data: Uint8Array, key: Uint8Array | null): Uint8Array;
  /** nonce ‖ XChaCha20-Poly1305(key, nonce, plaintext, ad), in one output array. */
  aeadEncrypt(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array, ad: Uint8Array): Uint8Array;
  /** The plaintext, or undefined when authentication fails. */
  aeadDecrypt(
    key: Uint8Array,
    nonce: Uint8Array,
    ciphertext: Uint8Array,
    ad: Uint8Array,
  ): Uint8Array | undefined;
}

const ARENA = 64 * 1024;

export function sodiumRaw(s: Sodium): SodiumRaw | undefined {
  const m = (s as unknown as { libsodium?: Partial<RawModule> }).libsodium;
  if (
    !m ||
    typeof m._malloc !== 'function' ||
    typeof m._crypto_aead_xchacha20poly1305_ietf_encrypt !== 'function' ||
    !(m.HEAPU8 instanceof Uint8Array)
  ) {
    return undefined;
  }
  const L = m as RawModule;
  const arena = L._malloc(ARENA);
  if (!arena) return undefined;

  // A call needing more than the arena gets its own block, wiped and freed afterwards.
  function region(n: number): number {
    return n <= ARENA ? arena : L._malloc(n);
  }
  // Wipes the first `secret` bytes of a region (keys, plaintexts) and frees a block of its own.
  function release(p: number, secret: number): void {
    // HEAPU8 is read afresh: a call that grew the heap replaced it.
    if (secret > 0) L.HEAPU8.fill(0, p, p + secret);
    if (p !== arena) L._free(p);
  }

  return {
    signDetached(message, secretKey) {
      const n = 64 + 64 + message.length;
      const base = region(n);
      const sk = base;
      const sig = base + 64;
      const msg = base + 128;
      const h = L.HEAPU8;
      h.set(secretKey, sk);
      h.set(message, msg);
      const rc = L._crypto_sign_detached(sig, 0, msg, message.length, 0, sk);
      const out = L.HEAPU8.slice(sig, sig + 64);
      release(base, 64);
      if (rc !== 0) throw new Error('crypto_sign_detached failed');
      return out;
    },
    verifyDetached(signature, message, publicKey) {
      const n = 64 + 32 + message.length;
      const base = region(n);
      const sig = base;
      const pk = base + 64;
      const msg = base + 96;
      const h = L.HEAPU8;
      h.set(signature, sig);
      h.set(publicKey, pk);
      h.set(message, msg);
      const rc = L._crypto_sign_verify_detached(sig, msg, message.length, 0, pk);
      release(base, 0);
      return rc === 0;
    },
    generichash(outLength, data, key) {
      const kl = key ? key.length : 0;
      const n = outLength + kl + data.length;
      const base = region(n);
      const out = base;
      const k = base + outLength;
      const d = k + kl;
      const h = L.HEAPU8;
      if (key) h.set(key, k);
      h.set(data, d);
      const rc = L._crypto_generichash(out, outLength, d, data.length, 0, key ? k : 0, kl);
      const result = L.HEAPU8.slice(out, out + outLength);
      release(base, outLength + kl);
      if (rc !== 0) throw new Error('crypto_generichash failed');
      return result;
    },
    aeadEncrypt(key, nonce, plaintext, ad) {
      const n = 32 + 24 + ad.length + plaintext.length + plaintext.length + 16;
      const base = region(n);
      const k = base;
      const npub = base + 32;
      const a = npub + 24;
      const p = a + ad.length;
      const c = p + plaintext.length;
      const h = L.HEAPU8;
      h.set(key, k);
      h.set(nonce, npub);
      h.set(ad, a);
      h.set(plaintext, p);
      const rc = L._crypto_aead_xchacha20poly1305_ietf_encrypt(
        c,
        0,
        p,
        plaintext.length,
        0,
        a,
        ad.length,
        0,
        0,
        npub,
        k,
      );
      const out = new Uint8Array(24 + plaintext.length + 16);
      out.set(nonce, 0);
      out.set(L.HEAPU8.subarray(c, c + plaintext.length + 16), 24);
      // The key always; the plaintext too, which may be a secret field value.
      release(base, c - base);
      if (rc !== 0) throw new Error('crypto_aead_xchacha20poly1305_ietf_encrypt failed');
      return out;
    },
    aeadDecrypt(key, nonce, ciphertext, ad) {
      if (ciphertext.length < 16) return undefined;
      const mlen = ciphertext.length - 16;
      const n = 32 + 24 + ad.length + ciphertext.length + mlen;
      const base = region(n);
      const k = base;
      const npub = base + 32;
      const a = npub + 24;
      const c = a + ad.length;
      const p = c + ciphertext.length;
      const h = L.HEAPU8;
      h.set(key, k);
      h.set(nonce, npub);
      h.set(ad, a);
      h.set(ciphertext, c);
      const rc = L._crypto_aead_xchacha20poly1305_ietf_decrypt(
        p,
        0,
        0,
        c,
        ciphertext.length,
        0,
        a,
        ad.length,
        0,
        npub,
        k,
      );
      const out = rc === 0 ? L.HEAPU8.slice(p, p + mlen) : undefined;
      release(base, n);
      return out;
    },
  };
}

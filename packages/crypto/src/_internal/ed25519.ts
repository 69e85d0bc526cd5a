import type { Sodium } from './sodium.js';

/**
 * One Ed25519 implementation (RFC 8032, pure Ed25519). Every backend makes the same signatures
 * (Ed25519 is deterministic) and accepts exactly what libsodium's `crypto_sign_verify_detached`
 * accepts: S < L, R and A not of small order, A canonically encoded, R as encoded equal to the
 * recomputed R. OpenSSL and WebCrypto do not reject small-order or non-canonical keys themselves, so
 * {@link strictlyRejected} runs before them.
 */
export interface Ed25519Backend {
  readonly name: 'node' | 'libsodium';
  /** `secretKey` is libsodium's 64-byte form, seed ‖ public key. */
  sign(message: Uint8Array, secretKey: Uint8Array): Uint8Array;
  verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean;
}

/** An asynchronous backend (WebCrypto has no synchronous API). */
export interface Ed25519AsyncBackend {
  readonly name: 'webcrypto';
  sign(message: Uint8Array, secretKey: Uint8Array): Promise<Uint8Array>;
  verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): Promise<boolean>;
}

// The encodings libsodium's ge25519_has_small_order() rejects (compared with the sign bit masked): the
// points of order 1, 2, 4 and 8, and the non-canonical encodings p and p+1 of 0 and 1.
const SMALL_ORDER: readonly Uint8Array[] = [
  '0000000000000000000000000000000000000000000000000000000000000000',
  '0100000000000000000000000000000000000000000000000000000000000000',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
].map((h) => Uint8Array.from(h.match(/../g) ?? [], (b) => Number.parseInt(b, 16)));

function hasSmallOrder(p: Uint8Array, at: number): boolean {
  for (const bad of SMALL_ORDER) {
    let diff = ((p[at + 31] as number) & 0x7f) ^ (bad[31] as number);
    for (let j = 0; j < 31; j++) diff |= (p[at + j] as number) ^ (bad[j] as number);
    if (diff === 0) return true;
  }
  return false;
}

// libsodium's ge25519_is_canonical(): y < p (the sign bit aside).
function isCanonicalPoint(p: Uint8Array): boolean {
  if (((p[31] as number) & 0x7f) !== 0x7f) return true;
  for (let i = 30; i > 0; i--) if (p[i] !== 0xff) return true;
  return (p[0] as number) < 0xed;
}

/** What libsodium rejects before any curve arithmetic, and OpenSSL / WebCrypto would not. */
export function strictlyRejected(signature: Uint8Array, publicKey: Uint8Array): boolean {
  return hasSmallOrder(signature, 0) || !isCanonicalPoint(publicKey) || hasSmallOrder(publicKey, 0);
}

/** libsodium through its public API (libsodium-wrappers' documented functions). */
export function libsodiumEd25519(s: Sodium): Ed25519Backend {
  return {
    name: 'libsodium',
    sign: (message, secretKey) => s.crypto_sign_detached(message, secretKey),
    verify(signature, message, publicKey) {
      try {
        return s.crypto_sign_verify_detached(signature, message, publicKey);
      } catch {
        // libsodium throws on some malformed inputs instead of returning false: still "not valid".
        return false;
      }
    },
  };
}

// DER prefixes (RFC 8410) that wrap a raw 32-byte seed / public key for import.
const PKCS8_PREFIX = Uint8Array.of(
  0x30,
  0x2e,
  0x02,
  0x01,
  0x00,
  0x30,
  0x05,
  0x06,
  0x03,
  0x2b,
  0x65,
  0x70,
  0x04,
  0x22,
  0x04,
  0x20,
);
const SPKI_PREFIX = Uint8Array.of(0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00);

function wrap(prefix: Uint8Array, raw: Uint8Array): Uint8Array<ArrayBuffer> {
  const der = new Uint8Array(prefix.length + raw.length);
  der.set(prefix, 0);
  der.set(raw, prefix.length);
  return der;
}

function equal32(a: Uint8Array, at: number, b: Uint8Array): boolean {
  for (let i = 0; i < 32; i++) if (a[at + i] !== b[i]) return false;
  return true;
}
const samePublicHalf = (secretKey: Uint8Array, publicKey: Uint8Array): boolean =>
  equal32(secretKey, 32, publicKey);

// RFC 8032 section 7.1 test 1 public key: a valid point, to probe for WebCrypto Ed25519 support.
const PROBE_KEY = Uint8Array.from(
  'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a'.match(/../g) ?? [],
  (b) => Number.parseInt(b, 16),
);

type NodeCrypto = typeof import('node:crypto');

/**
 * node:crypto (OpenSSL). A secret key is imported once into a KeyObject, cached against the array that
 * holds it (the DER copy made for the import is wiped at once); a public key likewise. A cached entry
 * is reused only while the array's public half still matches, so an array reused for another key is
 * imported afresh.
 */
export function nodeEd25519(c: NodeCrypto): Ed25519Backend {
  const secrets = new WeakMap<Uint8Array, { key: import('node:crypto').KeyObject; pub: Uint8Array }>();
  const publics = new WeakMap<Uint8Array, { key: import('node:crypto').KeyObject; pub: Uint8Array }>();
  const lastPublic = {
    bytes: new Uint8Array(32),
    key: undefined as import('node:crypto').KeyObject | undefined,
  };

  function privateKey(secretKey: Uint8Array): import('node:crypto').KeyObject {
    const hit = secrets.get(secretKey);
    if (hit && samePublicHalf(secretKey, hit.pub)) return hit.key;
    const der = wrap(PKCS8_PREFIX, secretKey.subarray(0, 32));
    try {
      const key = c.createPrivateKey({
        key: Buffer.from(der.buffer, der.byteOffset, der.length),
        format: 'der',
        type: 'pkcs8',
      });
      secrets.set(secretKey, { key, pub: secretKey.slice(32, 64) });
      return key;
    } finally {
      der.fill(0);
    }
  }

  function publicKeyObject(publicKey: Uint8Array): import('node:crypto').KeyObject {
    const hit = publics.get(publicKey);
    if (hit && equal32(hit.pub, 0, publicKey)) return hit.key;
    // Verifiers often get a fresh array per call for the same key (decoded from a JWK or a key id).
    if (lastPublic.key && equal32(lastPublic.bytes, 0, publicKey)) return lastPublic.key;
    const der = wrap(SPKI_PREFIX, publicKey);
    const key = c.createPublicKey({
      key: Buffer.from(der.buffer, der.byteOffset, der.length),
      format: 'der',
      type: 'spki',
    });
    const pub = publicKey.slice();
    publics.set(publicKey, { key, pub });
    lastPublic.bytes = pub;
    lastPublic.key = key;
    return key;
  }

  return {
    name: 'node',
    sign(message, secretKey) {
      const sig = c.sign(null, message, privateKey(secretKey));
      return new Uint8Array(sig.buffer, sig.byteOffset, sig.length);
    },
    verify(signature, message, publicKey) {
      if (strictlyRejected(signature, publicKey)) return false;
      let key: import('node:crypto').KeyObject;
      try {
        key = publicKeyObject(publicKey);
      } catch {
        return false; // not a point on the curve
      }
      return c.verify(null, message, key, signature);
    },
  };
}

/** WebCrypto's Ed25519 (browsers that have it; Node has it too). Keys are imported once per array. */
export function webCryptoEd25519(subtle: SubtleCrypto): Ed25519AsyncBackend {
  const secrets = new WeakMap<Uint8Array, { key: Promise<CryptoKey>; pub: Uint8Array }>();
  const publics = new WeakMap<Uint8Array, { key: Promise<CryptoKey>; pub: Uint8Array }>();
  function privateKey(secretKey: Uint8Array): Promise<CryptoKey> {
    const hit = secrets.get(secretKey);
    if (hit && samePublicHalf(secretKey, hit.pub)) return hit.key;
    const der = wrap(PKCS8_PREFIX, secretKey.subarray(0, 32));
    const key = subtle
      .importKey('pkcs8', der, { name: 'Ed25519' }, false, ['sign'])
      .finally(() => der.fill(0));
    secrets.set(secretKey, { key, pub: secretKey.slice(32, 64) });
    return key;
  }
  function publicKeyObject(publicKey: Uint8Array): Promise<CryptoKey> {
    const hit = publics.get(publicKey);
    if (hit && equal32(hit.pub, 0, publicKey)) return hit.key;
    const key = subtle.importKey('raw', publicKey.slice(), { name: 'Ed25519' }, false, ['verify']);
    publics.set(publicKey, { key, pub: publicKey.slice() });
    return key;
  }
  return {
    name: 'webcrypto',
    async sign(message, secretKey) {
      return new Uint8Array(
        await subtle.sign({ name: 'Ed25519' }, await privateKey(secretKey), message.slice()),
      );
    },
    async verify(signature, message, publicKey) {
      if (strictlyRejected(signature, publicKey)) return false;
      try {
        const key = await publicKeyObject(publicKey);
        return await subtle.verify({ name: 'Ed25519' }, key, signature.slice(), message.slice());
      } catch {
        return false;
      }
    },
  };
}

let syncBackend: Ed25519Backend | undefined;
let asyncBackend: Ed25519AsyncBackend | null | undefined;

const isNode = (): boolean =>
  typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node === 'string';

/**
 * Chooses the backends once, at `ready()`: node:crypto in Node (imported lazily through a specifier
 * bundlers leave alone, so the browser entry reaches no `node:` module), libsodium elsewhere for the
 * synchronous API, and WebCrypto for the asynchronous one where the browser has Ed25519.
 */
export async function selectEd25519(s: Sodium): Promise<void> {
  if (syncBackend) return;
  let chosen: Ed25519Backend | undefined;
  if (isNode() && (globalThis as { GDS_CRYPTO_ED25519?: string }).GDS_CRYPTO_ED25519 !== 'libsodium') {
    try {
      const spec = 'node:crypto';
      const c = (await import(/* @vite-ignore */ spec)) as NodeCrypto;
      chosen = nodeEd25519(c);
    } catch {
      chosen = undefined;
    }
  }
  syncBackend = chosen ?? libsodiumEd25519(s);
  if (!isNode()) asyncBackend = await probeWebCrypto();
}

async function probeWebCrypto(): Promise<Ed25519AsyncBackend | null> {
  const subtle = (globalThis as { crypto?: Crypto }).crypto?.subtle;
  if (!subtle) return null;
  try {
    await subtle.importKey('raw', PROBE_KEY.slice(), { name: 'Ed25519' }, false, ['verify']);
    return webCryptoEd25519(subtle);
  } catch {
    return null;
  }
}

export function ed25519Backend(s: Sodium): Ed25519Backend {
  syncBackend ??= libsodiumEd25519(s);
  return syncBackend;
}

/** The WebCrypto backend when the asynchronous API should use it (browsers with Ed25519). */
export function ed25519AsyncBackend(): Ed25519AsyncBackend | undefined {
  return asyncBackend ?? undefined;
}

import { deriveKey, type KdfParams, newKdfParams, unwrapSecret, wrapSecret } from './_internal/atRest.js';
import { fromBase64Url, toBase64Url } from './_internal/base64.js';
import { equalBytes } from './_internal/bytes.js';
import { textDigestFor } from './_internal/sodiumRaw.js';
import { type TimeInput, toIso } from './_internal/time.js';
import { GdsCryptoError } from './errors.js';
import type { KeyInfo, KeyResolver, KeyStatus } from './KeyInfo.js';
import type { KeyStore } from './KeyStore.js';
import { keyId } from './keyId.js';
import { loadSodiumSuite } from './loadSodiumSuite.js';
import { MemoryKeyStore } from './MemoryKeyStore.js';
import type { Signer } from './Signer.js';
import type { KeyUse, Suite } from './suite.js';

/** The serialised keyring (`keyring.json`): public metadata in clear, secret keys under a passphrase. */
export interface KeyringFile {
  gds: 'keyring/v1';
  keys: KeyInfoJson[];
  secrets?: {
    kdf: KdfParams;
    aead: 'XChaCha20-Poly1305';
    keys: Record<string, string>;
  };
}

/** {@link KeyInfo} with the public key as base64url, as stored in a {@link KeyringFile}. */
export type KeyInfoJson = Omit<KeyInfo, 'publicKey'> & { publicKey: string };

/** Options of {@link Keyring.generate}. */
export interface GenerateKeyOptions {
  use: KeyUse;
  label: string;
  issuer?: string;
  /** Suite id; `"sodium"` by default. The suite must be one the keyring was created with. */
  suite?: string;
  /** 32-byte seed for deterministic keys (tests, recovery); random otherwise. */
  seed?: Uint8Array;
  /** Creation time; now by default. */
  at?: TimeInput;
}

/**
 * Keys of one party: its own key pairs (secrets in a {@link KeyStore}) and other parties' public keys,
 * with their lifecycle. Rotation retires a key (it still verifies what it signed, never signs again)
 * and creates its successor with the same label, use and issuer; revocation marks a time after which
 * the key's signatures fail. A keyring is also a {@link KeyResolver} for verifying envelopes.
 *
 * @example
 * ```ts
 * import { Keyring } from '@gds/crypto';
 * const ring = await Keyring.create();
 * const k1 = await ring.generate({ use: 'sign', label: '民政局签名', issuer: 'dept:mca' });
 * const k2 = await ring.rotate(k1.kid); // k1 retired, k2 active
 * ring.revoke(k1.kid, { at: '2026-12-01T00:00:00Z', reason: 'key compromise' });
 * ```
 */
export class Keyring implements KeyResolver {
  readonly store: KeyStore;
  readonly #suites = new Map<string, Suite>();
  readonly #keys = new Map<string, KeyInfo>();

  private constructor(suites: Suite[], store: KeyStore) {
    for (const s of suites) this.#suites.set(s.id, s);
    this.store = store;
  }

  /**
   * An empty keyring over `suites` (default: the sodium suite) and `store` (default: a
   * {@link MemoryKeyStore}).
   *
   * @example
   * ```ts
   * import { Keyring } from '@gds/crypto';
   * import { smSuite } from '@gds/crypto/sm';
   * const ring = await Keyring.create({ suites: [smSuite] });
   * ```
   */
  static async create(options: { suites?: Suite[]; store?: KeyStore } = {}): Promise<Keyring> {
    const suites = options.suites ?? [await loadSodiumSuite()];
    return new Keyring(suites, options.store ?? new MemoryKeyStore());
  }

  /** The suite with this id, if the keyring was created with it. */
  suite(id: string): Suite {
    const s = this.#suites.get(id);
    if (!s) {
      throw new GdsCryptoError(
        'GDS_CRYPTO_SUITE_NOT_ALLOWED',
        `密钥环未启用算法套件 ${id}`,
        `suite ${id} is not enabled in this keyring`,
      );
    }
    return s;
  }

  /** Generates a key pair into the store and returns its public description. */
  async generate(options: GenerateKeyOptions): Promise<KeyInfo> {
    const suite = this.suite(options.suite ?? 'sodium');
    const kp = suite.generateKeyPair(options.use, options.seed);
    return this.#addSecret(suite, options.use, kp.publicKey, kp.secretKey, {
      label: options.label,
      issuer: options.issuer,
      createdAt: toIso(options.at ?? Date.now()),
    });
  }

  /**
   * Adds a key: public only (another department's key, for verifying and sealing to it), or with its
   * secret key (imported from JWK, Multikey or a backup). The key id is recomputed, never trusted.
   */
  async add(key: {
    suite: string;
    use: KeyUse;
    publicKey: Uint8Array;
    secretKey?: Uint8Array;
    label: string;
    issuer?: string;
    createdAt?: TimeInput;
    status?: KeyStatus;
    retiredAt?: TimeInput;
    revokedAt?: TimeInput;
    revocationReason?: string;
    replacedBy?: string;
  }): Promise<KeyInfo> {
    const suite = this.suite(key.suite);
    let secretKey = key.secretKey;
    // Ed25519 secrets travel as the 32-byte seed (JWK d, Multikey); libsodium signs with seed ‖ public key.
    if (secretKey && suite.id === 'sodium' && key.use === 'sign' && secretKey.length === 32) {
      secretKey = suite.generateKeyPair('sign', secretKey).secretKey;
    }
    if (secretKey && !equalBytes(suite.publicKeyOf(key.use, secretKey), key.publicKey)) {
      throw new GdsCryptoError(
        'GDS_CRYPTO_INVALID_KEY',
        '私钥与公钥不匹配',
        'the secret key does not match the public key',
      );
    }
    const meta = {
      label: key.label,
      issuer: key.issuer,
      createdAt: toIso(key.createdAt ?? Date.now()),
      status: key.status,
      retiredAt: key.retiredAt === undefined ? undefined : toIso(key.retiredAt),
      revokedAt: key.revokedAt === undefined ? undefined : toIso(key.revokedAt),
      revocationReason: key.revocationReason,
      replacedBy: key.replacedBy,
    };
    if (secretKey) return this.#addSecret(suite, key.use, key.publicKey, secretKey, meta);
    return this.#put(suite, key.use, key.publicKey, meta);
  }

  #put(suite: Suite, use: KeyUse, publicKey: Uint8Array, meta: Partial<KeyInfo>): KeyInfo {
    const kid = keyId(suite.id, use, publicKey);
    // Re-adding a key would reset its lifecycle (a retired or revoked key turning active again).
    if (this.#keys.has(kid)) {
      throw new GdsCryptoError(
        'GDS_CRYPTO_INVALID_INPUT',
        `密钥 ${kid} 已在密钥环中`,
        `key ${kid} is already in the keyring`,
      );
    }
    const info: KeyInfo = {
      kid,
      suite: suite.id,
      use,
      label: meta.label ?? '',
      publicKey: publicKey.slice(),
      createdAt: meta.createdAt ?? toIso(Date.now()),
      status: meta.status ?? 'active',
    };
    for (const k of ['issuer', 'retiredAt', 'revokedAt', 'revocationReason', 'replacedBy'] as const) {
      if (meta[k] !== undefined) info[k] = meta[k];
    }
    this.#keys.set(info.kid, info);
    return { ...info };
  }

  async #addSecret(
    suite: Suite,
    use: KeyUse,
    publicKey: Uint8Array,
    secretKey: Uint8Array,
    meta: Partial<KeyInfo>,
  ): Promise<KeyInfo> {
    if (!(this.store instanceof MemoryKeyStore)) {
      throw new GdsCryptoError(
        'GDS_CRYPTO_KEY_STORE',
        '此密钥库不接受导入的私钥：请在密钥库内生成密钥，再用 add() 登记公钥',
        'this key store does not take imported secret keys: generate keys inside it and add() the public key',
      );
    }
    const info = this.#put(suite, use, publicKey, meta);
    this.store.put(suite, { kid: info.kid, use, publicKey: info.publicKey, secretKey: secretKey.slice() });
    return info;
  }

  /** The key with this id, or undefined. */
  get(kid: string): KeyInfo | undefined {
    const k = this.#keys.get(kid);
    return k ? { ...k } : undefined;
  }

  resolveKey(kid: string): KeyInfo | undefined {
    return this.get(kid);
  }

  /** Every key, oldest first, optionally filtered. */
  list(filter: { use?: KeyUse; status?: KeyStatus; issuer?: string; label?: string } = {}): KeyInfo[] {
    return [...this.#keys.values()]
      .filter(
        (k) =>
          (filter.use === undefined || k.use === filter.use) &&
          (filter.status === undefined || k.status === filter.status) &&
          (filter.issuer === undefined || k.issuer === filter.issuer) &&
          (filter.label === undefined || k.label === filter.label),
      )
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .map((k) => ({ ...k }));
  }

  /** The newest active key for a use (and issuer or label), which is what signing picks by default. */
  activeKey(filter: { use: KeyUse; issuer?: string; label?: string }): KeyInfo {
    const found = this.list({ ...filter, status: 'active' }).pop();
    if (!found) {
      throw new GdsCryptoError(
        'GDS_CRYPTO_UNKNOWN_KEY',
        `没有可用的${filter.use === 'sign' ? '签名' : '加密'}密钥`,
        `no active ${filter.use} key`,
      );
    }
    return found;
  }

  /**
   * Retires `kid` and generates its successor (same suite, use, label and issuer), returned. The
   * retired key keeps verifying signatures dated before `at`, and never signs again.
   */
  async rotate(kid: string, options: { at?: TimeInput; seed?: Uint8Array } = {}): Promise<KeyInfo> {
    const old = this.#must(kid);
    if (old.status !== 'active') {
      throw new GdsCryptoError(
        old.status === 'revoked' ? 'GDS_CRYPTO_REVOKED_KEY' : 'GDS_CRYPTO_RETIRED_KEY',
        `密钥 ${kid} 已${old.status === 'revoked' ? '吊销' : '退役'}，不能轮换`,
        `key ${kid} is ${old.status} and cannot be rotated`,
      );
    }
    const at = toIso(options.at ?? Date.now());
    const next = await this.generate({
      use: old.use,
      label: old.label,
      issuer: old.issuer,
      suite: old.suite,
      seed: options.seed,
      at,
    });
    old.status = 'retired';
    old.retiredAt = at;
    old.replacedBy = next.kid;
    return next;
  }

  /** Revokes `kid` from `at` (default now): its signatures dated at or after `at` fail verification. */
  revoke(kid: string, options: { at?: TimeInput; reason?: string } = {}): KeyInfo {
    const k = this.#must(kid);
    k.status = 'revoked';
    k.revokedAt = toIso(options.at ?? Date.now());
    if (options.reason !== undefined) k.revocationReason = options.reason;
    return { ...k };
  }

  /**
   * Signs with `kid` after checking it may sign now: an active signing key. Retired keys throw
   * `GDS_CRYPTO_RETIRED_KEY`, revoked ones `GDS_CRYPTO_REVOKED_KEY`.
   */
  async sign(kid: string, message: Uint8Array): Promise<Uint8Array> {
    const k = this.#must(kid);
    if (k.use !== 'sign') {
      throw new GdsCryptoError(
        'GDS_CRYPTO_WRONG_KEY_USE',
        `密钥 ${kid} 不是签名密钥`,
        `key ${kid} is not a signing key`,
      );
    }
    if (k.status === 'revoked') {
      throw new GdsCryptoError('GDS_CRYPTO_REVOKED_KEY', `密钥 ${kid} 已吊销`, `key ${kid} is revoked`);
    }
    if (k.status === 'retired') {
      throw new GdsCryptoError(
        'GDS_CRYPTO_RETIRED_KEY',
        `密钥 ${kid} 已退役，只能验证`,
        `key ${kid} is retired: it only verifies`,
      );
    }
    return this.store.sign(kid, message);
  }

  /**
   * A {@link Signer} for `kid` (default: the newest active signing key), which checks the key's status
   * at every signature.
   */
  signer(kid?: string): Signer {
    const k = kid === undefined ? this.activeKey({ use: 'sign' }) : this.#must(kid);
    const suite = this.suite(k.suite);
    return {
      kid: k.kid,
      suite: k.suite,
      issuer: k.issuer,
      sign: (message) => this.sign(k.kid, message),
      // The suite's own function where it has a text form, so envelopes can digest text directly.
      digest: textDigestFor(suite.digest) ? suite.digest : (data) => suite.digest(data),
    };
  }

  /** Opens a sealed secret with the encryption key `kid` (retired encryption keys still open old data). */
  async open(kid: string, sealed: Uint8Array): Promise<Uint8Array> {
    const k = this.#must(kid);
    if (k.use !== 'encrypt') {
      throw new GdsCryptoError(
        'GDS_CRYPTO_WRONG_KEY_USE',
        `密钥 ${kid} 不是加密密钥`,
        `key ${kid} is not an encryption key`,
      );
    }
    return this.store.open(kid, sealed);
  }

  /** Whether this keyring can use the secret key of `kid`. */
  async has(kid: string): Promise<boolean> {
    return this.#keys.has(kid) && this.store.has(kid);
  }

  #must(kid: string): KeyInfo {
    const k = this.#keys.get(kid);
    if (!k) throw new GdsCryptoError('GDS_CRYPTO_UNKNOWN_KEY', `未知密钥 ${kid}`, `unknown key ${kid}`);
    return k;
  }

  /**
   * Serialises the keyring. With `passphrase`, secret keys the store can export are included,
   * encrypted with XChaCha20-Poly1305 under a key derived by scrypt (N = 2^15 by default); without it,
   * only public metadata.
   */
  async export(options: { passphrase?: string; scryptN?: number } = {}): Promise<KeyringFile> {
    const keys: KeyInfoJson[] = this.list().map((k) => ({ ...k, publicKey: toBase64Url(k.publicKey) }));
    const file: KeyringFile = { gds: 'keyring/v1', keys };
    if (options.passphrase !== undefined && this.store.exportSecretKey) {
      const kdf = newKdfParams(options.scryptN);
      const kek = await deriveKey(options.passphrase, kdf);
      const secrets: Record<string, string> = {};
      for (const k of keys) {
        const sk = await this.store.exportSecretKey(k.kid);
        if (sk) secrets[k.kid] = await wrapSecret(kek, k.kid, sk);
      }
      kek.fill(0);
      file.secrets = { kdf, aead: 'XChaCha20-Poly1305', keys: secrets };
    }
    return file;
  }

  /**
   * Reads a {@link KeyringFile}. Secret keys are decrypted with `passphrase` (a wrong one throws
   * `GDS_CRYPTO_WRONG_PASSPHRASE`); without it only public keys are loaded.
   */
  static async import(
    file: KeyringFile,
    options: { passphrase?: string; suites?: Suite[]; store?: KeyStore } = {},
  ): Promise<Keyring> {
    if (file?.gds !== 'keyring/v1' || !Array.isArray(file.keys)) {
      throw new GdsCryptoError('GDS_CRYPTO_MALFORMED', '不是 GDS 密钥环文件', 'not a GDS keyring file');
    }
    const ring = await Keyring.create(options);
    const kek =
      options.passphrase !== undefined && file.secrets
        ? await deriveKey(options.passphrase, file.secrets.kdf)
        : undefined;
    for (const k of file.keys) {
      const publicKey = fromBase64Url(k.publicKey, 'publicKey');
      // Own entries only: a key id named `constructor` has no secret, it does not get Object's.
      const wrapped =
        file.secrets && Object.hasOwn(file.secrets.keys, k.kid) ? file.secrets.keys[k.kid] : undefined;
      const secretKey = kek && wrapped ? await unwrapSecret(kek, k.kid, wrapped) : undefined;
      const info = await ring.add({ ...k, publicKey, secretKey });
      if (info.kid !== k.kid) {
        throw new GdsCryptoError(
          'GDS_CRYPTO_MALFORMED',
          `密钥 ${k.kid} 的标识与其公钥不符`,
          `key id ${k.kid} does not match its public key`,
        );
      }
    }
    kek?.fill(0);
    return ring;
  }
}

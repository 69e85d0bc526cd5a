import { readFile } from 'node:fs/promises';
import {
  exportJwk,
  GdsCryptoError,
  importJwk,
  type Jwk,
  type KeyInfo,
  Keyring,
  type KeyUse,
} from '@gds/crypto';
import { loadFileKeyring, saveFileKeyring } from '@gds/crypto/node';

/** A keyring loaded from its directory, with the key this service uses. */
export interface LoadedKey {
  keyring: Keyring;
  key: KeyInfo;
  /** True when the key was generated now (first start). */
  created: boolean;
}

/**
 * Loads the keyring in `dir` (`keyring.json`, secret keys encrypted under `passphrase`) and returns its
 * active key for `use` and `issuer`; on first start, generates that key and saves the keyring.
 *
 * @example
 * ```ts
 * const { keyring, key } = await loadOrCreateKey({
 *   dir: '.gds/keys', passphrase: process.env.GDS_PASSPHRASE!, use: 'sign', issuer: 'grid-management',
 * });
 * ```
 */
export async function loadOrCreateKey(options: {
  dir: string;
  passphrase: string;
  use: KeyUse;
  issuer: string;
  label?: string;
}): Promise<LoadedKey> {
  const { dir, passphrase, use, issuer } = options;
  const keyring = await loadFileKeyring({ dir, passphrase });
  const existing = keyring.list({ use, issuer, status: 'active' }).pop();
  if (existing) return { keyring, key: existing, created: false };
  const key = await keyring.generate({ use, issuer, label: options.label ?? `${issuer} ${use}` });
  await saveFileKeyring(keyring, { dir, passphrase });
  return { keyring, key, created: true };
}

/** A public key as `gds keys export <kid>` writes it: a JWK with the GDS issuer and label beside it. */
export type PublicKeyFile = Jwk & { 'gds:issuer'?: string; 'gds:label'?: string };

/**
 * The public key file of a key (the same shape `gds keys export <kid>` writes), which the other side
 * imports with `gds keys import` or {@link readPublicKey}.
 *
 * @example
 * ```ts
 * await writeFile('grid-management.jwk.json', JSON.stringify(publicKeyFile(key)));
 * ```
 */
export function publicKeyFile(key: KeyInfo): PublicKeyFile {
  const jwk = exportJwk({ suite: key.suite, use: key.use, publicKey: key.publicKey }, key.kid);
  return {
    ...jwk,
    ...(key.issuer ? { 'gds:issuer': key.issuer } : {}),
    'gds:label': key.label,
  };
}

/**
 * Reads another party's public key from a JSON file written by `gds keys export` (or by
 * {@link publicKeyFile}). Refuses a file that carries a secret key (`d`): only public keys are exchanged.
 *
 * @example
 * ```ts
 * const platformKey = await readPublicKey('platform.jwk.json'); // use 'encrypt', issuer 'data-administration'
 * ```
 */
export async function readPublicKey(file: string): Promise<KeyInfo> {
  let doc: PublicKeyFile;
  try {
    doc = JSON.parse(await readFile(file, 'utf8')) as PublicKeyFile;
  } catch (cause) {
    throw new GdsCryptoError(
      'GDS_CRYPTO_INVALID_KEY',
      `无法读取公钥文件 ${file}`,
      `cannot read the public key file ${file}`,
      { cause },
    );
  }
  if (doc.d !== undefined) {
    throw new GdsCryptoError(
      'GDS_CRYPTO_INVALID_KEY',
      `${file} 含有私钥：只应交换公钥`,
      `${file} contains a secret key: exchange public keys only`,
    );
  }
  const { secretKey: _none, ...material } = importJwk(doc);
  const ring = await Keyring.create();
  return ring.add({
    ...material,
    label: doc['gds:label'] ?? file,
    ...(doc['gds:issuer'] ? { issuer: doc['gds:issuer'] } : {}),
  });
}

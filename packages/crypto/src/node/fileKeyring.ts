import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { GdsCryptoError } from '../errors.js';
import { Keyring, type KeyringFile } from '../Keyring.js';
import type { Suite } from '../suite.js';

/** Where the CLI keeps its keyring unless told otherwise: `./.gds/keys` (relative to the working directory). */
export const DEFAULT_KEYRING_DIR = '.gds/keys';
const FILE = 'keyring.json';

/** Options of {@link loadFileKeyring} and {@link saveFileKeyring}. */
export interface FileKeyringOptions {
  /** The keyring directory; `./.gds/keys` by default. */
  dir?: string;
  /** Base for a relative `dir` (default: the process's working directory). */
  cwd?: string;
  /** Decrypts (load) or encrypts (save) the secret keys; without it, only public keys are read or written. */
  passphrase?: string;
  suites?: Suite[];
  /** scrypt cost for saving (default 2^15). */
  scryptN?: number;
}

function pathOf(o: FileKeyringOptions): { dir: string; file: string } {
  const dir = resolve(o.cwd ?? process.cwd(), o.dir ?? DEFAULT_KEYRING_DIR);
  return { dir, file: join(dir, FILE) };
}

/**
 * Loads the keyring in `dir/keyring.json` (Node only, `@gds/crypto/node`); an absent file gives an empty
 * keyring. Secret keys are decrypted with `passphrase`; a wrong one throws `GDS_CRYPTO_WRONG_PASSPHRASE`.
 *
 * @example
 * ```ts
 * import { loadFileKeyring } from '@gds/crypto/node';
 * const ring = await loadFileKeyring({ passphrase: process.env.GDS_PASSPHRASE });
 * ```
 */
export async function loadFileKeyring(options: FileKeyringOptions = {}): Promise<Keyring> {
  const { file } = pathOf(options);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return Keyring.create({ suites: options.suites });
    throw new GdsCryptoError(
      'GDS_CRYPTO_KEY_STORE',
      `无法读取密钥环 ${file}`,
      `cannot read the keyring ${file}`,
      { cause },
    );
  }
  let json: KeyringFile;
  try {
    json = JSON.parse(text) as KeyringFile;
  } catch (cause) {
    throw new GdsCryptoError(
      'GDS_CRYPTO_MALFORMED',
      `密钥环文件 ${file} 不是 JSON`,
      `the keyring file ${file} is not JSON`,
      { cause },
    );
  }
  return Keyring.import(json, { passphrase: options.passphrase, suites: options.suites });
}

/**
 * Saves a keyring to `dir/keyring.json` (Node only, `@gds/crypto/node`): the directory is created with
 * mode 0700 and the file with mode 0600, written to a temporary file first and renamed, so a crash never
 * leaves half a keyring. Secret keys are written only when `passphrase` is given, encrypted under it
 * (scrypt + XChaCha20-Poly1305).
 *
 * @example
 * ```ts
 * import { Keyring } from '@gds/crypto';
 * import { saveFileKeyring } from '@gds/crypto/node';
 * const ring = await Keyring.create();
 * await ring.generate({ use: 'sign', label: '民政局', issuer: 'dept:mca' });
 * await saveFileKeyring(ring, { passphrase: 'correct horse battery staple' });
 * ```
 */
export async function saveFileKeyring(keyring: Keyring, options: FileKeyringOptions = {}): Promise<string> {
  const { dir, file } = pathOf(options);
  const json = await keyring.export({ passphrase: options.passphrase, scryptN: options.scryptN });
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, `${JSON.stringify(json, null, 2)}\n`, { mode: 0o600, flag: 'w' });
    // writeFile's mode applies only when it creates the file; make sure of 0600 either way.
    await chmod(tmp, 0o600);
    await rename(tmp, file);
  } catch (cause) {
    throw new GdsCryptoError(
      'GDS_CRYPTO_KEY_STORE',
      `无法写入密钥环 ${file}`,
      `cannot write the keyring ${file}`,
      { cause },
    );
  }
  return file;
}

import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { decryptWithPassphrase, encryptWithPassphrase, type PassphraseEncrypted } from '@gds/crypto';
import { GdsLedgerError } from './errors.js';
import { formatVerifierKey, noteSignerFromKey } from './noteKeys.js';

/** The JSON of an encrypted note key file. */
interface NoteKeyFile {
  gds: 'note-key/v1';
  /** The public half, in clear, so the file says whose key it is without the passphrase. */
  verifierKey: string;
  secret: PassphraseEncrypted;
}

/**
 * A note signer key read back by {@link readNoteKeyFile}.
 *
 * @example
 * ```ts
 * import type { NoteKeyFileContent } from '@gds/ledger/node';
 * const warn = (k: NoteKeyFileContent) => (k.encrypted ? undefined : 'the key file is not encrypted');
 * ```
 */
export interface NoteKeyFileContent {
  signerKey: string;
  verifierKey: string;
  /** False for a key file of an earlier version: the bare `PRIVATE+KEY+…` line, in clear. */
  encrypted: boolean;
}

const context = (verifierKey: string) => `gds-note-signer-key ${verifierKey}`;

/**
 * Writes a note signer key (`PRIVATE+KEY+…`) encrypted under a passphrase, with the keyring's scheme
 * (scrypt N = 2^15, r = 8, p = 1, then XChaCha20-Poly1305; the verifier key, in clear in the file, is
 * bound into the associated data). The file is written with mode 0600 through a temporary file and a
 * rename, so it is never half written; a folder it has to create gets mode 0700. Node only.
 *
 * @example
 * ```ts
 * import { generateNoteKey } from '@gds/ledger';
 * import { writeNoteKeyFile } from '@gds/ledger/node';
 * const { signerKey } = await generateNoteKey('county.example/log');
 * await writeNoteKeyFile('./.gds/log.key', signerKey, { passphrase: process.env.GDS_PASSPHRASE! });
 * ```
 */
export async function writeNoteKeyFile(
  path: string,
  signerKey: string,
  options: { passphrase: string; scryptN?: number },
): Promise<void> {
  const signer = await noteSignerFromKey(signerKey);
  const verifierKey = formatVerifierKey(signer.name, signer.publicKey);
  const secret = await encryptWithPassphrase(new TextEncoder().encode(signerKey), options.passphrase, {
    context: context(verifierKey),
    ...(options.scryptN === undefined ? {} : { scryptN: options.scryptN }),
  });
  const file: NoteKeyFile = { gds: 'note-key/v1', verifierKey, secret };
  const tmp = `${path}.tmp.${process.pid}`;
  try {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    await writeFile(tmp, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
    // writeFile's mode applies only when it creates the file.
    await chmod(tmp, 0o600);
    await rename(tmp, path);
  } catch (cause) {
    throw new GdsLedgerError(
      'GDS_LEDGER_STORE',
      `无法写入密钥文件 ${path}`,
      `cannot write the key file ${path}`,
      {
        cause,
      },
    );
  }
}

/**
 * Reads a note signer key file: one written by {@link writeNoteKeyFile} (decrypted with `passphrase`),
 * or one of an earlier version that holds the bare `PRIVATE+KEY+…` line, which still opens, with
 * `encrypted: false` so the caller can warn and re-encrypt it. A wrong passphrase throws
 * `GDS_LEDGER_INVALID_KEY` (its cause `GDS_CRYPTO_WRONG_PASSPHRASE`); an encrypted file without a
 * passphrase `GDS_LEDGER_INVALID_INPUT`. Node only.
 *
 * @example
 * ```ts
 * import { noteSignerFromKey } from '@gds/ledger';
 * import { readNoteKeyFile } from '@gds/ledger/node';
 * const key = await readNoteKeyFile('./.gds/log.key', { passphrase: process.env.GDS_PASSPHRASE });
 * const signer = await noteSignerFromKey(key.signerKey);
 * ```
 */
export async function readNoteKeyFile(
  path: string,
  options: { passphrase?: string | undefined } = {},
): Promise<NoteKeyFileContent> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new GdsLedgerError(
      'GDS_LEDGER_STORE',
      `无法读取密钥文件 ${path}`,
      `cannot read the key file ${path}`,
      {
        cause,
      },
    );
  }
  const bare = text.trim();
  if (bare.startsWith('PRIVATE+KEY+')) {
    const signer = await noteSignerFromKey(bare);
    return {
      signerKey: bare,
      verifierKey: formatVerifierKey(signer.name, signer.publicKey),
      encrypted: false,
    };
  }
  let file: Partial<NoteKeyFile>;
  try {
    file = JSON.parse(text) as Partial<NoteKeyFile>;
  } catch {
    file = {};
  }
  if (file?.gds !== 'note-key/v1' || typeof file.verifierKey !== 'string') {
    throw new GdsLedgerError(
      'GDS_LEDGER_INVALID_KEY',
      `${path} 不是签名密钥文件`,
      `${path} is not a signer key file`,
    );
  }
  if (options.passphrase === undefined || options.passphrase === '') {
    throw new GdsLedgerError(
      'GDS_LEDGER_INVALID_INPUT',
      `密钥文件 ${path} 已加密，需要口令`,
      `the key file ${path} is encrypted: a passphrase is needed`,
    );
  }
  let signerKey: string;
  try {
    const bytes = await decryptWithPassphrase(file.secret, options.passphrase, {
      context: context(file.verifierKey),
    });
    signerKey = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    bytes.fill(0);
  } catch (cause) {
    throw new GdsLedgerError(
      'GDS_LEDGER_INVALID_KEY',
      `无法解密密钥文件 ${path}：口令错误或文件已损坏`,
      `cannot decrypt the key file ${path}: wrong passphrase or a damaged file`,
      { cause },
    );
  }
  const signer = await noteSignerFromKey(signerKey);
  if (formatVerifierKey(signer.name, signer.publicKey) !== file.verifierKey) {
    throw new GdsLedgerError(
      'GDS_LEDGER_INVALID_KEY',
      `密钥文件 ${path} 中的私钥与其公钥不符`,
      `the secret key in ${path} does not match its verifier key`,
    );
  }
  return { signerKey, verifierKey: file.verifierKey, encrypted: true };
}

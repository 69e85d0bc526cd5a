import { ed25519Sign, ed25519Verify, generateEd25519KeyPair, sha256 } from '@gds/crypto';
import { concatBytes, fromBase64, toBase64, utf8Encoder } from './_internal/bytes.js';
import { GdsLedgerError } from './errors.js';

/**
 * Signature type byte of plain Ed25519 note signatures (C2SP signed-note).
 *
 * @example
 * ```ts
 * import { formatVerifierKey, NOTE_TYPE_ED25519 } from '@gds/ledger';
 * const vkey = formatVerifierKey('county.example/log', publicKey, NOTE_TYPE_ED25519);
 * ```
 */
export const NOTE_TYPE_ED25519 = 0x01;
/**
 * Signature type byte of timestamped Ed25519 witness cosignatures (C2SP tlog-cosignature).
 *
 * @example
 * ```ts
 * import { formatVerifierKey, NOTE_TYPE_COSIGNATURE } from '@gds/ledger';
 * const witnessVkey = formatVerifierKey('health.example/witness', publicKey, NOTE_TYPE_COSIGNATURE);
 * ```
 */
export const NOTE_TYPE_COSIGNATURE = 0x04;

/**
 * Something that signs note text under a key name and 32-bit key ID (C2SP signed-note).
 *
 * @example
 * ```ts
 * import { noteSignerFromKey } from '@gds/ledger';
 * const signer = await noteSignerFromKey('PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz');
 * signer.name; // 'PeterNeumann'
 * ```
 */
export interface NoteSigner {
  readonly name: string;
  /** uint32 key ID, the first four bytes of SHA-256(name || 0x0A || type || public key). */
  readonly keyId: number;
  /** Signature type byte (0x01 Ed25519, 0x04 cosignature). */
  readonly type: number;
  readonly publicKey: Uint8Array;
  /** Signs the note text; returns the signature bytes without the key ID. */
  sign(text: Uint8Array): Promise<Uint8Array>;
}

/**
 * Something that checks note signatures of one key name and key ID.
 *
 * @example
 * ```ts
 * import { noteVerifierFromKey } from '@gds/ledger';
 * const v = noteVerifierFromKey('PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW');
 * v.keyId.toString(16); // 'c74f20a3'
 * ```
 */
export interface NoteVerifier {
  readonly name: string;
  readonly keyId: number;
  readonly type: number;
  readonly publicKey: Uint8Array;
  /** The verifier key string (`name+hash+base64`). */
  readonly key: string;
  /** Checks `signature` (without the key ID) over the note text. */
  verify(text: Uint8Array, signature: Uint8Array): Promise<boolean>;
}

/**
 * The C2SP signed-note key ID: the first four bytes, big-endian, of
 * SHA-256(name || 0x0A || type || publicKey).
 *
 * @example
 * ```ts
 * import { noteKeyId, NOTE_TYPE_ED25519 } from '@gds/ledger';
 * const id = noteKeyId('example.org/log', NOTE_TYPE_ED25519, publicKey); // a uint32
 * ```
 */
export function noteKeyId(name: string, type: number, publicKey: Uint8Array): number {
  const h = sha256(concatBytes(utf8Encoder.encode(`${name}\n`), new Uint8Array([type]), publicKey));
  return ((h[0]! << 24) | (h[1]! << 16) | (h[2]! << 8) | h[3]!) >>> 0;
}

/**
 * True when `name` may name a note key: non-empty, no Unicode space, no `+` (C2SP signed-note and Go's
 * golang.org/x/mod/sumdb/note).
 *
 * @example
 * ```ts
 * import { isValidNoteKeyName } from '@gds/ledger';
 * isValidNoteKeyName('gov.example/county-log'); // true
 * isValidNoteKeyName('a+b'); // false
 * ```
 */
export function isValidNoteKeyName(name: string): boolean {
  return (
    name.length > 0 &&
    !/[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000+]/u.test(name) &&
    isWellFormed(name)
  );
}

function isWellFormed(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (!(d >= 0xdc00 && d <= 0xdfff)) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return false;
  }
  return true;
}

/**
 * A signer and verifier key pair as strings in the format of Go's golang.org/x/mod/sumdb/note:
 * `PRIVATE+KEY+<name>+<hash>+<base64(0x01 || seed)>` and `<name>+<hash>+<base64(0x01 || publicKey)>`.
 *
 * @example
 * ```ts
 * import { generateNoteKey } from '@gds/ledger';
 * const { signerKey, verifierKey } = await generateNoteKey('gov.example/county-log');
 * ```
 */
export interface NoteKeyPair {
  signerKey: string;
  verifierKey: string;
}

/**
 * Generates an Ed25519 note key pair for `name`, from secure randomness or, when given, a 32-byte seed.
 * The strings interoperate byte for byte with Go's `note.GenerateKey`.
 *
 * @example
 * ```ts
 * import { generateNoteKey } from '@gds/ledger';
 * const { signerKey, verifierKey } = await generateNoteKey('gov.example/county-log');
 * // verifierKey: 'gov.example/county-log+1a2b3c4d+AX...'
 * ```
 */
export async function generateNoteKey(name: string, seed?: Uint8Array): Promise<NoteKeyPair> {
  assertName(name);
  const kp = await generateEd25519KeyPair(seed);
  const id = hex8(noteKeyId(name, NOTE_TYPE_ED25519, kp.publicKey));
  const priv = concatBytes(new Uint8Array([NOTE_TYPE_ED25519]), kp.secretKey.subarray(0, 32));
  return {
    signerKey: `PRIVATE+KEY+${name}+${id}+${toBase64(priv)}`,
    verifierKey: `${name}+${id}+${toBase64(concatBytes(new Uint8Array([NOTE_TYPE_ED25519]), kp.publicKey))}`,
  };
}

/**
 * The verifier key string for a public key: `<name>+<hash>+<base64(type || publicKey)>`. Type 0x01
 * is a log or note key (as Go's `note.NewEd25519VerifierKey`), 0x04 a witness cosignature key.
 *
 * @example
 * ```ts
 * import { formatVerifierKey, NOTE_TYPE_COSIGNATURE } from '@gds/ledger';
 * const vkey = formatVerifierKey('witness.example/w1', publicKey, NOTE_TYPE_COSIGNATURE);
 * ```
 */
export function formatVerifierKey(
  name: string,
  publicKey: Uint8Array,
  type: number = NOTE_TYPE_ED25519,
): string {
  assertName(name);
  if (publicKey.length !== 32) throw invalidKey('公钥必须是 32 字节', 'the public key must be 32 bytes');
  const id = hex8(noteKeyId(name, type, publicKey));
  return `${name}+${id}+${toBase64(concatBytes(new Uint8Array([type]), publicKey))}`;
}

/**
 * Parses a signer key string (`PRIVATE+KEY+name+hash+base64`) into a {@link NoteSigner}, checking the
 * algorithm byte and that the key hash matches the derived public key, as Go's `note.NewSigner` does.
 *
 * @example
 * ```ts
 * import { noteSignerFromKey, signNote } from '@gds/ledger';
 * const signer = await noteSignerFromKey(process.env.LOG_SIGNER_KEY!);
 * const note = await signNote('hello\n', [signer]);
 * ```
 */
export async function noteSignerFromKey(signerKey: string): Promise<NoteSigner> {
  const parts = chop(signerKey, 5);
  if (parts?.[0] !== 'PRIVATE' || parts[1] !== 'KEY') {
    throw invalidKey('签名密钥格式错误', 'malformed signer key');
  }
  const [, , name, hash, b64] = parts as [string, string, string, string, string];
  const key = fromBase64(b64);
  const id = parseHex8(hash);
  if (!isValidNoteKeyName(name) || id === undefined || !key || key.length === 0) {
    throw invalidKey('签名密钥格式错误', 'malformed signer key');
  }
  if (key[0] !== NOTE_TYPE_ED25519 || key.length !== 33) {
    throw invalidKey('签名密钥的算法未知', 'unknown signer key algorithm');
  }
  const kp = await generateEd25519KeyPair(key.subarray(1));
  if (noteKeyId(name, NOTE_TYPE_ED25519, kp.publicKey) !== id) {
    throw invalidKey('签名密钥的哈希与公钥不符', 'the signer key hash does not match its public key');
  }
  return {
    name,
    keyId: id,
    type: NOTE_TYPE_ED25519,
    publicKey: kp.publicKey,
    sign: (text) => ed25519Sign(text, kp.secretKey),
  };
}

/**
 * Parses a verifier key string (`name+hash+base64(type || key)`) into a {@link NoteVerifier}. Type
 * 0x01 verifies plain Ed25519 note signatures; type 0x04 verifies C2SP tlog-cosignature/v1
 * cosignatures (the signed message is then built from the timestamp and the note text).
 *
 * @example
 * ```ts
 * import { noteVerifierFromKey, openNote } from '@gds/ledger';
 * const v = noteVerifierFromKey('PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW');
 * const opened = await openNote(noteText, [v]);
 * ```
 */
export function noteVerifierFromKey(verifierKey: string): NoteVerifier {
  const parts = chop(verifierKey, 3);
  if (!parts) throw invalidKey('验证密钥格式错误', 'malformed verifier key');
  const [name, hash, b64] = parts as [string, string, string];
  const key = fromBase64(b64);
  const id = parseHex8(hash);
  if (!isValidNoteKeyName(name) || id === undefined || !key || key.length === 0) {
    throw invalidKey('验证密钥格式错误', 'malformed verifier key');
  }
  const type = key[0]!;
  const publicKey = key.slice(1);
  if ((type !== NOTE_TYPE_ED25519 && type !== NOTE_TYPE_COSIGNATURE) || publicKey.length !== 32) {
    throw invalidKey('验证密钥的算法未知或长度错误', 'unknown verifier key algorithm or wrong key length');
  }
  if (noteKeyId(name, type, publicKey) !== id) {
    throw invalidKey('验证密钥的哈希与公钥不符', 'the verifier key hash does not match its public key');
  }
  const verify =
    type === NOTE_TYPE_ED25519
      ? (text: Uint8Array, sig: Uint8Array) => ed25519Verify(sig, text, publicKey)
      : async (text: Uint8Array, sig: Uint8Array) => {
          if (sig.length !== 72) return false;
          const t = readTimestamp(sig);
          if (t === undefined) return false;
          return ed25519Verify(sig.subarray(8), cosignedMessage(text, t), publicKey);
        };
  return { name, keyId: id, type, publicKey, key: verifierKey, verify };
}

/** @internal The tlog-cosignature/v1 signed message: header, time line, then the checkpoint body. */
export function cosignedMessage(text: Uint8Array, timestamp: bigint): Uint8Array {
  return concatBytes(utf8Encoder.encode(`cosignature/v1\ntime ${timestamp.toString()}\n`), text);
}

/** @internal Big-endian u64 timestamp at the front of a cosignature; undefined above 2^63 - 1. */
export function readTimestamp(sig: Uint8Array): bigint | undefined {
  const t = new DataView(sig.buffer, sig.byteOffset, 8).getBigUint64(0, false);
  return t > 2n ** 63n - 1n ? undefined : t;
}

/** Splits at the first n-1 '+' signs, as Go's chop does: base64 key material may itself contain '+'. */
function chop(s: string, n: number): string[] | undefined {
  const out: string[] = [];
  let rest = s;
  for (let i = 0; i < n - 1; i++) {
    const k = rest.indexOf('+');
    if (k < 0) return undefined;
    out.push(rest.slice(0, k));
    rest = rest.slice(k + 1);
  }
  out.push(rest);
  return out;
}

/** @internal The 32-byte Ed25519 seed inside a signer key string. */
export function signerKeySeed(signerKey: string): Uint8Array {
  const key = fromBase64(chop(signerKey, 5)?.[4] ?? '');
  if (key?.length !== 33) throw invalidKey('签名密钥格式错误', 'malformed signer key');
  return key.subarray(1);
}

function assertName(name: string): void {
  if (!isValidNoteKeyName(name)) {
    throw invalidKey(
      `密钥名称无效：${name}（不得为空、含空白或加号）`,
      `invalid key name ${JSON.stringify(name)}: it must be non-empty, without spaces or '+'`,
    );
  }
}

function invalidKey(zh: string, en: string): GdsLedgerError {
  return new GdsLedgerError('GDS_LEDGER_INVALID_KEY', zh, en);
}

/** @internal */
export function hex8(n: number): string {
  return n.toString(16).padStart(8, '0');
}

function parseHex8(s: string): number | undefined {
  return /^[0-9a-fA-F]{8}$/.test(s) ? Number.parseInt(s, 16) : undefined;
}

import { fromBase64, utf8Decoder, utf8Encoder } from './_internal/bytes.js';
import { fail, type LedgerIssue } from './issue.js';
import type { NoteVerifier } from './noteKeys.js';
import { isValidNoteKeyName } from './noteKeys.js';
import type { NoteSignature } from './signNote.js';

/**
 * A parsed note whose signatures were checked: `verified` by known keys, `unverified` from unknown keys
 * (ignored, as the spec requires, but kept so they can be passed on).
 *
 * @example
 * ```ts
 * import { openNote } from '@gds/ledger';
 * const r = await openNote(noteText, [verifier]);
 * if (r.valid) r.note.verified.map((s) => s.name);
 * ```
 */
export interface OpenedNote {
  text: string;
  verified: NoteSignature[];
  unverified: NoteSignature[];
}

/** Maximum signature lines read, as Go's note.Open (the spec asks for at least 16). */
const MAX_SIGNATURES = 100;

/**
 * Splits a signed note into text and signature lines without checking any signature; undefined when
 * the note is malformed (not UTF-8, control characters, no blank line before the signatures, a bad line).
 *
 * @example
 * ```ts
 * import { parseNote } from '@gds/ledger';
 * const parsed = parseNote(noteText);
 * parsed?.signatures.map((s) => s.name);
 * ```
 */
export function parseNote(
  note: string | Uint8Array,
): { text: string; signatures: NoteSignature[] } | undefined {
  let msg: string;
  try {
    msg = typeof note === 'string' ? note : utf8Decoder.decode(note);
  } catch {
    return undefined;
  }
  for (let i = 0; i < msg.length; i++) {
    const c = msg.charCodeAt(i);
    if ((c < 0x20 && c !== 0x0a) || (c >= 0xd800 && c <= 0xdfff && !pairedSurrogate(msg, i)))
      return undefined;
    if (c >= 0xd800 && c <= 0xdbff) i++;
  }
  const split = msg.lastIndexOf('\n\n');
  if (split < 0) return undefined;
  const text = msg.slice(0, split + 1);
  let sigs = msg.slice(split + 2);
  if (sigs.length === 0 || !sigs.endsWith('\n')) return undefined;
  const signatures: NoteSignature[] = [];
  while (sigs.length > 0) {
    const nl = sigs.indexOf('\n');
    const line = sigs.slice(0, nl);
    sigs = sigs.slice(nl + 1);
    if (!line.startsWith('— ')) return undefined;
    const rest = line.slice(2);
    const sp = rest.indexOf(' ');
    const name = sp < 0 ? rest : rest.slice(0, sp);
    const b64 = sp < 0 ? '' : rest.slice(sp + 1);
    const raw = fromBase64(b64);
    if (!raw || !isValidNoteKeyName(name) || b64 === '' || raw.length < 5) return undefined;
    if (signatures.length >= MAX_SIGNATURES) return undefined;
    const keyId = new DataView(raw.buffer, raw.byteOffset, 4).getUint32(0, false);
    signatures.push({ name, keyId, base64: b64 });
  }
  return { text, signatures };
}

function pairedSurrogate(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c <= 0xdbff) {
    const d = s.charCodeAt(i + 1);
    return d >= 0xdc00 && d <= 0xdfff;
  }
  return false;
}

/**
 * Opens a signed note (C2SP signed-note): checks every signature line whose key name and key ID match a
 * known verifier, ignores unknown keys, rejects the note if a known key's signature fails, and requires
 * at least one verified signature. Follows Go's `note.Open`. Bad notes yield an issue, never a throw.
 *
 * @example
 * ```ts
 * import { noteVerifierFromKey, openNote } from '@gds/ledger';
 * const v = noteVerifierFromKey('PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW');
 * const r = await openNote(noteText, [v]);
 * if (!r.valid) throw new Error(r.issue.message);
 * ```
 */
export async function openNote(
  note: string | Uint8Array,
  verifiers: readonly NoteVerifier[],
): Promise<{ valid: true; note: OpenedNote } | { valid: false; issue: LedgerIssue; note?: OpenedNote }> {
  const parsed = parseNote(note);
  if (!parsed) return fail('GDS_LEDGER_NOTE_MALFORMED', '签名笔记格式错误', 'malformed signed note');
  const text = utf8Encoder.encode(parsed.text);
  const verified: NoteSignature[] = [];
  const unverified: NoteSignature[] = [];
  const seen = new Set<string>();
  const seenUnverified = new Set<string>();
  for (const sig of parsed.signatures) {
    const matches = verifiers.filter((v) => v.name === sig.name && v.keyId === sig.keyId);
    if (matches.length === 0) {
      const line = `${sig.name} ${sig.base64}`;
      if (!seenUnverified.has(line)) {
        seenUnverified.add(line);
        unverified.push(sig);
      }
      continue;
    }
    const key = `${sig.name}+${sig.keyId}`;
    if (matches.length > 1 && new Set(matches.map((m) => m.key)).size > 1) {
      return fail('GDS_LEDGER_NOTE_MALFORMED', `密钥不唯一：${key}`, `ambiguous key ${key}`);
    }
    if (seen.has(key)) continue;
    seen.add(key);
    const raw = fromBase64(sig.base64)!;
    if (!(await matches[0]!.verify(text, raw.subarray(4)))) {
      return fail(
        'GDS_LEDGER_NOTE_BAD_SIGNATURE',
        `密钥 ${sig.name} 的签名无效`,
        `invalid signature for key ${sig.name}+${sig.keyId.toString(16).padStart(8, '0')}`,
      );
    }
    verified.push(sig);
  }
  const opened = { text: parsed.text, verified, unverified };
  if (verified.length === 0) {
    return {
      ...fail('GDS_LEDGER_NOTE_UNVERIFIED', '没有可验证的签名', 'the note has no verifiable signatures'),
      note: opened,
    };
  }
  return { valid: true, note: opened };
}

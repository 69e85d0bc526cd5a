import { toBase64, utf8Encoder } from './_internal/bytes.js';
import { GdsLedgerError } from './errors.js';
import type { NoteSigner } from './noteKeys.js';
import { isValidNoteKeyName } from './noteKeys.js';

/**
 * A signature line of a note, parsed: key name, key ID, and the base64 as written.
 *
 * @example
 * ```ts
 * import type { NoteSignature } from '@gds/ledger';
 * const s: NoteSignature = { name: 'PeterNeumann', keyId: 0xc74f20a3, base64: 'x08go/...' };
 * ```
 */
export interface NoteSignature {
  name: string;
  keyId: number;
  /** base64(keyID || signature), exactly as on the line. */
  base64: string;
}

/**
 * Signs note text (which must end in a newline) with each signer and returns the signed note: the
 * text, a blank line, then `— <name> <base64(keyID || signature)>` lines (C2SP signed-note). Existing
 * signatures are kept after the text unless one of `signers` has the same name and key ID, as Go's
 * `note.Sign` does, so the output is byte for byte what the reference implementation produces.
 *
 * @example
 * ```ts
 * import { noteSignerFromKey, signNote } from '@gds/ledger';
 * const signer = await noteSignerFromKey('PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz');
 * const note = await signNote('hello\n', [signer]);
 * ```
 */
export async function signNote(
  text: string,
  signers: readonly NoteSigner[],
  existing: readonly NoteSignature[] = [],
): Promise<string> {
  if (!text.endsWith('\n')) {
    throw new GdsLedgerError(
      'GDS_LEDGER_INVALID_INPUT',
      '签名文本必须以换行结尾',
      'note text must end with a newline',
    );
  }
  const bytes = utf8Encoder.encode(text);
  const have = new Set<string>();
  let fresh = '';
  for (const s of signers) {
    if (!isValidNoteKeyName(s.name)) {
      throw new GdsLedgerError(
        'GDS_LEDGER_INVALID_KEY',
        `签名者名称无效：${s.name}`,
        `invalid signer name ${s.name}`,
      );
    }
    have.add(`${s.name}+${s.keyId}`);
    const sig = await s.sign(bytes);
    const out = new Uint8Array(4 + sig.length);
    new DataView(out.buffer).setUint32(0, s.keyId, false);
    out.set(sig, 4);
    fresh += `— ${s.name} ${toBase64(out)}\n`;
  }
  let kept = '';
  for (const sig of existing) {
    if (have.has(`${sig.name}+${sig.keyId}`)) continue;
    kept += `— ${sig.name} ${sig.base64}\n`;
  }
  return `${text}\n${kept}${fresh}`;
}

// Interop with Go's golang.org/x/mod/sumdb/note: the published keys and notes of note_test.go
// (TestNewVerifier, TestNewSigner, TestSign, TestOpen) and the C2SP signed-note rules.
import { createHash, createPublicKey, verify } from 'node:crypto';
import {
  formatVerifierKey,
  generateNoteKey,
  noteSignerFromKey,
  noteVerifierFromKey,
  openNote,
  parseNote,
  signNote,
} from '@gds/ledger';
import { describe, expect, it } from 'vitest';

const peterSkey = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const peterVkey = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const enochVkey = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';
const text =
  "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const peterSig =
  '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const enochSig =
  '— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';

describe('signed notes, Go reference interop', () => {
  it('signs byte for byte as note.Sign (TestSign)', async () => {
    const signer = await noteSignerFromKey(peterSkey);
    expect(signer.keyId).toBe(0xc74f20a3);
    expect(await signNote(text, [signer])).toBe(`${text}\n${peterSig}`);
    // An existing signature by the same key is replaced, not duplicated.
    expect(
      await signNote(text, [signer], [{ name: 'PeterNeumann', keyId: 0xc74f20a3, base64: 'BADSIGN=' }]),
    ).toBe(`${text}\n${peterSig}`);
  });

  it('derives the published verifier key from the published signer key', async () => {
    const signer = await noteSignerFromKey(peterSkey);
    expect(formatVerifierKey('PeterNeumann', signer.publicKey)).toBe(peterVkey);
  });

  it('opens notes signed by the reference implementation (TestOpen)', async () => {
    const peter = noteVerifierFromKey(peterVkey);
    const enoch = noteVerifierFromKey(enochVkey);
    const one = await openNote(text + '\n' + peterSig + enochSig, [peter]);
    expect(one.valid).toBe(true);
    if (one.valid) {
      expect(one.note.text).toBe(text);
      expect(one.note.verified.map((s) => s.name)).toEqual(['PeterNeumann']);
      expect(one.note.unverified.map((s) => s.name)).toEqual(['EnochRoot']);
    }
    const both = await openNote(text + '\n' + peterSig + enochSig, [peter, enoch]);
    expect(both.valid && both.note.verified.length).toBe(2);
    const none = await openNote(text + '\n' + peterSig + enochSig, []);
    expect(none.valid).toBe(false);
    if (!none.valid) expect(none.issue.code).toBe('GDS_LEDGER_NOTE_UNVERIFIED');
  });

  it('rejects a known key whose signature fails, and malformed notes', async () => {
    const peter = noteVerifierFromKey(peterVkey);
    const bad = await openNote(text + '\n' + peterSig.slice(0, 60) + 'ABCD' + peterSig.slice(60), [peter]);
    expect(!bad.valid && bad.issue.code).toBe('GDS_LEDGER_NOTE_BAD_SIGNATURE');
    const badMsgs = [
      text,
      text + '\n',
      text + '\n' + peterSig.slice(0, -1),
      '\x01' + text + '\n' + peterSig,
      text +
        '\n— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=',
      text + '\n' + peterSig + 'Unexpected line.\n',
      text + '\n' + peterSig.repeat(101),
    ];
    for (const msg of badMsgs) {
      const r = await openNote(msg, [peter]);
      expect(!r.valid && r.issue.code, JSON.stringify(msg)).toBe('GDS_LEDGER_NOTE_MALFORMED');
    }
    expect(parseNote(new Uint8Array([0xff, 0x0a, 0x0a]))).toBeUndefined();
  });

  it('refuses mangled keys as NewVerifier and NewSigner do', async () => {
    expect(() =>
      noteVerifierFromKey('PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY=='),
    ).toThrow();
    expect(() =>
      noteVerifierFromKey('PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'),
    ).toThrow();
    for (let i = 0; i < peterVkey.length; i++) {
      const mangled =
        peterVkey.slice(0, i) + String.fromCharCode(peterVkey.charCodeAt(i) + 1) + peterVkey.slice(i + 1);
      expect(() => noteVerifierFromKey(mangled), mangled).toThrow();
    }
    for (let i = 0; i < peterSkey.length; i += 7) {
      const mangled =
        peterSkey.slice(0, i) + String.fromCharCode(peterSkey.charCodeAt(i) + 1) + peterSkey.slice(i + 1);
      await expect(noteSignerFromKey(mangled), mangled).rejects.toThrow();
    }
  });

  it('round-trips generated keys, deterministic from a seed', async () => {
    const a = await generateNoteKey('gov.example/county', new Uint8Array(32).fill(7));
    const b = await generateNoteKey('gov.example/county', new Uint8Array(32).fill(7));
    expect(a).toEqual(b);
    expect(a.signerKey).toMatch(/^PRIVATE\+KEY\+gov\.example\/county\+[0-9a-f]{8}\+A/);
    const note = await signNote('hello\n', [await noteSignerFromKey(a.signerKey)]);
    expect((await openNote(note, [noteVerifierFromKey(a.verifierKey)])).valid).toBe(true);
    await expect(generateNoteKey('bad name')).rejects.toThrow(/GDS|name/);
  });
});

// An independent verifier written from the C2SP signed-note text with node:crypto only (no GDS code):
// a GDS-signed note must satisfy it, and its key ID rule must match GDS's key strings.

function independentVerify(note: string, vkey: string): boolean {
  const [name, hash, b64] = [
    vkey.slice(0, vkey.indexOf('+')),
    ...vkey.slice(vkey.indexOf('+') + 1).split(/\+(.*)/s),
  ];
  const key = Buffer.from(b64!, 'base64');
  if (key[0] !== 1 || key.length !== 33) return false;
  const id = createHash('sha256')
    .update(Buffer.concat([Buffer.from(`${name}\n`), key]))
    .digest()
    .subarray(0, 4);
  if (id.toString('hex') !== hash) return false;
  const split = note.lastIndexOf('\n\n');
  const text = note.slice(0, split + 1);
  const pub = createPublicKey({
    key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), key.subarray(1)]),
    format: 'der',
    type: 'spki',
  });
  for (const line of note
    .slice(split + 2)
    .split('\n')
    .filter(Boolean)) {
    const m = /^— (\S+) (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const sig = Buffer.from(m[2]!, 'base64');
    if (!sig.subarray(0, 4).equals(id)) continue;
    return verify(null, Buffer.from(text), pub, sig.subarray(4));
  }
  return false;
}

describe('signed notes, independent verifier', () => {
  it('verifies GDS-signed notes with a spec-following verifier built on node:crypto', async () => {
    const { signerKey, verifierKey } = await generateNoteKey('gov.example/县级日志');
    const note = await signNote('区县人口台账\n42\n', [await noteSignerFromKey(signerKey)]);
    expect(independentVerify(note, verifierKey)).toBe(true);
    expect(independentVerify(note.replace('42', '43'), verifierKey)).toBe(false);
    expect(independentVerify(`${text}\n${peterSig}`, peterVkey)).toBe(true);
  });
});

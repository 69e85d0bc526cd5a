import { createHash, createPublicKey, verify } from 'node:crypto';
import {
  createCosigner,
  decodeKeyEvent,
  encodeKeyEvent,
  generateNoteKey,
  hashRecord,
  KeyHistory,
  Log,
  signNote,
} from '@gds/ledger';
import { createMemoryStore } from '@gds/ledger/memory';
import { describe, expect, it } from 'vitest';

const pk = (n: number) => Buffer.alloc(32, n).toString('base64');

describe('key history as log entries', () => {
  it('judges a key against its state at the entry index', async () => {
    const log = await Log.open(createMemoryStore());
    await log.append(encodeKeyEvent({ op: 'add', keyId: 'health-2025', publicKey: pk(1), owner: '卫健委' })); // 0
    await log.append(hashRecord({ n: 1 })); // 1
    await log.append(
      encodeKeyEvent({ op: 'rotate', keyId: 'health-2025', newKeyId: 'health-2026', newPublicKey: pk(2) }),
    ); // 2
    await log.append(hashRecord({ n: 2 })); // 3
    await log.append(encodeKeyEvent({ op: 'revoke', keyId: 'health-2026', reason: 'compromised' })); // 4
    await log.append(encodeKeyEvent({ op: 'revoke', keyId: 'nobody' })); // 5: not applicable, ignored
    const history = KeyHistory.fromEntries(await log.entries(0));
    expect(history.judge('health-2025', 1)).toMatchObject({
      valid: true,
      publicKey: new Uint8Array(32).fill(1),
    });
    expect(history.judge('health-2025', 0)).toMatchObject({
      valid: false,
      issue: { code: 'GDS_LEDGER_KEY_NOT_YET_VALID' },
    });
    expect(history.judge('health-2025', 3)).toMatchObject({
      valid: false,
      issue: { code: 'GDS_LEDGER_KEY_ROTATED' },
    });
    expect(history.judge('health-2026', 3)).toMatchObject({ valid: true });
    expect(history.judge('health-2026', 5)).toMatchObject({
      valid: false,
      issue: { code: 'GDS_LEDGER_KEY_REVOKED' },
    });
    expect(history.judge('police-2025', 3)).toMatchObject({
      valid: false,
      issue: { code: 'GDS_LEDGER_KEY_UNKNOWN' },
    });
    expect(history.ignored.map((i) => i.index)).toEqual([5]);
  });

  it('never mistakes a data hash for a key event', () => {
    expect(decodeKeyEvent(hashRecord({ a: 1 }))).toBeUndefined();
    const e = encodeKeyEvent({ op: 'add', keyId: 'k', publicKey: pk(3) });
    expect(decodeKeyEvent(e)).toEqual({ op: 'add', keyId: 'k', publicKey: pk(3) });
    expect(new TextDecoder().decode(e)).toBe(
      `gds-key-event/v1\n{"keyId":"k","op":"add","publicKey":"${pk(3)}"}`,
    );
  });
});

describe('tlog-cosignature/v1 format', () => {
  it('matches the spec layout, checked with node:crypto alone', async () => {
    const keys = await generateNoteKey('witness.example/w1', new Uint8Array(32).fill(9));
    const cosigner = await createCosigner(keys.signerKey, () => 1_679_315_147_000);
    const body = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';
    const note = await signNote(body, [cosigner]);
    const line = note.slice(body.length + 1).trim();
    const m = /^— witness\.example\/w1 (\S+)$/.exec(line)!;
    const sig = Buffer.from(m[1]!, 'base64');
    expect(sig.length).toBe(4 + 8 + 64);
    const id = createHash('sha256')
      .update(
        Buffer.concat([
          Buffer.from('witness.example/w1\n'),
          Buffer.from([4]),
          Buffer.from(cosigner.publicKey),
        ]),
      )
      .digest()
      .subarray(0, 4);
    expect(sig.subarray(0, 4)).toEqual(id);
    expect(sig.readBigUInt64BE(4)).toBe(1679315147n);
    const msg = Buffer.from(`cosignature/v1\ntime 1679315147\n${body}`);
    const pub = createPublicKey({
      key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(cosigner.publicKey)]),
      format: 'der',
      type: 'spki',
    });
    expect(verify(null, msg, pub, sig.subarray(12))).toBe(true);
  });
});

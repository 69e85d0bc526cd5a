import { readFileSync } from 'node:fs';
import { fc, test } from '@fast-check/vitest';
import {
  GdsCryptoError,
  loadSodiumSuite,
  ready,
  x25519Sync,
  xchacha20poly1305Decrypt,
  xchacha20poly1305Encrypt,
} from '@gds/crypto';
import sodium from 'libsodium-wrappers';
import { describe, expect, it } from 'vitest';
import { hex, skipReason, toHex, vectorPath } from './_helpers/vectors.js';

interface Group<T> {
  ivSize?: number;
  tests: T[];
}

const x25519File = vectorPath('wycheproof', 'x25519_test.json');
describe('Wycheproof x25519_test.json (C2SP/wycheproof testvectors_v1)', () => {
  if (!x25519File) {
    it.skip(skipReason('wycheproof', 'x25519_test.json'), () => {});
    return;
  }
  const data = JSON.parse(readFileSync(x25519File, 'utf8')) as {
    numberOfTests: number;
    testGroups: Group<{
      tcId: number;
      public: string;
      private: string;
      shared: string;
      result: string;
      flags: string[];
    }>[];
  };
  it('every test: valid gives the shared secret, invalid fails; acceptable either way', async () => {
    await ready();
    let n = 0;
    for (const g of data.testGroups) {
      for (const t of g.tests) {
        n++;
        let got: string | undefined;
        try {
          got = toHex(x25519Sync(hex(t.private), hex(t.public)));
        } catch (e) {
          expect(e).toBeInstanceOf(GdsCryptoError);
        }
        if (t.result === 'valid') expect(got, `tcId ${t.tcId}`).toBe(t.shared);
        if (t.result === 'invalid') expect(got === t.shared, `tcId ${t.tcId}`).toBe(false);
        if (t.result === 'acceptable' && got !== undefined) expect(got, `tcId ${t.tcId}`).toBe(t.shared);
      }
    }
    expect(n).toBe(data.numberOfTests);
  });
});

const xchachaFile = vectorPath('wycheproof', 'xchacha20_poly1305_test.json');
describe('Wycheproof xchacha20_poly1305_test.json (C2SP/wycheproof testvectors_v1)', () => {
  if (!xchachaFile) {
    it.skip(skipReason('wycheproof', 'xchacha20_poly1305_test.json'), () => {});
    return;
  }
  const data = JSON.parse(readFileSync(xchachaFile, 'utf8')) as {
    numberOfTests: number;
    testGroups: Group<{
      tcId: number;
      key: string;
      iv: string;
      aad: string;
      msg: string;
      ct: string;
      tag: string;
      result: string;
    }>[];
  };
  it('every 192-bit-nonce test: valid round-trips, invalid fails to decrypt', async () => {
    let ran = 0;
    let skipped = 0;
    for (const g of data.testGroups) {
      for (const t of g.tests) {
        // XChaCha20-Poly1305 has 24-byte nonces only; other sizes cannot be expressed by the API.
        if (g.ivSize !== 192) {
          skipped++;
          continue;
        }
        ran++;
        const key = hex(t.key);
        const iv = hex(t.iv);
        const aad = hex(t.aad);
        let opened: string | undefined;
        try {
          opened = toHex(await xchacha20poly1305Decrypt(key, iv, hex(t.ct + t.tag), aad));
        } catch (e) {
          expect((e as GdsCryptoError).code).toBe('GDS_CRYPTO_DECRYPT_FAILED');
        }
        if (t.result === 'valid') {
          expect(opened, `tcId ${t.tcId}`).toBe(t.msg);
          expect(toHex(await xchacha20poly1305Encrypt(key, iv, hex(t.msg), aad)), `tcId ${t.tcId}`).toBe(
            t.ct + t.tag,
          );
        } else if (t.result === 'invalid') {
          expect(opened, `tcId ${t.tcId}`).toBeUndefined();
        }
      }
    }
    expect(ran + skipped).toBe(data.numberOfTests);
    expect(ran).toBeGreaterThan(0);
  });
});

describe('sodium suite', () => {
  it('seal is crypto_box_seal: libsodium opens it, and the suite opens libsodium', async () => {
    const s = await loadSodiumSuite();
    await sodium.ready;
    const kp = s.generateKeyPair('encrypt');
    const m = new Uint8Array([1, 2, 3]);
    expect(toHex(sodium.crypto_box_seal_open(s.seal(m, kp.publicKey), kp.publicKey, kp.secretKey))).toBe(
      '010203',
    );
    expect(toHex(s.open(sodium.crypto_box_seal(m, kp.publicKey), kp))).toBe('010203');
    const other = s.generateKeyPair('encrypt');
    expect(() => s.open(s.seal(m, kp.publicKey), other)).toThrow(GdsCryptoError);
  });
  test.prop([fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 40 })])(
    'encrypt/decrypt round trip; any flipped byte fails',
    async (m, ad) => {
      const s = await loadSodiumSuite();
      const key = s.randomBytes(32);
      const ct = s.encrypt(key, m, ad);
      expect(toHex(s.decrypt(key, ct, ad))).toBe(toHex(m));
      const i = (m.length * 7 + ad.length) % ct.length;
      const bad = ct.slice();
      bad[i]! ^= 0x40;
      expect(() => s.decrypt(key, bad, ad)).toThrow(GdsCryptoError);
    },
  );
  it('keys: public key of a secret key; deterministic from a seed', async () => {
    const s = await loadSodiumSuite();
    for (const use of ['sign', 'encrypt'] as const) {
      const kp = s.generateKeyPair(use, new Uint8Array(32).fill(9));
      expect(toHex(s.publicKeyOf(use, kp.secretKey))).toBe(toHex(kp.publicKey));
    }
    expect(s.mac(new Uint8Array(32), new Uint8Array([1])).length).toBe(32);
  });
});

import { readFileSync } from 'node:fs';
import {
  ed25519Sign,
  ed25519Verify,
  ed25519VerifySync,
  generateEd25519KeyPair,
  ready,
  sha256,
} from '@gds/crypto';
import { describe, expect, it } from 'vitest';
import { hex, skipReason, toHex, vectorPath } from './_helpers/vectors.js';

// RFC 8032 section 7.1, TEST 1, TEST 2, TEST 3 and TEST SHA(abc).
const rfc8032 = [
  {
    name: 'RFC 8032 section 7.1 TEST 1',
    sk: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
    pk: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    msg: '',
    sig: 'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  },
  {
    name: 'RFC 8032 section 7.1 TEST 2',
    sk: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
    pk: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
    msg: '72',
    sig: '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
  },
  {
    name: 'RFC 8032 section 7.1 TEST 3',
    sk: 'c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7',
    pk: 'fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025',
    msg: 'af82',
    sig: '6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a',
  },
];

describe('Ed25519 known answers', () => {
  for (const v of rfc8032) {
    it(v.name, async () => {
      const kp = await generateEd25519KeyPair(hex(v.sk));
      expect(toHex(kp.publicKey)).toBe(v.pk);
      expect(kp.secretKey.length).toBe(64);
      const sig = await ed25519Sign(hex(v.msg), kp.secretKey);
      expect(toHex(sig)).toBe(v.sig);
      expect(await ed25519Verify(sig, hex(v.msg), kp.publicKey)).toBe(true);
      const bad = sig.slice();
      bad[0]! ^= 1;
      expect(await ed25519Verify(bad, hex(v.msg), kp.publicKey)).toBe(false);
    });
  }
  it('random keys differ; a short signature is simply invalid', async () => {
    const a = await generateEd25519KeyPair();
    const b = await generateEd25519KeyPair();
    expect(toHex(a.publicKey)).not.toBe(toHex(b.publicKey));
    expect(await ed25519Verify(new Uint8Array(10), new Uint8Array(0), a.publicKey)).toBe(false);
    await expect(
      ed25519Verify(new Uint8Array(64), new Uint8Array(0), new Uint8Array(31)),
    ).rejects.toMatchObject({
      code: 'GDS_CRYPTO_INVALID_KEY',
    });
  });
});

describe('SHA-256', () => {
  it('FIPS 180-2 appendix B.1 "abc" and the empty string', () => {
    expect(toHex(sha256(new TextEncoder().encode('abc')))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(toHex(sha256(new Uint8Array(0)))).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });
});

const wyche = vectorPath('wycheproof', 'ed25519_test.json');
describe('Wycheproof ed25519_test.json (C2SP/wycheproof testvectors_v1)', () => {
  if (!wyche) {
    it.skip(skipReason('wycheproof', 'ed25519_test.json'), () => {});
    return;
  }
  interface T {
    tcId: number;
    comment: string;
    msg: string;
    sig: string;
    result: 'valid' | 'invalid' | 'acceptable';
  }
  const data = JSON.parse(readFileSync(wyche, 'utf8')) as {
    numberOfTests: number;
    testGroups: { publicKey: { pk: string }; tests: T[] }[];
  };
  it('every test: valid verifies, invalid does not', async () => {
    await ready();
    let n = 0;
    for (const g of data.testGroups) {
      const pk = hex(g.publicKey.pk);
      for (const t of g.tests) {
        n++;
        const ok = ed25519VerifySync(hex(t.sig), hex(t.msg), pk);
        if (t.result === 'valid') expect(ok, `tcId ${t.tcId} ${t.comment}`).toBe(true);
        if (t.result === 'invalid') expect(ok, `tcId ${t.tcId} ${t.comment}`).toBe(false);
      }
    }
    expect(n).toBe(data.numberOfTests);
  });
});

import { createHmac, getHashes } from 'node:crypto';
import { fc, test } from '@fast-check/vitest';
import { blindIndex, GdsCryptoError } from '@gds/crypto';
import {
  SM2_DEFAULT_USER_ID,
  sm2VerifyDigest,
  sm2Za,
  sm3,
  sm4EncryptBlock,
  sm4GcmEncrypt,
  smSuite,
} from '@gds/crypto/sm';
import { sm2 } from 'sm-crypto-v2';
import { describe, expect, it } from 'vitest';
import { hex, toHex } from './_helpers/vectors.js';

const utf8 = (s: string) => new TextEncoder().encode(s);

// DER SEQUENCE { INTEGER r, INTEGER s } -> raw r ‖ s (32 bytes each).
function derToRaw(der: Uint8Array): Uint8Array {
  let i = 2;
  if (der[1]! & 0x80) i = 2 + (der[1]! & 0x7f);
  const ints: Uint8Array[] = [];
  for (let k = 0; k < 2; k++) {
    const len = der[i + 1]!;
    let v = der.slice(i + 2, i + 2 + len);
    while (v.length > 32 && v[0] === 0) v = v.slice(1);
    const padded = new Uint8Array(32);
    padded.set(v, 32 - v.length);
    ints.push(padded);
    i += 2 + len;
  }
  return new Uint8Array([...ints[0]!, ...ints[1]!]);
}

// openssl/openssl test/recipes/30-test_evp_data/evppkey_sm2.txt, key SM2_key1 (PKCS#8 on the SM2 curve).
const SM2_KEY1_PKCS8 =
  'MIGHAgEAMBMGByqGSM49AgEGCCqBHM9VAYItBG0wawIBAQQg0JFWczAXva2An9m72MaT9gIwWTFptvlKrxyO4TjMmbWhRANCAAQ5OirZ4n5DrKqrhaGdO4VZHhRAYVcXWt3Te/d/8Mr57Tf886i09VwDhSMmH8pmNq/mp6+ioUgqYG9cs6GLLioe';
const key1 = Buffer.from(SM2_KEY1_PKCS8, 'base64');
const key1Secret = new Uint8Array(
  key1.subarray(key1.indexOf(Buffer.from('0420', 'hex')) + 2).subarray(0, 32),
);
const key1Public = new Uint8Array(key1.subarray(key1.length - 65));

describe('SM3 (GB/T 32905-2016 appendix A)', () => {
  it('example 1: "abc"', () => {
    expect(toHex(sm3(utf8('abc')))).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });
  it('example 2: "abcd" x 16', () => {
    expect(toHex(sm3(utf8('abcd'.repeat(16))))).toBe(
      'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732',
    );
  });
});

describe('SM4 (GB/T 32907-2016 appendix A)', () => {
  it('example 1: one block', () => {
    const k = hex('0123456789abcdeffedcba9876543210');
    expect(toHex(sm4EncryptBlock(k, k))).toBe('681edf34d206965e86b3e94f536e4246');
  });
  it('example 2: 1,000,000 encryptions', () => {
    const k = hex('0123456789abcdeffedcba9876543210');
    let b = k;
    for (let i = 0; i < 1_000_000; i++) b = sm4EncryptBlock(k, b);
    expect(toHex(b)).toBe('595298c7c6fd271f0402f804c33d3f66');
  }, 120_000);
  it('SM4-GCM: RFC 8998 appendix A.1', () => {
    const out = sm4GcmEncrypt(
      hex('0123456789abcdeffedcba9876543210'),
      hex('00001234567800000000abcd'),
      hex(
        'aaaaaaaaaaaaaaaabbbbbbbbbbbbbbbbccccccccccccccccddddddddddddddddeeeeeeeeeeeeeeeeffffffffffffffffeeeeeeeeeeeeeeeeaaaaaaaaaaaaaaaa',
      ),
      hex('feedfacedeadbeeffeedfacedeadbeefabaddad2'),
    );
    expect(toHex(out)).toBe(
      '17f399f08c67d5ee19d0dc9969c4bb7d5fd46fd3756489069157b282bb200735d82710ca5c22f0ccfa7cbf93d496ac15a56834cbcf98c397b4024a2691233b8d' +
        '83de3541e4c2b58177e065a9bf7b62ec',
    );
  });
});

describe('SM2', () => {
  it('the openssl key: public key derives from the secret scalar', () => {
    expect(toHex(smSuite.publicKeyOf('sign', key1Secret))).toBe(toHex(key1Public));
  });
  it('published signatures verify in GDS (openssl evppkey_sm2.txt, Verify = SM2_key1, digest SM3)', () => {
    const cases = [
      [
        'D7AD397F6FFA5D4F7F11E7217F241607DC30618C236D2C09C1B9EA8FDADEE2E8',
        '3046022100AB1DB64DE7C40EDBDE6651C9B8EBDB804673DB836E5D5C7FE15DCF9ED2725037022100EBA714451FF69B0BB930B379E192E7CD5FA6E3C41C7FBD8303B799AB54A54621',
      ],
      [
        'B1139602C6ECC9E15E2F3F9C635A1AFE737058BC15387479C1EA0D0B3D90E9E5',
        '3045022100E6E0414EBD3A656C35602AF14AB20287DBF30D57AF75C49A188ED4B42391F22402202F54F277C606F4605E1CE9514947FFDDF94C67A539804A4ED17F852288BDBE2E',
      ],
    ] as const;
    for (const [e, sig] of cases) {
      const raw = derToRaw(hex(sig.toLowerCase()));
      expect(sm2VerifyDigest(raw, hex(e.toLowerCase()), key1Public)).toBe(true);
      const bad = raw.slice();
      bad[10]! ^= 1;
      expect(sm2VerifyDigest(bad, hex(e.toLowerCase()), key1Public)).toBe(false);
    }
  });
  it('published ciphertext decrypts in GDS (openssl evppkey_sm2.txt, Decrypt = SM2_key1)', () => {
    // The vector is ASN.1 (x, y, C3, C2); GDS's format is 04 ‖ x ‖ y ‖ C3 ‖ C2.
    const der = hex(
      '30818a0220466be2ef5c11782ec77864a0055417f407a5afc11d653c6bce69e417bb1d05b6022062b572e21ff0ddf5c726bd3f9ff2eae56e6294713a607e9b9525628965f62cc804203c1b5713b5db2728eb7bf775e44f4689fc32668bdc564f52ea45b09e8df2a5f40422084a9d0cc2997092b7d3c404fce95956eb604d732b2307a8e5b8900ed6608ca5b197',
    );
    const x = der.slice(5, 37);
    const y = der.slice(39, 71);
    const c3 = der.slice(73, 105);
    const c2 = der.slice(107);
    expect(c2.length).toBe(34);
    const sealed = new Uint8Array([4, ...x, ...y, ...c3, ...c2]);
    const pt = smSuite.open(sealed, { publicKey: key1Public, secretKey: key1Secret });
    expect(new TextDecoder().decode(pt)).toBe('The floofy bunnies hop at midnight');
    const tampered = sealed.slice();
    tampered[80]! ^= 1;
    expect(() => smSuite.open(tampered, { publicKey: key1Public, secretKey: key1Secret })).toThrow(
      GdsCryptoError,
    );
  });
  it('Z_A follows GB/T 32918.2 section 5.5 with the default user id', () => {
    const curve = hex(
      'fffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffc' +
        '28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93' +
        '32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7' +
        'bc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0',
    );
    const id = utf8(SM2_DEFAULT_USER_ID);
    const expected = sm3(new Uint8Array([0, id.length * 8, ...id, ...curve, ...key1Public.subarray(1)]));
    expect(toHex(sm2Za(key1Public))).toBe(toHex(expected));
  });
  it('a GDS signature is e = SM3(Z_A ‖ M) signed, and verifies with sm-crypto-v2 reference verify', () => {
    const m = utf8('GDS 记录');
    const sig = smSuite.sign(m, key1Secret);
    expect(sig.length).toBe(64);
    expect(sm2.doVerifySignature(m, toHex(sig), toHex(key1Public), { hash: true })).toBe(true);
    const e = sm3(new Uint8Array([...sm2Za(key1Public), ...m]));
    expect(sm2VerifyDigest(sig, e, key1Public)).toBe(true);
    expect(smSuite.verify(sig, m, key1Public)).toBe(true);
    expect(smSuite.verify(sig, utf8('GDS 记录!'), key1Public)).toBe(false);
  });
  test.prop([fc.uint8Array({ minLength: 1, maxLength: 200 })], { numRuns: 20 })(
    'seal/open round trip in C1C3C2 order',
    (m) => {
      const kp = smSuite.generateKeyPair('encrypt');
      const sealed = smSuite.seal(m, kp.publicKey);
      expect(sealed[0]).toBe(4);
      expect(sealed.length).toBe(65 + 32 + m.length);
      expect(toHex(smSuite.open(sealed, kp))).toBe(toHex(m));
      // The reference decryptor in C1C3C2 mode (1) reads it; in C1C2C3 mode (0) it does not.
      const ref = sm2.doDecrypt(toHex(sealed.subarray(1)), toHex(kp.secretKey), 1, { output: 'array' });
      expect(toHex(ref)).toBe(toHex(m));
      const other = sm2.doDecrypt(toHex(sealed.subarray(1)), toHex(kp.secretKey), 0, { output: 'array' });
      expect(toHex(other)).not.toBe(toHex(m));
    },
  );
  it('SM4-GCM AEAD round trip; wrong associated data fails', () => {
    const key = smSuite.randomBytes(16);
    const ct = smSuite.encrypt(key, utf8('身份证号'), utf8('ad'));
    expect(new TextDecoder().decode(smSuite.decrypt(key, ct, utf8('ad')))).toBe('身份证号');
    expect(() => smSuite.decrypt(key, ct, utf8('other'))).toThrow(GdsCryptoError);
  });
  it('deterministic keys from a seed', () => {
    const seed = new Uint8Array(32).fill(1);
    expect(toHex(smSuite.generateKeyPair('sign', seed).publicKey)).toBe(
      toHex(smSuite.generateKeyPair('sign', seed).publicKey),
    );
  });
});

// HMAC-SM3 (RFC 2104 over SM3, 64-byte block). No published HMAC-SM3 vectors are in ../shared/vectors,
// so the known answers were computed independently of sm-crypto-v2 with OpenSSL 3.0.19:
//   printf '<message>' | openssl dgst -sm3 -mac HMAC -macopt hexkey:<key hex>
// Messages are those of RFC 4231 test cases 1, 2 and 6; keys cover the minimum (16 bytes), exactly one
// block (64), one past the block (65, hashed first) and a long key (131, as in RFC 4231 case 6).
const HMAC_SM3 = [
  {
    name: '16-byte key (the minimum)',
    key: Uint8Array.from({ length: 16 }, (_, i) => i),
    message: 'Hi There',
    mac: '19560e44bc2b0649eb9a538c80555815535229ee93b44d81ca352769c20ff88c',
  },
  {
    name: '64-byte key (one SM3 block, used as is)',
    key: Uint8Array.from({ length: 64 }, (_, i) => i),
    message: 'what do ya want for nothing?',
    mac: '65b107fd6744534310123421de0c6359136ceb19d5edb0d46d93db5c9a329c26',
  },
  {
    name: '65-byte key (one past the block, hashed first)',
    key: new Uint8Array(65).fill(0xaa),
    message: 'Test Using Larger Than Block-Size Key - Hash Key First',
    mac: '52878da91c80b0ce2560e03c89ea7a167e721662369c6727085814151573dd04',
  },
  {
    name: '131-byte key (hashed first)',
    key: new Uint8Array(131).fill(0xaa),
    message: 'Test Using Larger Than Block-Size Key - Hash Key First',
    mac: 'b4fd844e13342002f0b2e0690ea7741f1497d993a70494cea601e657bedf67a0',
  },
];

describe('HMAC-SM3 (RFC 2104; known answers from OpenSSL)', () => {
  for (const v of HMAC_SM3) {
    it(v.name, () => {
      expect(toHex(smSuite.mac(v.key, utf8(v.message)))).toBe(v.mac);
    });
  }

  it('refuses keys below 16 bytes with GDS_CRYPTO_INVALID_KEY', () => {
    for (const n of [0, 1, 15]) {
      let caught: unknown;
      try {
        smSuite.mac(new Uint8Array(n), utf8('x'));
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(GdsCryptoError);
      expect((caught as GdsCryptoError).code).toBe('GDS_CRYPTO_INVALID_KEY');
      expect((caught as GdsCryptoError).messageZh).toContain('至少 16 字节');
      expect((caught as GdsCryptoError).messageEn).toContain('at least 16 bytes');
    }
  });

  it('a blind index under the sm suite takes a 32-byte search key', () => {
    const key = Uint8Array.from({ length: 32 }, (_, i) => i);
    const a = blindIndex(smSuite, key, 'person@1.0.0', '/idNumber', '11010119900307777x');
    expect(a).toBe(blindIndex(smSuite, key, 'person@1.0.0', '/idNumber', '11010119900307777X'));
    expect(a).not.toBe(
      blindIndex(smSuite, key.slice(0, 16), 'person@1.0.0', '/idNumber', '11010119900307777X'),
    );
  });
});

// Node's own OpenSSL, where its build has SM3, as a second independent implementation for every length.
describe.skipIf(!getHashes().includes('sm3'))(
  "HMAC-SM3 against node:crypto (skipped: no sm3 in Node's OpenSSL)",
  () => {
    test.prop([fc.uint8Array({ minLength: 16, maxLength: 200 }), fc.uint8Array({ maxLength: 300 })])(
      'equals createHmac("sm3") for any key of 16 to 200 bytes',
      (key, data) => {
        expect(toHex(smSuite.mac(key, data))).toBe(createHmac('sm3', key).update(data).digest('hex'));
      },
    );
  },
);

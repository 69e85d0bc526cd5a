// Ed25519 on every backend (node:crypto, WebCrypto, libsodium): the same signatures, and the same
// strictness on verification as libsodium's crypto_sign_verify_detached.

import * as nodeCrypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fc, test } from '@fast-check/vitest';
import { ed25519Sign, ed25519Verify, generateEd25519KeyPair, ready } from '@gds/crypto';
import sodium from 'libsodium-wrappers';
import { beforeAll, describe, expect, it } from 'vitest';
// Internal: the backends themselves, so that each is tested whichever one this platform selects.
import {
  type Ed25519Backend,
  libsodiumEd25519,
  nodeEd25519,
  webCryptoEd25519,
} from '../src/_internal/ed25519.js';
import { hex, skipReason, toHex, vectorPath } from './_helpers/vectors.js';

interface AnyBackend {
  name: string;
  sign(m: Uint8Array, sk: Uint8Array): Uint8Array | Promise<Uint8Array>;
  verify(s: Uint8Array, m: Uint8Array, pk: Uint8Array): boolean | Promise<boolean>;
}
let backends: AnyBackend[] = [];
let sodiumBackend: Ed25519Backend;
beforeAll(async () => {
  await sodium.ready;
  await ready();
  sodiumBackend = libsodiumEd25519(sodium);
  backends = [sodiumBackend, nodeEd25519(nodeCrypto), webCryptoEd25519(globalThis.crypto.subtle)];
});

const wyche = vectorPath('wycheproof', 'ed25519_test.json');
describe('Wycheproof ed25519_test.json (C2SP/wycheproof testvectors_v1) on every backend', () => {
  if (!wyche) {
    it.skip(skipReason('wycheproof', 'ed25519_test.json'), () => {});
    return;
  }
  const data = JSON.parse(readFileSync(wyche, 'utf8')) as {
    numberOfTests: number;
    testGroups: {
      publicKey: { pk: string; sk?: string };
      privateKey?: { d: string };
      tests: { tcId: number; comment: string; msg: string; sig: string; result: string }[];
    }[];
  };
  for (const name of ['libsodium', 'node', 'webcrypto']) {
    it(`${name}: valid verifies, invalid does not, and valid signatures are re-made byte for byte`, async () => {
      const b = backends.find((x) => x.name === name) as AnyBackend;
      let n = 0;
      for (const g of data.testGroups) {
        const pk = hex(g.publicKey.pk);
        const seed = g.privateKey?.d ?? g.publicKey.sk;
        for (const t of g.tests) {
          n++;
          const ok = await b.verify(hex(t.sig), hex(t.msg), pk);
          const what = `${name} tcId ${t.tcId} ${t.comment}`;
          if (t.result === 'valid') expect(ok, what).toBe(true);
          if (t.result === 'invalid') expect(ok, what).toBe(false);
          // Identical strictness: the backend agrees with libsodium on every vector, acceptable ones too.
          expect(ok, what).toBe(sodiumBackend.verify(hex(t.sig), hex(t.msg), pk));
          if (seed && t.result === 'valid') {
            const sk = new Uint8Array(64);
            sk.set(hex(seed), 0);
            sk.set(pk, 32);
            expect(toHex(await b.sign(hex(t.msg), sk)), what).toBe(t.sig);
          }
        }
      }
      expect(n).toBe(data.numberOfTests);
    });
  }
});

// libsodium's extra rules, which OpenSSL and WebCrypto do not apply themselves: small-order R or key,
// non-canonical key. Each encoding below is one libsodium rejects; the other backends must too.
const SMALL_ORDER = [
  '0000000000000000000000000000000000000000000000000000000000000000',
  '0100000000000000000000000000000000000000000000000000000000000000',
  '0100000000000000000000000000000000000000000000000000000000000080',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
];
describe('strictness beyond RFC 8032, as libsodium', () => {
  it('a small-order public key with a signature valid under cofactored or cofactorless rules is refused by all', async () => {
    // With A of small order and R = A-free, S = 0 over the identity: the classic forgery shape.
    for (const a of SMALL_ORDER) {
      for (const r of SMALL_ORDER) {
        const sig = hex(r + '00'.repeat(32));
        for (const b of backends) {
          const msg = new TextEncoder().encode('gds');
          expect(await b.verify(sig, msg, hex(a)), `${b.name} A=${a} R=${r}`).toBe(false);
        }
      }
    }
  });
  it('a non-canonical encoding of a valid key (y + p) is refused by all, as libsodium does', async () => {
    // y = 2^255 - 19 + 1 .. 2^255 - 1 encode y - p; only y < p is canonical.
    for (let low = 0xed; low <= 0xff; low++) {
      const pk = hex(`${low.toString(16)}${'ff'.repeat(30)}7f`);
      const sig = new Uint8Array(64).fill(1);
      for (const b of backends) {
        expect(await b.verify(sig, new Uint8Array(3), pk), `${b.name} ${low}`).toBe(
          sodiumBackend.verify(sig, new Uint8Array(3), pk),
        );
      }
    }
  });
  test.prop([
    fc.uint8Array({ minLength: 32, maxLength: 32 }),
    fc.uint8Array({ minLength: 64, maxLength: 64 }),
    fc.uint8Array({ maxLength: 64 }),
  ])('on arbitrary keys and signatures every backend agrees with libsodium', async (pk, sig, msg) => {
    const want = sodiumBackend.verify(sig, msg, pk);
    for (const b of backends) expect(await b.verify(sig, msg, pk), b.name).toBe(want);
  });
});

describe('cross-backend signatures', () => {
  test.prop([fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ maxLength: 300 })])(
    'each backend makes the same signature, and it verifies on every other backend',
    async (seed, msg) => {
      const kp = sodium.crypto_sign_seed_keypair(seed);
      const sigs = await Promise.all(backends.map((b) => b.sign(msg, kp.privateKey)));
      for (const s of sigs) expect(toHex(s)).toBe(toHex(sigs[0] as Uint8Array));
      for (const [i, s] of sigs.entries()) {
        for (const b of backends)
          expect(await b.verify(s, msg, kp.publicKey), `${backends[i]?.name} → ${b.name}`).toBe(true);
      }
      const bad = (sigs[0] as Uint8Array).slice();
      bad[5] = (bad[5] as number) ^ 1;
      for (const b of backends) expect(await b.verify(bad, msg, kp.publicKey), b.name).toBe(false);
    },
  );
  it('a key array reused for another key signs with the new key (the KeyObject cache follows the bytes)', async () => {
    const node = backends.find((b) => b.name === 'node') as AnyBackend;
    const a = await generateEd25519KeyPair();
    const b = await generateEd25519KeyPair();
    const arr = a.secretKey.slice();
    const msg = new Uint8Array([1, 2, 3]);
    await node.sign(msg, arr);
    arr.set(b.secretKey);
    expect(await ed25519Verify(await node.sign(msg, arr), msg, b.publicKey)).toBe(true);
  });
  it('the public API in Node signs with node:crypto and matches libsodium', async () => {
    const kp = await generateEd25519KeyPair();
    const msg = new TextEncoder().encode('hello');
    expect(toHex(await ed25519Sign(msg, kp.secretKey))).toBe(
      toHex(sodium.crypto_sign_detached(msg, kp.secretKey)),
    );
  });
});

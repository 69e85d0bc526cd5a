import {
  exportJwk,
  fromMultikey,
  GdsCryptoError,
  importJwk,
  Keyring,
  keyId,
  loadSodiumSuite,
  toMultikey,
} from '@gds/crypto';
import { smSuite } from '@gds/crypto/sm';
import { describe, expect, it } from 'vitest';
import { hex, toHex } from './_helpers/vectors.js';

describe('key ids', () => {
  it('derive from suite, use and public key; never from the label', async () => {
    const ring = await Keyring.create();
    const a = await ring.generate({ use: 'sign', label: 'a', seed: new Uint8Array(32) });
    expect(a.kid).toMatch(/^gds:sodium:sig:[A-Za-z0-9_-]{22}$/);
    expect(a.kid).toBe(keyId('sodium', 'sign', a.publicKey));
    expect(keyId('sodium', 'encrypt', a.publicKey)).not.toBe(a.kid);
    expect(keyId('sm', 'sign', a.publicKey)).not.toBe(a.kid);
  });
});

describe('keyring lifecycle', () => {
  it('separate signing and encryption keys; wrong use is refused', async () => {
    const ring = await Keyring.create();
    const enc = await ring.generate({ use: 'encrypt', label: 'e' });
    await expect(ring.sign(enc.kid, new Uint8Array(1))).rejects.toMatchObject({
      code: 'GDS_CRYPTO_WRONG_KEY_USE',
    });
  });
  it('rotation: the old key is retired (no signing), the successor keeps label and issuer', async () => {
    const ring = await Keyring.create();
    const k1 = await ring.generate({ use: 'sign', label: '民政局', issuer: 'dept:mca' });
    const k2 = await ring.rotate(k1.kid);
    expect(k2.label).toBe('民政局');
    expect(k2.issuer).toBe('dept:mca');
    expect(ring.get(k1.kid)).toMatchObject({ status: 'retired', replacedBy: k2.kid });
    await expect(ring.sign(k1.kid, new Uint8Array(1))).rejects.toMatchObject({
      code: 'GDS_CRYPTO_RETIRED_KEY',
    });
    expect(ring.activeKey({ use: 'sign', issuer: 'dept:mca' }).kid).toBe(k2.kid);
    ring.revoke(k2.kid, { at: '2026-01-01T00:00:00Z', reason: 'compromise' });
    await expect(ring.sign(k2.kid, new Uint8Array(1))).rejects.toMatchObject({
      code: 'GDS_CRYPTO_REVOKED_KEY',
    });
  });
  it('export under a passphrase and import back; a wrong passphrase is a typed error', async () => {
    const ring = await Keyring.create();
    const k = await ring.generate({ use: 'sign', label: 's', issuer: 'dept:a' });
    await ring.generate({ use: 'encrypt', label: 'e', issuer: 'dept:a' });
    const file = await ring.export({ passphrase: '正确的口令', scryptN: 2 ** 10 });
    expect(JSON.stringify(file)).not.toContain(toHex(k.publicKey));
    expect(Object.keys(file.secrets!.keys)).toHaveLength(2);
    const back = await Keyring.import(JSON.parse(JSON.stringify(file)), { passphrase: '正确的口令' });
    expect(back.list().map((x) => x.kid)).toEqual(ring.list().map((x) => x.kid));
    const sig = await back.sign(k.kid, new Uint8Array([1]));
    expect((await loadSodiumSuite()).verify(sig, new Uint8Array([1]), k.publicKey)).toBe(true);
    await expect(Keyring.import(file, { passphrase: 'wrong' })).rejects.toMatchObject({
      code: 'GDS_CRYPTO_WRONG_PASSPHRASE',
    });
    const publicOnly = await Keyring.import(file);
    expect(await publicOnly.has(k.kid)).toBe(false);
  });
  it('a file whose key id does not match its public key is refused', async () => {
    const ring = await Keyring.create();
    await ring.generate({ use: 'sign', label: 's' });
    const file = await ring.export();
    file.keys[0]!.kid = 'gds:sodium:sig:AAAAAAAAAAAAAAAAAAAAAA';
    await expect(Keyring.import(file)).rejects.toMatchObject({ code: 'GDS_CRYPTO_MALFORMED' });
  });
  it.each(['constructor', 'toString', '__proto__'])(
    'a key id %s has no stored secret: refused as malformed, not as a wrong passphrase',
    async (kid) => {
      const ring = await Keyring.create();
      await ring.generate({ use: 'sign', label: 's' });
      const file = await ring.export({ passphrase: 'p', scryptN: 2 ** 10 });
      file.keys[0]!.kid = kid;
      await expect(Keyring.import(file, { passphrase: 'p' })).rejects.toMatchObject({
        code: 'GDS_CRYPTO_MALFORMED',
      });
    },
  );
});

describe('JWK and Multikey', () => {
  // RFC 8037 appendix A.1/A.2: the Ed25519 key pair (same as RFC 8032 section 7.1 TEST 1).
  const d = hex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
  const x = hex('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
  it('RFC 8037 appendix A.1: Ed25519 OKP JWK', () => {
    const jwk = exportJwk({ suite: 'sodium', use: 'sign', publicKey: x, secretKey: d });
    expect(jwk).toMatchObject({
      kty: 'OKP',
      crv: 'Ed25519',
      d: 'nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A',
      x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo',
    });
    const back = importJwk(jwk);
    expect(toHex(back.publicKey)).toBe(toHex(x));
    expect(toHex(back.secretKey!)).toBe(toHex(d));
  });
  it('Multikey: Ed25519 public key is z6Mk… (multicodec 0xed01); round trip with secret', async () => {
    const mk = toMultikey({ suite: 'sodium', use: 'sign', publicKey: x, secretKey: d });
    expect(mk.publicKeyMultibase.startsWith('z6Mk')).toBe(true);
    const back = fromMultikey(mk.publicKeyMultibase, mk.secretKeyMultibase);
    expect(back).toMatchObject({ suite: 'sodium', use: 'sign' });
    expect(toHex(back.publicKey)).toBe(toHex(x));
    // The 32-byte seed imports into a keyring and signs.
    const ring = await Keyring.create();
    const k = await ring.add({ ...back, label: 'imported' });
    expect(k.kid).toBe(keyId('sodium', 'sign', x));
    expect(await ring.has(k.kid)).toBe(true);
  });
  it('w3c vc-di-eddsa keyPair.json multikey decodes to its raw key', () => {
    // TestVectors/keyPair.json: publicKeyMultibase of the eddsa test key pair.
    const pk = fromMultikey('z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2');
    expect(pk.publicKey.length).toBe(32);
    expect(toMultikey(pk).publicKeyMultibase).toBe('z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2');
  });
  it('X25519 and SM2 keys round-trip through JWK and Multikey', async () => {
    const ring = await Keyring.create({ suites: [await loadSodiumSuite(), smSuite] });
    for (const [suite, use] of [
      ['sodium', 'encrypt'],
      ['sm', 'sign'],
      ['sm', 'encrypt'],
    ] as const) {
      const k = await ring.generate({ use, label: 'k', suite });
      const j = importJwk(exportJwk(k, k.kid));
      expect([j.suite, j.use, toHex(j.publicKey)]).toEqual([suite, use, toHex(k.publicKey)]);
      const m = fromMultikey(toMultikey(k).publicKeyMultibase, undefined, use);
      expect([m.suite, m.use, toHex(m.publicKey)]).toEqual([suite, use, toHex(k.publicKey)]);
    }
  });
  it('malformed keys are typed errors', () => {
    expect(() => importJwk({ kty: 'OKP', crv: 'Ed25519', x: 'AAAA' })).toThrow(GdsCryptoError);
    expect(() => fromMultikey('zzzz')).toThrow(GdsCryptoError);
    expect(() => fromMultikey('m6Mk')).toThrow(GdsCryptoError);
  });
});

describe('a key cannot be added twice', () => {
  it('re-importing a retired key does not make it active again', async () => {
    const ring = await Keyring.create();
    const k = await ring.generate({ use: 'sign', label: 'l' });
    await ring.rotate(k.kid);
    await expect(ring.add({ ...k, status: 'active' })).rejects.toMatchObject({
      code: 'GDS_CRYPTO_INVALID_INPUT',
    });
    expect(ring.get(k.kid)!.status).toBe('retired');
  });
});

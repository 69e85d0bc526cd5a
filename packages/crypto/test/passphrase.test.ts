import { decryptWithPassphrase, encryptWithPassphrase, GdsCryptoError } from '@gds/crypto';
import { describe, expect, it } from 'vitest';

const secret = new TextEncoder().encode('PRIVATE+KEY+example.org/log+01234567+AX…');
const opts = { context: 'test-secret', scryptN: 1024 };

async function code(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(GdsCryptoError);
    return (e as GdsCryptoError).code;
  }
  return undefined;
}

describe('encryptWithPassphrase / decryptWithPassphrase (the keyring scheme)', () => {
  it('round trips, survives JSON, and never holds the secret in clear', async () => {
    const box = await encryptWithPassphrase(secret, '口令 pass', opts);
    expect(box).toMatchObject({ gds: 'passphrase/v1', context: 'test-secret', aead: 'XChaCha20-Poly1305' });
    expect(box.kdf).toMatchObject({ name: 'scrypt', N: 1024, r: 8, p: 1 });
    expect(JSON.stringify(box)).not.toContain('PRIVATE');
    const again = JSON.parse(JSON.stringify(box));
    expect(await decryptWithPassphrase(again, '口令 pass', { context: 'test-secret' })).toEqual(secret);
    // Two encryptions of one secret differ (fresh salt and nonce).
    expect((await encryptWithPassphrase(secret, '口令 pass', opts)).ciphertext).not.toBe(box.ciphertext);
  });

  it('the default cost is the keyring default, N = 2^15', async () => {
    const box = await encryptWithPassphrase(new Uint8Array([1]), 'pw', { context: 'c' });
    expect(box.kdf.N).toBe(2 ** 15);
  });

  it('a wrong passphrase or a damaged ciphertext: GDS_CRYPTO_WRONG_PASSPHRASE', async () => {
    const box = await encryptWithPassphrase(secret, 'pw', opts);
    expect(await code(decryptWithPassphrase(box, 'PW', { context: 'test-secret' }))).toBe(
      'GDS_CRYPTO_WRONG_PASSPHRASE',
    );
    const c = box.ciphertext;
    const damaged = { ...box, ciphertext: `${c.slice(0, 10)}${c[10] === 'A' ? 'B' : 'A'}${c.slice(11)}` };
    expect(await code(decryptWithPassphrase(damaged, 'pw', { context: 'test-secret' }))).toBe(
      'GDS_CRYPTO_WRONG_PASSPHRASE',
    );
  });

  it('another context, or a context edited in the file: refused', async () => {
    const box = await encryptWithPassphrase(secret, 'pw', opts);
    expect(await code(decryptWithPassphrase(box, 'pw', { context: 'other' }))).toBe('GDS_CRYPTO_MALFORMED');
    // The context is bound into the associated data: editing it in the file breaks authentication.
    expect(await code(decryptWithPassphrase({ ...box, context: 'other' }, 'pw', { context: 'other' }))).toBe(
      'GDS_CRYPTO_WRONG_PASSPHRASE',
    );
  });

  it('not a passphrase file, or an empty passphrase: refused with a code', async () => {
    expect(await code(decryptWithPassphrase({ hello: 1 }, 'pw', { context: 'c' }))).toBe(
      'GDS_CRYPTO_MALFORMED',
    );
    expect(await code(decryptWithPassphrase(null, 'pw', { context: 'c' }))).toBe('GDS_CRYPTO_MALFORMED');
    expect(await code(encryptWithPassphrase(secret, '', opts))).toBe('GDS_CRYPTO_INVALID_INPUT');
  });
});

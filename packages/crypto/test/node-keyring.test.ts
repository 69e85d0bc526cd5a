import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '@gds/crypto';
import { DEFAULT_KEYRING_DIR, loadFileKeyring, saveFileKeyring } from '@gds/crypto/node';
import { afterAll, describe, expect, it } from 'vitest';

const cwd = mkdtempSync(join(tmpdir(), 'gds-keys-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe('file keyring (@gds/crypto/node)', () => {
  it('saves to ./.gds/keys/keyring.json with mode 0600 (dir 0700), secrets encrypted, and loads back', async () => {
    const ring = await Keyring.create();
    const k = await ring.generate({ use: 'sign', label: '民政局', issuer: 'dept:mca' });
    const file = await saveFileKeyring(ring, { cwd, passphrase: 'pw', scryptN: 2 ** 10 });
    expect(file).toBe(join(cwd, DEFAULT_KEYRING_DIR, 'keyring.json'));
    if (process.platform !== 'win32') {
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(statSync(join(cwd, DEFAULT_KEYRING_DIR)).mode & 0o777).toBe(0o700);
    }
    const text = readFileSync(file, 'utf8');
    expect(text).toContain(k.kid);
    expect(text).toContain('"scrypt"');
    const back = await loadFileKeyring({ cwd, passphrase: 'pw' });
    expect(await back.has(k.kid)).toBe(true);
    await expect(loadFileKeyring({ cwd, passphrase: 'nope' })).rejects.toMatchObject({
      code: 'GDS_CRYPTO_WRONG_PASSPHRASE',
    });
  });
  it('an absent keyring is empty', async () => {
    const ring = await loadFileKeyring({ cwd, dir: 'nowhere' });
    expect(ring.list()).toEqual([]);
  });
});

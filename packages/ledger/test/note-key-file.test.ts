// A note signer key at rest (@gds/ledger/node): encrypted with the keyring's scheme, mode 0600 in a
// 0700 folder; a bare key file of an earlier version reads back with encrypted: false.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GdsLedgerError, generateNoteKey } from '@gds/ledger';
import { readNoteKeyFile, writeNoteKeyFile } from '@gds/ledger/node';
import { describe, expect, it } from 'vitest';

const mode = (p: string) => statSync(p).mode & 0o777;

async function code(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(GdsLedgerError);
    return (e as GdsLedgerError).code;
  }
  return undefined;
}

describe('writeNoteKeyFile / readNoteKeyFile', () => {
  it('writes the key encrypted, 0600 in a new 0700 folder, and reads it back', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'gds-note-key-')), 'new', 'folder');
    const keys = await generateNoteKey('county.example/log');
    const path = join(dir, 'log.key');
    await writeNoteKeyFile(path, keys.signerKey, { passphrase: 'pw', scryptN: 1024 });
    expect(mode(dir)).toBe(0o700);
    expect(mode(path)).toBe(0o600);
    const text = readFileSync(path, 'utf8');
    expect(text).not.toContain('PRIVATE+KEY');
    expect(text).not.toContain(keys.signerKey.split('+').pop());
    expect(JSON.parse(text).verifierKey).toBe(keys.verifierKey);
    expect(await readNoteKeyFile(path, { passphrase: 'pw' })).toEqual({
      signerKey: keys.signerKey,
      verifierKey: keys.verifierKey,
      encrypted: true,
    });
  });

  it('refuses without a passphrase, with a wrong one, and with a swapped verifier key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gds-note-key-'));
    const keys = await generateNoteKey('county.example/log');
    const path = join(dir, 'log.key');
    await writeNoteKeyFile(path, keys.signerKey, { passphrase: 'pw', scryptN: 1024 });
    expect(await code(readNoteKeyFile(path))).toBe('GDS_LEDGER_INVALID_INPUT');
    expect(await code(readNoteKeyFile(path, { passphrase: 'nope' }))).toBe('GDS_LEDGER_INVALID_KEY');
    // The clear verifier key is bound to the ciphertext: pointing the file at another key fails.
    const other = await generateNoteKey('county.example/log');
    const file = JSON.parse(readFileSync(path, 'utf8'));
    writeFileSync(path, JSON.stringify({ ...file, verifierKey: other.verifierKey }));
    expect(await code(readNoteKeyFile(path, { passphrase: 'pw' }))).toBe('GDS_LEDGER_INVALID_KEY');
    writeFileSync(path, 'not a key');
    expect(await code(readNoteKeyFile(path, { passphrase: 'pw' }))).toBe('GDS_LEDGER_INVALID_KEY');
    expect(await code(readNoteKeyFile(join(dir, 'missing.key')))).toBe('GDS_LEDGER_STORE');
  });

  it('a bare key file of an earlier version opens, marked encrypted: false', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gds-note-key-'));
    const keys = await generateNoteKey('county.example/log');
    const path = join(dir, 'log.key');
    writeFileSync(path, `${keys.signerKey}\n`);
    expect(await readNoteKeyFile(path)).toEqual({
      signerKey: keys.signerKey,
      verifierKey: keys.verifierKey,
      encrypted: false,
    });
  });
});

describe('createSqliteStore file modes', () => {
  it('creates a new database 0600 in a new 0700 folder, and leaves an existing file as it is', async () => {
    const { createSqliteStore } = await import('@gds/ledger/sqlite');
    const dir = join(mkdtempSync(join(tmpdir(), 'gds-sqlite-mode-')), 'ledger');
    const path = join(dir, 'ledger.sqlite');
    await createSqliteStore({ path }).close();
    expect(mode(dir)).toBe(0o700);
    expect(mode(path)).toBe(0o600);
    const mine = join(dir, 'mine.sqlite');
    writeFileSync(mine, '', { mode: 0o640 });
    await createSqliteStore({ path: mine }).close();
    expect(mode(mine)).toBe(0o640);
  });
});

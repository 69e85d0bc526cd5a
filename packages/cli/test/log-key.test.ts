// The log's signer key at rest: encrypted under GDS_PASSPHRASE with the keyring's scheme, in a 0700
// folder, the key file and the SQLite file 0600; a key file of an earlier version (the bare key in
// clear) still opens, with a warning that says how to encrypt it (gds log protect-key).
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatVerifierKey, generateNoteKey, Log, noteSignerFromKey } from '@gds/ledger';
import { createSqliteStore } from '@gds/ledger/sqlite';
import { describe, expect, it } from 'vitest';
import { gds } from './_io.js';

const ORIGIN = 'county.example/population-log';
const env = { ...process.env, GDS_PASSPHRASE: 'correct horse battery staple', GDS_KEYRING_SCRYPT_N: '1024' };
const { GDS_PASSPHRASE: _p, ...noPassphrase } = env;
const mode = (path: string) => statSync(path).mode & 0o777;

describe('gds log: the signer key at rest', () => {
  it('init writes the key encrypted, the folder 0700, the key and the database 0600', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'gds-log-key-'));
    const init = await gds(['log', 'init', '--origin', ORIGIN], { cwd, env });
    expect(init.code).toBe(0);
    const base = join(cwd, '.gds');
    expect(mode(base)).toBe(0o700);
    expect(mode(join(base, 'log.key'))).toBe(0o600);
    expect(mode(join(base, 'ledger.sqlite'))).toBe(0o600);

    const text = readFileSync(join(base, 'log.key'), 'utf8');
    const file = JSON.parse(text);
    expect(file).toMatchObject({
      gds: 'note-key/v1',
      verifierKey: init.stdout.trim(),
      secret: {
        gds: 'passphrase/v1',
        aead: 'XChaCha20-Poly1305',
        kdf: { name: 'scrypt', N: 1024, r: 8, p: 1 },
      },
    });
    expect(text).not.toContain('PRIVATE+KEY');

    // Signing needs the passphrase; reading and verifying do not.
    expect(
      (await gds(['log', 'append', '-', '--as', 'ndjson'], { cwd, env, stdin: '{"id":"1"}\n' })).code,
    ).toBe(0);
    const without = await gds(['log', 'append', '-', '--as', 'ndjson'], {
      cwd,
      env: noPassphrase,
      stdin: '{"id":"2"}\n',
    });
    expect(without.code).toBe(2);
    expect(without.stderr).toMatch(/需要口令.*（a passphrase is needed.*set GDS_PASSPHRASE）/);
    const wrong = await gds(['log', 'append', '-', '--as', 'ndjson'], {
      cwd,
      env: { ...env, GDS_PASSPHRASE: 'wrong' },
      stdin: '{"id":"2"}\n',
    });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/口令错误.*wrong passphrase.*\[GDS_LEDGER_INVALID_KEY\]/);
    expect((await gds(['log', 'verify'], { cwd, env: noPassphrase })).code).toBe(0);
  });

  it('init refuses to store the key in clear: no passphrase, exit 2, nothing written', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'gds-log-key-'));
    const r = await gds(['log', 'init', '--origin', ORIGIN], { cwd, env: noPassphrase });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('GDS_PASSPHRASE');
    expect(() => statSync(join(cwd, '.gds', 'log.key'))).toThrow();
  });

  it('--passphrase-env names another variable', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'gds-log-key-'));
    const e = { ...noPassphrase, LOG_PW: 'other' };
    expect(
      (await gds(['log', 'init', '--origin', ORIGIN, '--passphrase-env', 'LOG_PW'], { cwd, env: e })).code,
    ).toBe(0);
    const r = await gds(['log', 'append', '-', '--as', 'ndjson', '--passphrase-env', 'LOG_PW'], {
      cwd,
      env: e,
      stdin: '{"id":"1"}\n',
    });
    expect(r.code).toBe(0);
  });

  it('a key file of an earlier version opens with a warning, and protect-key encrypts it', async () => {
    // Laid out as the earlier `gds log init` did: the bare signer key in log.key.
    const cwd = mkdtempSync(join(tmpdir(), 'gds-log-key-'));
    const base = join(cwd, '.gds');
    const keys = await generateNoteKey(ORIGIN);
    const signer = await noteSignerFromKey(keys.signerKey);
    const log = await Log.open(createSqliteStore({ path: join(base, 'ledger.sqlite') }), { signer });
    await log.signCheckpoint();
    await log.close();
    writeFileSync(join(base, 'log.key'), `${keys.signerKey}\n`, { mode: 0o600 });
    writeFileSync(
      join(base, 'log.json'),
      JSON.stringify({ origin: ORIGIN, verifierKey: formatVerifierKey(signer.name, signer.publicKey) }),
    );

    const old = await gds(['log', 'append', '-', '--as', 'ndjson'], {
      cwd,
      env: noPassphrase,
      stdin: '{"id":"1"}\n',
    });
    expect(old.code).toBe(0);
    expect(old.stderr).toMatch(
      /^gds: 警告：日志签名密钥 .*未加密保存.*gds log protect-key.*（warning: the log's signer key .* is stored unencrypted.*set GDS_PASSPHRASE and run gds log protect-key --dir .* to encrypt it）$/m,
    );

    const protect = await gds(['log', 'protect-key'], { cwd, env });
    expect(protect.code).toBe(0);
    const text = readFileSync(join(base, 'log.key'), 'utf8');
    expect(text).not.toContain('PRIVATE+KEY');
    expect(JSON.parse(text).gds).toBe('note-key/v1');
    expect(mode(join(base, 'log.key'))).toBe(0o600);
    expect(mode(base)).toBe(0o700);
    expect(mode(join(base, 'ledger.sqlite'))).toBe(0o600);

    const after = await gds(['log', 'append', '-', '--as', 'ndjson'], { cwd, env, stdin: '{"id":"2"}\n' });
    expect(after.code).toBe(0);
    expect(after.stderr).not.toContain('warning');
    expect((await gds(['log', 'protect-key'], { cwd, env })).stderr).toContain('already encrypted');
    const verify = await gds(['log', 'verify'], { cwd, env });
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/size 2\n/);
  });
});

import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gds, usageError } from './_io.js';

const dir = mkdtempSync(join(tmpdir(), 'gds-cli-keys-'));
const env = { GDS_PASSPHRASE: 'test passphrase', GDS_KEYRING_SCRYPT_N: '1024' };

/** Runs a command of the group through `gds` itself, in the test's folder and environment. */
function run(
  _group: 'keys',
  name: string,
  argv: string[],
  options: { env?: NodeJS.ProcessEnv; stdin?: string } = {},
) {
  return gds([...name.split(' '), ...argv], {
    cwd: dir,
    env: options.env ?? env,
    stdin: options.stdin ?? '',
  });
}

describe('gds keys', () => {
  it('generate makes a signing and an encryption key in ./.gds/keys (mode 0600)', async () => {
    const r = await run('keys', 'keys generate', ['--label', '民政局', '--issuer', 'dept:mca']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/gds:sodium:sig:\S+ +sign +民政局 \(dept:mca\)/);
    expect(r.stdout).toMatch(/gds:sodium:enc:\S+ +encrypt/);
    const file = join(dir, '.gds/keys/keyring.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toContain('"scrypt"');
  });
  it('needs a passphrase to create secret keys', async () => {
    await usageError(run('keys', 'keys generate', ['--label', 'x'], { env: {} }), /GDS_PASSPHRASE/);
  });
  it.each(['constructor', 'toString', '__proto__'])(
    'a --passphrase-env named %s is an unset variable, not a member of Object.prototype',
    async (name) => {
      await usageError(
        run('keys', 'keys generate', ['--label', 'x', '--passphrase-env', name], { env: {} }),
        new RegExp(`set ${name}`),
      );
    },
  );
  it('list, rotate, revoke, export', async () => {
    const list = await run('keys', 'keys list', ['--format', 'json'], { env: {} });
    const keys = JSON.parse(list.stdout) as { kid: string; use: string }[];
    const sig = keys.find((k) => k.use === 'sign')!.kid;
    const rot = await run('keys', 'keys rotate', [sig]);
    expect(rot.code).toBe(0);
    expect(rot.stdout).toContain('retired');
    const next = rot.stdout.trim().split('\n')[1]!.split(' ')[0]!;
    const rev = await run('keys', 'keys revoke', [next, '--at', '2030-01-01T00:00:00Z', '--reason', 'test']);
    expect(rev.stdout).toContain('revoked 2030-01-01T00:00:00Z');
    const jwk = JSON.parse((await run('keys', 'keys export', [sig], { env: {} })).stdout);
    expect(jwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', kid: sig, 'gds:issuer': 'dept:mca' });
    expect(jwk.d).toBeUndefined();
    const mk = JSON.parse((await run('keys', 'keys export', [sig, '--as', 'multikey'], { env: {} })).stdout);
    expect(mk.publicKeyMultibase).toMatch(/^z6Mk/);
    // --format jwk|multikey, the spelling before --format meant text|json everywhere, still works.
    const old = await run('keys', 'keys export', [sig, '--format', 'multikey'], { env: {} });
    expect(JSON.parse(old.stdout)).toEqual(mk);
    const priv = JSON.parse((await run('keys', 'keys export', [sig, '--private'])).stdout);
    expect(typeof priv.d).toBe('string');
  });
  it('import another department’s public key', async () => {
    const other = mkdtempSync(join(tmpdir(), 'gds-cli-other-'));
    const jwkFile = join(other, 'k.json');
    writeFileSync(
      jwkFile,
      JSON.stringify({
        kty: 'OKP',
        crv: 'X25519',
        x: 'hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo',
        'gds:issuer': 'dept:health',
      }),
    );
    const r = await run('keys', 'keys import', [jwkFile, '--label', '卫健委']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/gds:sodium:enc:\S+ +encrypt +卫健委 \(dept:health\)/);
  });
  it('usage mistakes are usage errors', async () => {
    await usageError(
      run('keys', 'keys generate', ['--label', 'x', '--use', 'both', '--suite', 'rsa']),
      /--suite/,
    );
    await usageError(run('keys', 'keys rotate', ['gds:sodium:sig:nope']), /no key/);
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gds, usageError } from './_io.js';

const env = { GDS_PASSPHRASE: 'pw', GDS_KEYRING_SCRYPT_N: '1024' };

/** Runs a command through `gds` itself, in a department's folder. */
function run(cwd: string, name: string, argv: string[], stdin = '') {
  return gds([...name.split(' '), ...argv], { cwd, env, stdin });
}

describe('gds seal --to / gds open', () => {
  it('two departments exchange a sealed record through their own keyrings', async () => {
    const mca = mkdtempSync(join(tmpdir(), 'gds-cli-mca-'));
    const health = mkdtempSync(join(tmpdir(), 'gds-cli-health-'));
    await run(mca, 'keys generate', ['--label', '民政局', '--issuer', 'dept:mca']);
    await run(health, 'keys generate', ['--label', '卫健委', '--issuer', 'dept:health']);
    // Exchange public keys.
    const healthKeys = JSON.parse((await run(health, 'keys list', ['--format', 'json'])).stdout) as {
      kid: string;
      use: string;
    }[];
    const mcaKeys = JSON.parse((await run(mca, 'keys list', ['--format', 'json'])).stdout) as {
      kid: string;
      use: string;
    }[];
    const enc = await run(health, 'keys export', [healthKeys.find((k) => k.use === 'encrypt')!.kid]);
    await run(mca, 'keys import', ['-'], enc.stdout);
    const sig = await run(mca, 'keys export', [mcaKeys.find((k) => k.use === 'sign')!.kid]);
    await run(health, 'keys import', ['-'], sig.stdout);

    writeFileSync(join(mca, 'p.json'), JSON.stringify({ id: 'p-1', idNumber: '11010119900307777X' }));
    const sealed = await run(mca, 'seal', [
      'p.json',
      '--to',
      'dept:health',
      '--issuer',
      'dept:mca',
      '--aud',
      'dept:health',
    ]);
    expect(sealed.code).toBe(0);
    expect(sealed.stdout).not.toContain('11010119900307777X');
    const opened = await run(health, 'open', ['-', '--audience', 'dept:health'], sealed.stdout);
    expect(opened.code).toBe(0);
    expect(JSON.parse(opened.stdout)).toEqual({ id: 'p-1', idNumber: '11010119900307777X' });
    expect(opened.stderr).toContain('dept:mca');
    // The sender cannot open what it sealed for someone else.
    const own = await run(mca, 'open', ['-', '--audience', 'dept:health'], sealed.stdout);
    expect(own.code).toBe(1);
    expect(own.stderr).toContain('GDS_CRYPTO_NOT_A_RECIPIENT');
    await usageError(run(mca, 'seal', ['p.json', '--to', 'dept:nobody']), /no encryption key/);
  });
});

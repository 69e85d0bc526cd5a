import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Command } from '../src/_internal/command.js';
import { keysCommands } from '../src/commands/keys.js';
import { sealCommands } from '../src/commands/seal.js';

const env = { GDS_PASSPHRASE: 'pw', GDS_KEYRING_SCRYPT_N: '1024' };

async function run(cwd: string, name: string, argv: string[], stdin = '') {
  const command = [...keysCommands, ...sealCommands].find((c: Command) => c.name === name)!;
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  const code = await command.run({
    argv,
    stdin: Readable.from([stdin]),
    stdout,
    stderr,
    cwd,
    env,
    isTTY: false,
  });
  return { code, stdout: out, stderr: err };
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
    await expect(run(mca, 'seal', ['p.json', '--to', 'dept:nobody'])).rejects.toThrow(/no encryption key/);
  });
});

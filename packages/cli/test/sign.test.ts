import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Command } from '../src/_internal/command.js';
import { keysCommands } from '../src/commands/keys.js';
import { signCommands } from '../src/commands/sign.js';

const dir = mkdtempSync(join(tmpdir(), 'gds-cli-sign-'));
const env = { GDS_PASSPHRASE: 'pw', GDS_KEYRING_SCRYPT_N: '1024' };

async function run(name: string, argv: string[], stdin = '', e: NodeJS.ProcessEnv = env) {
  const command = [...keysCommands, ...signCommands].find((c: Command) => c.name === name)!;
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
    cwd: dir,
    env: e,
    isTTY: false,
  });
  return { code, stdout: out, stderr: err };
}

describe('gds sign / gds verify', () => {
  it('signs a record and verifies it; a tampered envelope exits 1 with the reason', async () => {
    await run('keys generate', ['--label', '民政局', '--issuer', 'dept:mca', '--use', 'sign']);
    writeFileSync(join(dir, 'p.json'), JSON.stringify({ id: 'p-1', name: '张三' }));
    const s = await run('sign', [
      'p.json',
      '--aud',
      'dept:health',
      '--expires-in',
      '3600',
      '--standard',
      'person@1.0.0',
    ]);
    expect(s.code).toBe(0);
    const env = JSON.parse(s.stdout);
    expect(env).toMatchObject({
      typ: 'signed',
      iss: 'dept:mca',
      aud: ['dept:health'],
      std: { id: 'person' },
    });
    const v = await run('verify', ['-', '--audience', 'dept:health'], s.stdout, {});
    expect(v.code).toBe(0);
    expect(JSON.parse(v.stdout)).toEqual({ id: 'p-1', name: '张三' });
    const bad = s.stdout.replace('张三', '李四');
    const t = await run('verify', ['-', '--audience', 'dept:health'], bad, {});
    expect(t.code).toBe(1);
    expect(t.stderr).toContain('GDS_CRYPTO_BAD_SIGNATURE');
    const wrongAud = await run('verify', ['-', '--audience', 'dept:police'], s.stdout, {});
    expect(wrongAud.stderr).toContain('GDS_CRYPTO_WRONG_AUDIENCE');
    const notAllowed = await run('verify', ['-', '--audience', 'dept:health', '--suite', 'sm'], s.stdout, {});
    expect(notAllowed.stderr).toContain('GDS_CRYPTO_SUITE_NOT_ALLOWED');
  });
  it('invalid JSON input is a usage error', async () => {
    writeFileSync(join(dir, 'bad.json'), '{"a":1,"a":2}');
    await expect(run('sign', ['bad.json'])).rejects.toThrow(/not valid JSON/);
  });
});

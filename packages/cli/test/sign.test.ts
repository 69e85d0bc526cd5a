import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gds, usageError } from './_io.js';

const dir = mkdtempSync(join(tmpdir(), 'gds-cli-sign-'));
const env = { GDS_PASSPHRASE: 'pw', GDS_KEYRING_SCRYPT_N: '1024' };

/** Runs a command through `gds` itself, in the test's folder. */
function run(name: string, argv: string[], stdin = '', e: NodeJS.ProcessEnv = env) {
  return gds([...name.split(' '), ...argv], { cwd: dir, env: e, stdin });
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
    await usageError(run('sign', ['bad.json']), /not valid JSON/);
  });
});

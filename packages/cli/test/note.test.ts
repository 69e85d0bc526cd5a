import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gds } from './_io.js';

describe('gds note', () => {
  it('generates keys, signs and verifies in the Go sumdb/note format', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gds-note-'));
    const keygen = await gds(['note', 'keygen', 'county.example/notary', '--out', 'notary.key'], {
      cwd: dir,
    });
    expect(keygen.code).toBe(0);
    const vkey = keygen.stdout.trim();
    expect(vkey).toMatch(/^county\.example\/notary\+[0-9a-f]{8}\+A[A-Za-z0-9+/]{43}=?$/);
    expect(readFileSync(join(dir, 'notary.key'), 'utf8')).toMatch(/^PRIVATE\+KEY\+county\.example\/notary\+/);
    expect(statSync(join(dir, 'notary.key')).mode & 0o077).toBe(0);

    writeFileSync(join(dir, 'text.txt'), '人口台账已核对\n');
    const signed = await gds(['note', 'sign', 'text.txt', '--key-file', 'notary.key'], { cwd: dir });
    expect(signed.code).toBe(0);
    expect(signed.stdout).toMatch(/^人口台账已核对\n\n— county\.example\/notary \S+\n$/);

    const ok = await gds(['note', 'verify', '-', '--key', vkey], { cwd: dir, stdin: signed.stdout });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe('人口台账已核对\n');
    const tampered = await gds(['note', 'verify', '-', '--key', vkey], {
      cwd: dir,
      stdin: signed.stdout.replace('已', '未'),
    });
    expect(tampered.code).toBe(1);
    expect(tampered.stderr).toContain('GDS_LEDGER_NOTE_BAD_SIGNATURE');
    // The published Go example verifies too.
    const go = await gds(
      ['note', 'verify', '-', '--key', 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'],
      {
        stdin:
          "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n",
      },
    );
    expect(go.code).toBe(0);
  });

  it('reports usage mistakes with exit 2', async () => {
    expect((await gds(['note', 'verify', '-'])).code).toBe(2);
    expect((await gds(['note', 'verify', '-', '--key', 'not-a-key'])).code).toBe(2);
    expect((await gds(['note', 'sign', '-'])).code).toBe(2);
    // A variable named like a member of Object.prototype is just unset.
    for (const name of ['constructor', 'toString', '__proto__']) {
      const r = await gds(['note', 'sign', '-', '--key-env', name]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`environment variable ${name} is not set`);
    }
  });
});

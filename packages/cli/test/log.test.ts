import { once } from 'node:events';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createCosigner,
  createMemoryWitnessStateStore,
  formatVerifierKey,
  generateNoteKey,
  NOTE_TYPE_COSIGNATURE,
  Witness,
} from '@gds/ledger';
import { createWitnessHandler } from '@gds/ledger/node';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { gds } from './_io.js';

describe('gds log', () => {
  it('init, append, checkpoint with a witness, prove, verify, verify-receipt', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gds-log-'));
    // The signer key is stored encrypted under GDS_PASSPHRASE; a fast scrypt for tests only.
    const env = { ...process.env, GDS_PASSPHRASE: 'pw', GDS_KEYRING_SCRYPT_N: '1024' };
    const run = (argv: string[], stdin?: string) =>
      gds(argv, { cwd: dir, env, ...(stdin === undefined ? {} : { stdin }) });

    const init = await run(['log', 'init', '--origin', 'county.example/population-log']);
    expect(init.code).toBe(0);
    const logVkey = init.stdout.trim();
    expect(logVkey).toMatch(/^county\.example\/population-log\+[0-9a-f]{8}\+/);
    expect((await run(['log', 'init', '--origin', 'county.example/population-log'])).code).toBe(2);

    writeFileSync(join(dir, 'a.json'), '{"id":"1","name":"张三"}');
    writeFileSync(join(dir, 'b.json'), '{ "name": "李四", "id": "2" }');
    const appended = await run(['log', 'append', 'a.json', 'b.json']);
    expect(appended.code).toBe(0);
    expect(
      appended.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split('\t')[0]),
    ).toEqual(['0', '1']);
    const nd = await run(['log', 'append', '-', '--as', 'ndjson'], '{"id":"3"}\n{"id":"4"}\n\n{"id":"5"}\n');
    expect(nd.stdout.split('\n').filter(Boolean).length).toBe(3);

    // A department witness, served over HTTP, cosigns the checkpoint.
    const wkeys = await generateNoteKey('health.county.example/witness');
    const cosigner = await createCosigner(wkeys.signerKey);
    const witness = new Witness({ cosigner, logs: [logVkey], state: createMemoryWitnessStateStore() });
    const server = createServer(createWitnessHandler(witness)).listen(0, '127.0.0.1');
    await once(server, 'listening');
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const cp = await run(['log', 'checkpoint', '--witness', url]);
      expect(cp.code).toBe(0);
      expect(cp.stdout).toMatch(/^county\.example\/population-log\n5\n/);
      expect(cp.stdout).toContain('— health.county.example/witness ');
      await run(['log', 'append', '-', '--as', 'ndjson'], '{"id":"6"}\n');
      // The witness knows size 5 now; the CLI sends old 5 with a consistency proof.
      const cp2 = await run(['log', 'checkpoint', '--witness', url]);
      expect(cp2.code).toBe(0);
      expect(cp2.stdout).toMatch(/\n6\n/);
      expect(cp2.stdout).toContain('— health.county.example/witness ');
    } finally {
      server.close();
    }

    const prove = await run(['log', 'prove', '1', '--out', 'receipt.json']);
    expect(prove.code).toBe(0);
    const receipt = JSON.parse(readFileSync(join(dir, 'receipt.json'), 'utf8'));
    expect(receipt).toMatchObject({ format: 'gds-receipt/v1', index: 1 });

    const wvkey = formatVerifierKey(cosigner.name, cosigner.publicKey, NOTE_TYPE_COSIGNATURE);
    writeFileSync(join(dir, 'policy.txt'), `log ${logVkey}\nwitness health ${wvkey}\nquorum health\n`);
    const ok = await run([
      'log',
      'verify-receipt',
      'receipt.json',
      '--policy',
      'policy.txt',
      '--record',
      'b.json',
    ]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('cosigned by health');
    expect(
      (await run(['log', 'verify-receipt', 'receipt.json', '--policy', 'policy.txt', '--record', 'a.json']))
        .code,
    ).toBe(1);
    expect((await run(['log', 'verify-receipt', 'receipt.json', '--log-key', logVkey])).code).toBe(0);

    const verify = await run(['log', 'verify']);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/size 6\n.*\nOK\n$/s);

    // Someone edits an entry in the database behind the log's back: verification catches it.
    const db = new Database(join(dir, '.gds', 'ledger.sqlite'));
    const row = db
      .prepare('SELECT start, entries FROM gds_log_chunks WHERE start <= 2 ORDER BY start DESC LIMIT 1')
      .get() as {
      start: number;
      entries: Buffer;
    };
    const last = row.entries.length - 1;
    row.entries[last] = row.entries[last]! ^ 1; // flip a bit of the last entry of that row
    db.prepare('UPDATE gds_log_chunks SET entries = ? WHERE start = ?').run(row.entries, row.start);
    db.close();
    const tampered = await run(['log', 'verify']);
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toContain('INVALID');
  });

  it('reports usage mistakes with exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gds-log-'));
    expect((await gds(['log', 'append', 'x.json'], { cwd: dir })).code).toBe(2); // no log yet
    expect((await gds(['log', 'init'], { cwd: dir })).code).toBe(2); // no origin
    expect((await gds(['log', 'prove', 'abc'], { cwd: dir })).code).toBe(2);
    expect((await gds(['log', 'verify-receipt', 'r.json'], { cwd: dir })).code).toBe(2);
  });
});

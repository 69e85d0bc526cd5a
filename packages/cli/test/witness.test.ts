import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { main } from '@gds/cli';
import { generateNoteKey, Log, noteSignerFromKey } from '@gds/ledger';
import { createMemoryStore } from '@gds/ledger/memory';
import { describe, expect, it } from 'vitest';
import { gds } from './_io.js';

async function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'gds-witness-'));
  const logKeys = await generateNoteKey('county.example/log');
  const log = await Log.open(createMemoryStore(), { signer: await noteSignerFromKey(logKeys.signerKey) });
  const wkeys = await generateNoteKey('police.county.example/witness');
  writeFileSync(join(dir, 'w.key'), `${wkeys.signerKey}\n`);
  return { dir, logKeys, log };
}

describe('gds witness', () => {
  it('cosigns offline, then refuses a rollback (state persisted in a file)', async () => {
    const { dir, logKeys, log } = await setup();
    const args = ['--key-file', 'w.key', '--log', logKeys.verifierKey, '--state', 'state.json'];
    const vkey = await gds(['witness', 'vkey', '--key-file', 'w.key'], { cwd: dir });
    expect(vkey.stdout).toMatch(/^police\.county\.example\/witness\+[0-9a-f]{8}\+B/); // type 0x04 -> 'B'
    const r1 = await log.appendBatch([new Uint8Array(32).fill(1), new Uint8Array(32).fill(2)]);
    const first = await gds(['witness', 'cosign', '-', ...args], { cwd: dir, stdin: r1.checkpoint! });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^— police\.county\.example\/witness \S+\n$/);
    const again = await gds(['witness', 'cosign', '-', ...args], { cwd: dir, stdin: r1.checkpoint! });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('409');
    const r2 = await log.appendBatch([new Uint8Array(32).fill(3)]);
    const proof = (await log.consistencyProof(2, 3))
      .map((h) => `${Buffer.from(h).toString('base64')}\n`)
      .join('');
    const next = await gds(['witness', 'cosign', '-', ...args], {
      cwd: dir,
      stdin: `old 2\n${proof}\n${r2.checkpoint}`,
    });
    expect(next.code).toBe(0);
  });

  it('serves add-checkpoint over HTTP until --max-requests', async () => {
    const { dir, logKeys, log } = await setup();
    const r1 = await log.appendBatch([new Uint8Array(32).fill(1)]);
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let err = '';
    const listening = new Promise<string>((ok) => {
      stderr.on('data', (c) => {
        err += c;
        const m = /http:\/\/\S+\/add-checkpoint/.exec(err);
        if (m) ok(m[0]);
      });
    });
    const done = main(
      [
        'witness',
        'serve',
        '--key-file',
        'w.key',
        '--log',
        logKeys.verifierKey,
        '--state',
        'state.json',
        '--port',
        '0',
        '--max-requests',
        '1',
      ],
      { stdin: Readable.from(['']), stdout, stderr, cwd: dir, isTTY: false },
    );
    const url = await listening;
    const res = await fetch(url, { method: 'POST', body: `old 0\n\n${r1.checkpoint}` });
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/^— police\.county\.example\/witness /);
    expect(await done).toBe(0);
  });

  it('reports usage mistakes with exit 2', async () => {
    expect((await gds(['witness', 'cosign', '-'])).code).toBe(2);
    expect((await gds(['witness', 'serve', '--key-file', 'missing.key', '--log', 'x'])).code).toBe(2);
  });
});

// Acceptance: a writer killed with SIGKILL at random moments leaves a SQLite log that reopens
// consistent, verifies, and holds every acknowledged entry.
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Log, MerkleTree, noteVerifierFromKey, openNote, parseCheckpoint } from '@gds/ledger';
import { createSqliteStore } from '@gds/ledger/sqlite';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const skey = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const vkey = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const source = join(import.meta.dirname, 'fixtures/crash-writer.ts');
// Bundled once from the sources (the @gds/source condition), so each restart costs a plain node start
// rather than a TypeScript compile; written under the package's ignored tmp/ so node_modules resolve.
const writer = resolve(import.meta.dirname, '../tmp/crash-writer.mjs');
const entry = (i: number) => new Uint8Array(createHash('sha256').update(`entry ${i}`).digest());
const KILLS = 21;

describe('SIGKILL crash safety (SQLite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gds-ledger-crash-'));
  const path = join(dir, 'ledger.sqlite');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeAll(async () => {
    await build({
      entryPoints: [source],
      outfile: writer,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      conditions: ['@gds/source'],
      // Workspace packages are bundled from their sources (no build needed); npm packages stay external.
      plugins: [
        {
          name: 'external-npm',
          setup(b) {
            b.onResolve({ filter: /^[^./]/ }, (args) =>
              args.path.startsWith('@gds/') ? undefined : { path: args.path, external: true },
            );
          },
        },
      ],

      logLevel: 'silent',
    });
  });

  it(`keeps every acknowledged entry across ${KILLS} kills at random moments`, {
    timeout: 150_000,
  }, async () => {
    let acked = 0;
    let killedMidRun = 0;
    for (let round = 0; round < KILLS; round++) {
      const child = spawn(process.execPath, [writer, path, skey], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const { ackedNow, sawAck } = await killAtRandom(child, 20 + Math.floor(Math.random() * 250));
      acked = Math.max(acked, ackedNow);
      if (sawAck) killedMidRun++;

      const log = await Log.open(createSqliteStore({ path }));
      expect(log.size, `round ${round}`).toBeGreaterThanOrEqual(acked);
      const entries = await log.entries(0, log.size);
      const tree = new MerkleTree();
      // Committed but unacknowledged entries may exist; every stored entry must still be the right one.
      const wrong = entries.findIndex((e, i) => !Buffer.from(e).equals(entry(i)));
      expect(wrong, `first wrong entry after round ${round}`).toBe(-1);
      for (const e of entries) tree.append(e);
      expect(await log.rootHash()).toEqual(tree.root());
      const cp = await log.latestCheckpoint();
      if (cp) {
        const opened = await openNote(cp.note, [noteVerifierFromKey(vkey)]);
        expect(opened.valid).toBe(true);
        const parsed = opened.valid ? parseCheckpoint(opened.note.text) : undefined;
        expect(parsed?.valid).toBe(true);
        if (parsed?.valid) {
          expect(parsed.checkpoint.size).toBeLessThanOrEqual(log.size);
          expect(parsed.checkpoint.rootHash).toEqual(tree.root(parsed.checkpoint.size));
        }
      }
      acked = log.size;
      await log.close();
    }
    expect(acked).toBeGreaterThan(0);
    expect(killedMidRun).toBeGreaterThan(KILLS / 2);
  });
});

function killAtRandom(child: ChildProcess, delayMs: number): Promise<{ ackedNow: number; sawAck: boolean }> {
  return new Promise((resolvePromise, reject) => {
    let ackedNow = 0;
    let sawAck = false;
    let buffer = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let nl = buffer.indexOf('\n');
      while (nl >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (line.startsWith('ready') && !timer) timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
        if (line.startsWith('ack ')) {
          ackedNow = Math.max(ackedNow, Number(line.slice(4)));
          sawAck = true;
        }
        nl = buffer.indexOf('\n');
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal === 'SIGKILL') resolvePromise({ ackedNow, sawAck });
      else reject(new Error(`writer exited with ${code}: ${stderr}`));
    });
  });
}

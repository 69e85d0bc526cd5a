import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

/** Bundles the ingest worker once from the sources; npm packages stay external. */
export async function buildWorker(): Promise<string> {
  const out = resolve(import.meta.dirname, '../tmp/ingest-worker.mjs');
  await build({
    entryPoints: [join(import.meta.dirname, 'fixtures/ingest-worker.ts')],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['@gds/source'],
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
  return out;
}

/** Runs the worker to completion; resolves with its acknowledgement lines, rejects on failure. */
export function runWorker(worker: string, args: string[]): Promise<string[]> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [worker, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.on('error', fail);
    child.on('exit', (code) =>
      code === 0
        ? ok(out.split('\n').filter((l) => l.startsWith('ack')))
        : fail(new Error(`worker exit ${code}: ${err}`)),
    );
  });
}

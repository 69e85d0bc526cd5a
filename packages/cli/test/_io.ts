import { PassThrough, Readable } from 'node:stream';
import { main } from '@gds/cli';

/** Runs the CLI in-process with captured streams. */
export async function gds(argv: string[], options: { stdin?: string; cwd?: string } = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => {
    out += c;
  });
  stderr.on('data', (c) => {
    err += c;
  });
  const code = await main(argv, {
    stdin: Readable.from([options.stdin ?? '']),
    stdout,
    stderr,
    cwd: options.cwd ?? process.cwd(),
    isTTY: false,
  });
  return { code, stdout: out, stderr: err };
}

import { PassThrough, Readable } from 'node:stream';
import { main } from '@gds/cli';
import { expect } from 'vitest';

/** The environment without the variables that choose the output language (LC_ALL, LC_MESSAGES, LANG). */
export function neutralEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const { LC_ALL: _a, LC_MESSAGES: _m, LANG: _l, ...rest } = env;
  return rest;
}

/**
 * Runs the CLI in-process with captured streams. The environment is the process's (or `env`) without
 * the locale variables, so that the machine's LANG never changes what a test sees.
 */
export async function gds(
  argv: string[],
  options: { stdin?: string; cwd?: string; env?: NodeJS.ProcessEnv; keepLocaleEnv?: boolean } = {},
) {
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
  const env = options.env ?? process.env;
  const code = await main(argv, {
    stdin: Readable.from([options.stdin ?? '']),
    stdout,
    stderr,
    cwd: options.cwd ?? process.cwd(),
    env: options.keepLocaleEnv ? env : neutralEnv(env),
    isTTY: false,
  });
  return { code, stdout: out, stderr: err };
}

/** Expects a usage error: exit 2 and a message on stderr matching `message`. */
export async function usageError(
  run: Promise<{ code: number; stdout: string; stderr: string }>,
  message: RegExp,
): Promise<void> {
  const r = await run;
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(message);
}

import type { Readable, Writable } from 'node:stream';
import type { Locale } from '@gds/schema';

/** Everything a command may touch: its arguments and the process's streams, never globals. */
export interface CommandContext {
  /** Arguments after the command's own name(s). */
  argv: string[];
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** True when stdout is a terminal (progress bars, colours); false when piped. */
  isTTY: boolean;
}

/**
 * A `gds` command. `run` resolves to the exit code: 0 success, 1 "the data had problems" (invalid
 * records, rejected rows, failed verification), 2 usage errors. Thrown errors are mapped to exit codes
 * in one place (`main.ts`): UsageError and any `Gds*Error` become a clear message and exit 2.
 */
export interface Command {
  /** Space-separated words, e.g. "validate" or "keys generate". */
  name: string;
  summary: { zh: string; en: string };
  usage: string;
  run(ctx: CommandContext): Promise<number>;
}

/** A mistake in how the command was called: unknown option, missing argument, unreadable file. */
export class UsageError extends Error {
  readonly messageZh: string;
  readonly messageEn: string;
  constructor(zh: string, en: string, options?: { cause?: unknown }) {
    super(`${zh}（${en}）`, options);
    this.name = 'UsageError';
    this.messageZh = zh;
    this.messageEn = en;
  }
}

/** The `--locale` option: zh-CN (the default) or en; anything else is a usage error. */
export function parseLocale(value: string | undefined): Locale {
  const l = value ?? 'zh-CN';
  if (l !== 'zh-CN' && l !== 'en')
    throw new UsageError(`未知语言 ${l}`, `unknown --locale ${l} (zh-CN or en)`);
  return l;
}

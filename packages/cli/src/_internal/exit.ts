import { type GdsErrorKind, isGdsError } from '@gds/errors';
import type { Locale } from '@gds/schema';
import { UsageError } from './command.js';

/**
 * The exit codes of `gds`, the one table (the README's is this one): 0 and 1 are what a command
 * returns, the others what a thrown error becomes. 70 and 74 are sysexits.h's EX_SOFTWARE and EX_IOERR.
 *
 * @example
 * ```ts
 * import { EXIT } from '@gds/cli';
 * if (process.exitCode === EXIT.usage) {
 *   // gds was called wrongly
 * }
 * ```
 */
export const EXIT = {
  /** Done; the data was valid, the verification passed. */
  ok: 0,
  /** Done, and the data had problems: invalid records, rejected rows, a failed verification. */
  invalid: 1,
  /** The command was called wrongly: unknown command or option, missing or invalid argument. */
  usage: 2,
  /** A bug in gds: please report it (the stack trace is printed). */
  internal: 70,
  /** The environment failed: a file system, a network or a device error. */
  environment: 74,
} as const;

/**
 * Whose fault a thrown error is: `input` (the data), `caller` (how gds was called), `environment`
 * (the system). Undefined is a bug.
 */
export type ErrorKind = GdsErrorKind;

/**
 * The kind of a thrown error. Every GDS error (`isGdsError`: every package's error class, and
 * UsageError) says it with its `kind`; a Node system error (`code` ENOENT, EACCES, EPIPE…) is the
 * environment's; anything else is a bug.
 */
export function errorKind(error: unknown): ErrorKind | undefined {
  if (isGdsError(error)) return error.kind;
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return 'environment';
  return undefined;
}

/**
 * The exit code of a thrown error: the one mapping from errors to exit codes, a switch on the kind
 * (`input` 1, `caller` 2, `environment` 74, anything else, a bug, 70).
 *
 * @example
 * ```ts
 * import { exitCodeOf } from '@gds/cli';
 * import { GdsSchemaError } from '@gds/schema';
 * exitCodeOf(new GdsSchemaError('GDS_SCHEMA_INVALID_RECORD', '记录无效', 'invalid record')); // 1
 * ```
 */
export function exitCodeOf(error: unknown): number {
  switch (errorKind(error)) {
    case 'input':
      return EXIT.invalid;
    case 'caller':
      return EXIT.usage;
    case 'environment':
      return EXIT.environment;
    default:
      return EXIT.internal;
  }
}

/**
 * The message a thrown error prints on stderr, in the output language: the English half alone in
 * English mode, `zh（en）` otherwise; the stable code in brackets; a stack trace only for a bug.
 */
export function errorMessage(error: unknown, locale: Locale): string {
  const kind = errorKind(error);
  if (kind === undefined) {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return locale === 'en'
      ? `gds: internal error, please report it\n${detail}\n`
      : `gds: 内部错误，请报告此问题（internal error, please report it）\n${detail}\n`;
  }
  const e = error as Error & { messageEn?: unknown; code?: unknown };
  const code = typeof e.code === 'string' && !(error instanceof UsageError) ? e.code : undefined;
  if (kind === 'environment' && !isGdsError(error)) {
    return locale === 'en'
      ? `gds: system error: ${e.message}\n`
      : `gds: 系统错误（system error）: ${e.message}\n`;
  }
  const text = locale === 'en' && typeof e.messageEn === 'string' ? e.messageEn : e.message;
  return `gds: ${text}${code ? ` [${code}]` : ''}\n`;
}

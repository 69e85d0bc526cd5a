import type { Locale } from '@gds/schema';
import { UsageError } from './command.js';

/**
 * The exit codes of `gds`, the one table (the README's is this one): 0 and 1 are what a command
 * returns, the others what a thrown error becomes. 70 and 74 are sysexits.h's EX_SOFTWARE and EX_IOERR.
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
 * Whose fault a thrown error is, as the project-wide error base will say it with its `kind`:
 * `input` (the data), `caller` (how gds was called), `environment` (the system). Undefined is a bug.
 */
export type ErrorKind = 'input' | 'caller' | 'environment';

const KINDS: readonly string[] = ['input', 'caller', 'environment'];

/**
 * The kind of a thrown error. An error that carries a `kind` says it itself (UsageError does, and so
 * will the project's `GdsError`); until every package's errors do, a `Gds*Error` without one is a
 * fault of the call (its message names what to change) and a Node system error (`code` ENOENT,
 * EACCES, EPIPE…) one of the environment.
 */
export function errorKind(error: unknown): ErrorKind | undefined {
  if (!(error instanceof Error)) return undefined;
  const kind = (error as { kind?: unknown }).kind;
  if (typeof kind === 'string' && KINDS.includes(kind)) return kind as ErrorKind;
  if (/^Gds\w*Error$/.test(error.name)) return 'caller';
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return 'environment';
  return undefined;
}

/** The exit code of a thrown error: the one mapping from errors to exit codes. */
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
  if (kind === 'environment' && !/^Gds/.test(e.name) && typeof e.messageEn !== 'string') {
    return locale === 'en'
      ? `gds: system error: ${e.message}\n`
      : `gds: 系统错误（system error）: ${e.message}\n`;
  }
  const text = locale === 'en' && typeof e.messageEn === 'string' ? e.messageEn : e.message;
  return `gds: ${text}${code ? ` [${code}]` : ''}\n`;
}

/**
 * Whose fault an error is, which is what a caller decides on:
 * - `input`: the data given is wrong (a record that does not validate, a file that is not what it says);
 *   fix the data.
 * - `caller`: the call is wrong (an unknown standard, a malformed mapping or key, a bad option); fix the
 *   call or its configuration.
 * - `environment`: the system failed (a file system, a database, a missing optional driver); fix the
 *   machine, or retry.
 *
 * The `gds` command line maps them to its exit codes: `input` 1, `caller` 2, `environment` 74.
 *
 * @example
 * ```ts
 * import type { GdsErrorKind } from '@gds/errors';
 * const kind: GdsErrorKind = 'environment';
 * ```
 */
export type GdsErrorKind = 'input' | 'caller' | 'environment';

/**
 * The options of a `GdsError`: the underlying `cause`, passed through unchanged.
 *
 * @example
 * ```ts
 * import type { GdsErrorOptions } from '@gds/errors';
 * const options: GdsErrorOptions = { cause: new Error('ENOENT') };
 * ```
 */
export interface GdsErrorOptions {
  cause?: unknown;
}

const BRAND = Symbol.for('@gds/errors.GdsError');

/**
 * The base of every error a GDS package throws. `code` is stable (`GDS_<PACKAGE>_<WHAT>`), `kind` says
 * whose fault it is, `message` is `"<zh>（<en>）"` with the halves on `messageZh` and `messageEn`, and
 * `cause` is passed through. Each package throws its own subclass (`GdsSchemaError`, `GdsCryptoError`…),
 * so `instanceof` works for the package's class and for `GdsError`; `isGdsError` also recognises an
 * error from another copy of this package (two versions installed side by side).
 *
 * @example
 * ```ts
 * import { GdsError } from '@gds/errors';
 * class MyError extends GdsError<'GDS_MY_BAD'> {}
 * const e = new MyError('GDS_MY_BAD', 'caller', '参数无效', 'invalid argument');
 * e.message; // '参数无效（invalid argument）'
 * e instanceof GdsError; // true
 * ```
 */
export class GdsError<Code extends string = string> extends Error {
  readonly code: Code;
  readonly kind: GdsErrorKind;
  readonly messageZh: string;
  readonly messageEn: string;

  constructor(code: Code, kind: GdsErrorKind, zh: string, en: string, options?: GdsErrorOptions) {
    super(`${zh}（${en}）`, options?.cause !== undefined ? { cause: options.cause } : undefined);
    this.name = new.target.name;
    this.code = code;
    this.kind = kind;
    this.messageZh = zh;
    this.messageEn = en;
    Object.defineProperty(this, BRAND, { value: true });
  }
}

const KINDS: readonly unknown[] = ['input', 'caller', 'environment'];

/**
 * Whether `value` is an error of the GDS family (any package's, from any installed copy of
 * `@gds/errors`), so that `code`, `kind`, `messageZh` and `messageEn` can be read.
 *
 * @example
 * ```ts
 * import { isGdsError } from '@gds/errors';
 * try {
 *   // any GDS call
 * } catch (e) {
 *   if (isGdsError(e) && e.kind === 'input') {
 *     // tell the user to fix the data, in their language: e.messageZh / e.messageEn
 *   } else throw e;
 * }
 * ```
 */
export function isGdsError(value: unknown): value is GdsError {
  if (value instanceof GdsError) return true;
  if (!(value instanceof Error) || (value as unknown as Record<symbol, unknown>)[BRAND] !== true)
    return false;
  const e = value as unknown as Record<string, unknown>;
  return (
    typeof e.code === 'string' &&
    KINDS.includes(e.kind) &&
    typeof e.messageZh === 'string' &&
    typeof e.messageEn === 'string'
  );
}

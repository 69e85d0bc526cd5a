import type { Severity } from './catalogue/entry.js';
import { ISSUE_CATALOGUE } from './catalogue/index.js';

export type { Severity } from './catalogue/entry.js';

/** Every stable issue code (a closed union, documented in `ISSUES.md`). */
export type IssueCode = keyof typeof ISSUE_CATALOGUE;

/** Which language messages are rendered in. zh-CN is the default. */
export type Locale = 'zh-CN' | 'en';

/** A path into a record, JSON-Pointer-like: property names and array indices. */
export type IssuePath = readonly (string | number)[];

/** Where a value came from in a legacy file, as the user would find it (set by `@gds/convert`). */
export interface SourcePosition {
  file?: string;
  sheet?: string;
  /** The row number an editor or Excel shows (1-based, header rows counted). */
  row?: number;
  /** The column name from the header. */
  column?: string;
  /** The spreadsheet column letter (A, B, … AA). */
  columnLetter?: string;
  /** Byte offset in the file, for encoding issues. */
  byteOffset?: number;
  /** The value as it stood in the file, before any transform. */
  raw?: string;
}

/** One problem found in a record. Bad data yields issues, never exceptions. */
export interface Issue {
  code: IssueCode;
  severity: Severity;
  path: IssuePath;
  params: Readonly<Record<string, unknown>>;
  /** The message rendered in the requested locale. */
  message: string;
  source?: SourcePosition;
  /**
   * The root cause this issue follows from, when it is reported once elsewhere: e.g. every row's
   * `required` for a field whose column the file lacks points at that file's `source.missing_column`.
   */
  cause?: IssueCause;
}

/** A reference from an issue to the root-cause issue that explains it (same `code` and `column`). */
export interface IssueCause {
  code: IssueCode;
  /** The source column the root cause is about. */
  column?: string;
}

/**
 * Renders an issue's message from the catalogue in a locale. Unknown placeholders stay visible
 * (`{name}`) rather than vanishing, so a missing parameter is noticed. It takes an issue's code and
 * params, not an `Issue` (which already carries its `message`).
 *
 * @param code - the issue code (`IssueCode`, listed in `ISSUES.md`).
 * @param params - the values of the message's placeholders: an issue's `params`.
 * @param locale - `'zh-CN'` (default) or `'en'`.
 * @returns the message text.
 *
 * @example
 * ```ts
 * import { formatIssueMessage } from '@gds/schema';
 * formatIssueMessage('required', { property: 'name' }, 'en'); // 'Missing required field name'
 * ```
 */
export function formatIssueMessage(
  code: IssueCode,
  params: Readonly<Record<string, unknown>>,
  locale: Locale = 'zh-CN',
): string {
  return renderer(compiled(code), code, locale)(params);
}

type Render = (params: Readonly<Record<string, unknown>>) => string;

// What an issue code needs at run time, looked up once per issue: its default severity and its
// message renderers, compiled on first use.
interface Compiled {
  severity: Severity;
  zh: Render | undefined;
  en: Render | undefined;
}
const COMPILED = new Map<string, Compiled>();

function compiled(code: IssueCode): Compiled {
  let c = COMPILED.get(code);
  if (!c) {
    c = { severity: ISSUE_CATALOGUE[code].severity, zh: undefined, en: undefined };
    COMPILED.set(code, c);
  }
  return c;
}

function renderer(c: Compiled, code: IssueCode, locale: Locale): Render {
  if (locale === 'en') {
    if (!c.en) c.en = compileTemplate(ISSUE_CATALOGUE[code].en, 'en');
    return c.en;
  }
  if (!c.zh) c.zh = compileTemplate(ISSUE_CATALOGUE[code].zh, 'zh-CN');
  return c.zh;
}

// Messages are rendered for every issue of every record: templates are split once into literal and
// placeholder parts, and templates of up to three placeholders get a straight-line renderer (a loop
// that appends part by part is about twice as slow). Those renderers keep their last message: the bad
// values of a batch repeat (an export writing 'M' for every man), and string or number params equal
// to the last ones give the same message.
function compileTemplate(template: string, locale: Locale): Render {
  const parts = template.split(/\{(\w+)\}/);
  const separator = locale === 'en' ? ', ' : '、';
  const show = (value: unknown, name: string): string => {
    if (typeof value === 'string') return value;
    if (value === undefined) return `{${name}}`;
    return Array.isArray(value) ? value.join(separator) : String(value);
  };
  // Only primitives are compared: an array param could have changed since.
  const same = (value: unknown, last: unknown): boolean =>
    value === last && (typeof value === 'string' || typeof value === 'number');
  const [a = '', n1 = '', b = '', n2 = '', c = '', n3 = '', d = ''] = parts;
  let x1: unknown;
  let x2: unknown;
  let x3: unknown;
  let out: string | undefined;
  switch (parts.length) {
    case 1:
      return () => template;
    case 3:
      return (p) => {
        const v1 = p[n1];
        if (out !== undefined && same(v1, x1)) return out;
        x1 = v1;
        out = a + show(v1, n1) + b;
        return out;
      };
    case 5:
      return (p) => {
        const v1 = p[n1];
        const v2 = p[n2];
        if (out !== undefined && same(v1, x1) && same(v2, x2)) return out;
        x1 = v1;
        x2 = v2;
        out = a + show(v1, n1) + b + show(v2, n2) + c;
        return out;
      };
    case 7:
      return (p) => {
        const v1 = p[n1];
        const v2 = p[n2];
        const v3 = p[n3];
        if (out !== undefined && same(v1, x1) && same(v2, x2) && same(v3, x3)) return out;
        x1 = v1;
        x2 = v2;
        x3 = v3;
        out = a + show(v1, n1) + b + show(v2, n2) + c + show(v3, n3) + d;
        return out;
      };
    default:
      return (p) => {
        let message = a;
        for (let i = 1; i < parts.length; i += 2) message += show(p[parts[i]!], parts[i]!) + parts[i + 1]!;
        return message;
      };
  }
}

const NO_PARAMS: Readonly<Record<string, unknown>> = Object.freeze({});

/**
 * One place in a compiled checker that reports an issue code, made once at module load: it looks up the
 * code's severity and message templates once, and when its params are fixed (a limit, a pattern, a
 * required property's name) renders each locale's message once, so reporting costs an object and its
 * path. Fixed params are frozen and shared by the issues of the site. Internal to `@gds/schema`: the
 * checkers `@gds/kit` generates declare one per (code, fixed params) and call `ctx.report`.
 *
 * @example
 * ```ts
 * const ISSUE_3 = issueSite('min_length', { limit: 1 });
 * if (name.length < 1) ctx.report(ISSUE_3, ['name']);
 * const ISSUE_4 = issueSite('additional_property');
 * ctx.report(ISSUE_4, [], { property: key });
 * ```
 */
export class IssueSite {
  readonly severity: Severity;
  private readonly entry: Compiled;
  private zh: string | undefined;
  private en: string | undefined;
  constructor(
    readonly code: IssueCode,
    private readonly params?: Readonly<Record<string, unknown>>,
  ) {
    this.entry = compiled(code);
    this.severity = this.entry.severity;
    // Shared by every issue of the site: frozen, with the arrays in it (enum's allowed values).
    if (params) {
      for (const v of Object.values(params)) if (typeof v === 'object' && v !== null) Object.freeze(v);
      Object.freeze(params);
    }
  }
  /** The issue at `path`, with the params given (else the site's fixed ones). */
  issue(path: IssuePath, locale: Locale, params?: Readonly<Record<string, unknown>>): Issue {
    let message: string;
    if (params !== undefined) message = renderer(this.entry, this.code, locale)(params);
    else if (locale === 'en')
      message = this.en ??= renderer(this.entry, this.code, locale)(this.params ?? NO_PARAMS);
    else message = this.zh ??= renderer(this.entry, this.code, locale)(this.params ?? NO_PARAMS);
    return {
      code: this.code,
      severity: this.severity,
      path,
      params: params ?? this.params ?? NO_PARAMS,
      message,
    };
  }
}

/**
 * `new IssueSite(code, params)`, as the generated checkers declare their sites.
 *
 * @example
 * ```ts
 * const ISSUE_0 = issueSite('required', { property: 'id' });
 * ```
 */
export function issueSite(code: IssueCode, params?: Readonly<Record<string, unknown>>): IssueSite {
  return new IssueSite(code, params);
}

/**
 * Builds an issue with its catalogue severity and rendered message.
 *
 * @example
 * ```ts
 * import { createIssue } from '@gds/schema';
 * const issue = createIssue('required', ['identity'], { property: 'identity' }, 'en');
 * issue.severity; // 'error'
 * ```
 */
export function createIssue(
  code: IssueCode,
  path: IssuePath,
  params: Readonly<Record<string, unknown>> = {},
  locale: Locale = 'zh-CN',
  severity?: Severity,
): Issue {
  const c = compiled(code);
  return {
    code,
    severity: severity ?? c.severity,
    path,
    params,
    message: renderer(c, code, locale)(params),
  };
}

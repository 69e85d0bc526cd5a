import * as z from 'zod';
import { ISSUE_CATALOGUE } from '../catalogue/index.js';
import { formatIssueMessage, type IssueCode, type IssuePath, type Locale } from '../issue.js';
import { IDENTIFIER_RULES, type IdentifierRuleName } from '../rules/identifier-rules.js';
import { OBJECT_RULES, type ObjectRuleName } from '../rules/object-rules.js';
import type { CodeListTable } from './codelist.js';
import { CheckContext } from './context.js';
import { isDate, isDateTime, isEmail, isUri } from './formats.js';
import { codePointLength, firstDuplicate, typeName } from './runtime.js';

// The building blocks of the zod schemas `@gds/kit` generates (`@gds/schema/zod`). Each GDS node is
// `z.unknown().check(<the node's own GDS rules>).pipe(<its plain zod type>)`: the first stage reports
// every issue the compiled checker would report at that node (type, required, unknown fields, lengths,
// patterns, formats, code lists, identifiers, cross-field rules), each a zod `custom` issue carrying
// `params.gdsCode` and the GDS params at the GDS path; the second stage gives zod the structure (so
// `z.infer` is the record type and `.out.shape` reaches the fields) and, once the node's own rules pass,
// validates its children. zod's own checks never fail (the first stage has ruled them out), so no issue
// lacks its GDS code. When a node's own rules fail, the pipe stops, and the node validates its children
// itself (`safeParse` of their schemas), so a record's issues are all reported at once, as `validate()`
// reports them. Warnings are not zod issues: zod has no warnings, and a warning must never fail a parse.

/** The JSON Schema type keywords the GDS profile uses. */
export type JsonType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array';

type Params = Readonly<Record<string, unknown>>;
type Report = (code: IssueCode, path: IssuePath, params?: Params) => void;

// zod installs its English locale when the first schema is built. The one configured once zod has
// built a schema and before any user code could call `z.config` after importing this module is zod's
// default: with it, GDS messages are zh-CN, as `validate()`'s are. A locale the user configures
// (`z.config(z.locales.zhCN())`, `z.locales.en()`, …) is followed: Chinese gives zh-CN, any other
// language English (GDS's catalogue has those two).
z.never();
const ZOD_DEFAULT_LOCALE = z.config().localeError;
// A probe issue whose message tells the language of a zod locale.
const PROBE = { code: 'invalid_type', expected: 'string', input: 0, path: [] } as unknown as Parameters<
  NonNullable<z.core.$ZodConfig['localeError']>
>[0];
let probed: unknown;
let probedLocale: Locale = 'zh-CN';

/** The GDS locale that follows zod's configured locale (`z.config`); zh-CN under zod's default. */
export function zodLocale(): Locale {
  const map = z.config().localeError;
  if (map === undefined || map === ZOD_DEFAULT_LOCALE) return 'zh-CN';
  if (map !== probed) {
    probed = map;
    let text = '';
    try {
      const out = map(PROBE);
      text = typeof out === 'string' ? out : (out?.message ?? '');
    } catch {
      // A locale that cannot render the probe says nothing of its language: English.
    }
    probedLocale =
      /\p{Script=Han}/u.test(text) && !/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(text)
        ? 'zh-CN'
        : 'en';
  }
  return probedLocale;
}

/**
 * The message of a GDS issue: its catalogue message in the locale zod is configured to. A global
 * `z.config({ customError })` that has a message for the issue is left the word (this map then yields).
 */
function gdsMessage(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code !== 'custom') return undefined;
  const params = issue.params as Params | undefined;
  const code = params?.gdsCode;
  if (typeof code !== 'string' || !(code in ISSUE_CATALOGUE)) return undefined;
  const custom = z.config().customError?.(issue);
  if (custom !== undefined && custom !== null) return undefined;
  return formatIssueMessage(code as IssueCode, params!, zodLocale());
}

// The originator GDS issues name (`inst`, the raw issue's documented field): a schema whose own error
// map, `gdsMessage`, zod asks first for their message, before the per-parse and global maps.
const GDS_ISSUE = z.custom<unknown>(undefined, { error: gdsMessage });

/** A zod check running `fn`, whose reports become GDS custom issues with the GDS message. */
function gdsCheck(fn: (value: unknown, report: Report) => void): z.core.CheckFn<unknown> {
  return (payload) => {
    fn(payload.value, (code, path, params = {}) => {
      payload.issues.push({
        code: 'custom',
        input: payload.value,
        inst: GDS_ISSUE,
        path: [...path],
        params: { gdsCode: code, ...params },
        continue: true,
      });
    });
  };
}

/** Runs a GDS rule (which reports into a CheckContext) and reports its errors. */
function runRule(report: Report, rule: (ctx: CheckContext) => void): void {
  const ctx = new CheckContext();
  rule(ctx);
  for (const issue of ctx.issues)
    if (issue.severity === 'error') report(issue.code, issue.path, issue.params);
}

/** Reports the issues of a child's schema on `value` under `step`. */
function child(report: Report, schema: z.ZodType, value: unknown, step: string | number): void {
  const result = schema.safeParse(value);
  if (result.success) return;
  for (const issue of result.error.issues) {
    const { gdsCode, ...params } = (issue as { params?: Record<string, unknown> }).params ?? {};
    report(gdsCode as IssueCode, [step, ...(issue.path as (string | number)[])], params);
  }
}

function isType(v: unknown, type: JsonType): boolean {
  switch (type) {
    case 'object':
      return typeof v === 'object' && v !== null && !Array.isArray(v);
    case 'array':
      return Array.isArray(v);
    case 'string':
      return typeof v === 'string';
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'boolean':
      return typeof v === 'boolean';
  }
}

/** The checks of one node; `false` when the value is not of the node's type (nothing else applies). */
function typed(v: unknown, type: JsonType | undefined, report: Report): boolean {
  if (type === undefined || isType(v, type)) return true;
  report('type', [], { expected: type, received: typeName(v) });
  return false;
}

function node<S extends z.ZodType>(schema: S, own: (v: unknown, report: Report) => void) {
  return z.unknown().check(gdsCheck(own)).pipe(schema);
}

const FORMATS = { date: isDate, 'date-time': isDateTime, email: isEmail, uri: isUri } as const;

/** What a string node of a GDS schema requires. */
export interface GdsStringRules {
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: keyof typeof FORMATS;
  /** A closed code list (an open list's unlisted codes are only warnings). */
  codelist?: { list: string; table: CodeListTable };
  identifier?: IdentifierRuleName;
}

/** A GDS string node. */
export function gdsString(rules: GdsStringRules = {}) {
  const { minLength, maxLength, pattern, format, codelist, identifier } = rules;
  const re = pattern === undefined ? undefined : new RegExp(pattern, 'u');
  return node(z.string(), (v, report) => {
    if (!typed(v, 'string', report)) return;
    const s = v as string;
    if (minLength !== undefined && minLength > 0 && codePointLength(s) < minLength)
      report('min_length', [], { limit: minLength });
    if (maxLength !== undefined && codePointLength(s) > maxLength)
      report('max_length', [], { limit: maxLength });
    if (re && !re.test(s)) report('pattern', [], { pattern });
    if (format !== undefined && !FORMATS[format](s)) report('format', [], { format });
    if (codelist && codelist.table.get(s) === undefined)
      report('codelist.unknown_code', [], { code: s, list: codelist.list });
    if (identifier) runRule(report, (ctx) => IDENTIFIER_RULES[identifier](s, ctx));
  });
}

/** What a number node of a GDS schema requires. */
export interface GdsNumberRules {
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

/** A GDS number node (`integer` or `number`). */
export function gdsNumber(type: 'integer' | 'number', rules: GdsNumberRules = {}) {
  const { minimum, maximum, exclusiveMinimum, exclusiveMaximum } = rules;
  return node(z.number(), (v, report) => {
    if (!typed(v, type, report)) return;
    const n = v as number;
    if (minimum !== undefined && n < minimum) report('minimum', [], { limit: minimum });
    if (maximum !== undefined && n > maximum) report('maximum', [], { limit: maximum });
    if (exclusiveMinimum !== undefined && n <= exclusiveMinimum)
      report('exclusive_minimum', [], { limit: exclusiveMinimum });
    if (exclusiveMaximum !== undefined && n >= exclusiveMaximum)
      report('exclusive_maximum', [], { limit: exclusiveMaximum });
  });
}

/** A GDS boolean node. */
export function gdsBoolean() {
  return node(z.boolean(), (v, report) => {
    typed(v, 'boolean', report);
  });
}

/** A GDS node of any value. */
export function gdsUnknown() {
  return z.unknown();
}

type Literal = string | number | boolean;

/** A GDS `enum` node: one of `values`. */
export function gdsEnum<const V extends readonly [Literal, ...Literal[]]>(values: V, type?: JsonType) {
  const literals = values.map((x) => z.literal(x));
  const schema = (literals.length === 1 ? literals[0]! : z.union(literals)) as z.ZodType<V[number]>;
  return node(schema, (v, report) => {
    if (typed(v, type, report) && !values.includes(v as Literal)) report('enum', [], { allowed: values });
  });
}

/** A GDS `const` node: exactly `value`. */
export function gdsConst<const V extends Literal>(value: V, type?: JsonType) {
  return node(z.literal(value), (v, report) => {
    if (typed(v, type, report) && v !== value) report('const', [], { expected: value });
  });
}

/** What an array node of a GDS schema requires. */
export interface GdsArrayRules {
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
}

/** A GDS array node of `item`s. */
export function gdsArray<I extends z.ZodType>(item: I, rules: GdsArrayRules = {}) {
  const { minItems, maxItems, uniqueItems } = rules;
  return node(z.array(item), (v, report) => {
    if (!typed(v, 'array', report)) return;
    const a = v as unknown[];
    let failed = false;
    const own: Report = (code, path, params) => {
      failed = true;
      report(code, path, params);
    };
    if (minItems !== undefined && minItems > 0 && a.length < minItems)
      own('min_items', [], { limit: minItems });
    if (maxItems !== undefined && a.length > maxItems) own('max_items', [], { limit: maxItems });
    if (uniqueItems) {
      const dup = firstDuplicate(a);
      if (dup) own('unique_items', [], { first: dup[0], second: dup[1] });
    }
    // The pipe stops here: the items are still checked, so every issue is reported at once.
    if (failed) for (let i = 0; i < a.length; i++) child(report, item, a[i], i);
  });
}

/** What an object node of a GDS schema requires besides its properties. */
export interface GdsObjectRules {
  required?: readonly string[];
  /** `additionalProperties: false`. */
  closed?: boolean;
  /** The `x-gds-rules` of the object: rule name and binding. */
  rules?: readonly (readonly [ObjectRuleName, Readonly<Record<string, string>>])[];
}

/** A GDS object node; `shape` holds each property's schema, `.optional()` when not required. */
export function gdsObject<Shape extends z.ZodRawShape>(shape: Shape, rules: GdsObjectRules = {}) {
  const { required = [], closed = false, rules: objectRules = [] } = rules;
  return node(closed ? z.strictObject(shape) : z.looseObject(shape), (v, report) => {
    if (!typed(v, 'object', report)) return;
    const o = v as Record<string, unknown>;
    let failed = false;
    const own: Report = (code, path, params) => {
      failed = true;
      report(code, path, params);
    };
    if (closed)
      for (const k in o) if (!Object.hasOwn(shape, k)) own('additional_property', [], { property: k });
    // Own properties only, as the compiled checker reads them: a record lacking `constructor` or
    // `toString` does not have them because every object inherits them.
    const at = (k: string): unknown => (Object.hasOwn(o, k) ? o[k] : undefined);
    for (const k of required) if (at(k) === undefined) own('required', [], { property: k });
    for (const [name, binding] of objectRules) runRule(own, (ctx) => OBJECT_RULES[name](o, binding, ctx));
    // The pipe stops here: the properties are still checked, so every issue is reported at once.
    if (failed)
      for (const k of Object.keys(shape))
        if (at(k) !== undefined) child(report, shape[k] as z.ZodType, o[k], k);
  });
}

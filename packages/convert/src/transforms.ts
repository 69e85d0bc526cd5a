import { upgradeResidentId15 } from '@gds/schema';
import type { CodeListEntry } from '@gds/standards';
import { isoToExcelSerial } from './_internal/excelDate.js';
import { detectExcelMangledId } from './detectExcelMangledId.js';
import { parseLegacyDate } from './parseLegacyDate.js';

/** A value flowing through a pipeline: cell values, or a list (several source columns, a split). */
export type PipelineValue = string | number | boolean | null | PipelineValue[];

/** A transform as a mapping file names it: `"trim"` or `{ "name": "date", "exportFormat": "yyyyMMdd" }`. */
export type TransformSpec = string | ({ name: string } & Record<string, unknown>);

/** What a transform may do besides returning a value: raise an issue, look up a code list. */
export interface TransformContext {
  /** Raises an issue on the field being converted (source position and path are added by the engine). */
  issue(code: string, params?: Record<string, unknown>): void;
  /** Entries of a code list by id (`ethnicity`), when the caller supplied code lists. */
  codeList(id: string): readonly CodeListEntry[] | undefined;
  /**
   * The record being converted comes from a workbook in Excel's 1904 date system, so a serial number
   * counts days from 1904-01-01 (`SourceRecord.date1904`). Absent or false: the 1900 system.
   */
  readonly date1904?: boolean;
}

/**
 * A named transform with its inverse. `inverse: null` says the transform loses information and cannot
 * be undone (a regex extraction); export then leaves the column empty and says so.
 */
export interface TransformDefinition {
  /** Import direction. Returns the new value; `undefined` means "failed, an issue was raised". */
  forward(
    value: PipelineValue,
    params: Record<string, unknown>,
    ctx: TransformContext,
  ): PipelineValue | undefined;
  /** Export direction, or `null` when there is none. */
  inverse:
    | ((
        value: PipelineValue,
        params: Record<string, unknown>,
        ctx: TransformContext,
      ) => PipelineValue | undefined)
    | null;
  /** What the transform does, for the reference (`TRANSFORMS.md` is generated from the built-ins'). */
  doc?: TransformDoc;
}

/**
 * The documentation of a transform: what each direction does, its parameters and the inputs its
 * reference shows (their outputs are computed by running the transform, never written by hand).
 *
 * @example
 * ```ts
 * import type { TransformDoc } from '@gds/convert';
 * const doc: TransformDoc = {
 *   summary: 'Adds a prefix.',
 *   inverse: 'Removes it.',
 *   params: [{ name: 'value', type: 'string', description: 'The prefix.', required: true }],
 *   examples: [{ value: '001', params: { value: 'ps-' } }],
 * };
 * ```
 */
export interface TransformDoc {
  /** What the import direction does. */
  summary: string;
  /** What the export direction does; absent when the transform has no inverse. */
  inverse?: string;
  /** The parameters a mapping may give (`{ "name": "date", "exportFormat": "yyyyMMdd" }`). */
  params?: readonly TransformParamDoc[];
  /** Inputs to show, each with the parameters to run it with. */
  examples: readonly { value: PipelineValue; params?: Record<string, unknown> }[];
}

/**
 * One parameter of a transform, for its reference.
 *
 * @example
 * ```ts
 * import type { TransformParamDoc } from '@gds/convert';
 * const p: TransformParamDoc = { name: 'separator', type: 'string', default: '" "', description: 'Between parts.' };
 * ```
 */
export interface TransformParamDoc {
  name: string;
  /** Its JSON type as a mapping writes it: `string`, `boolean`, `string[]`, `object`. */
  type: string;
  /** The value when the mapping leaves it out, as JSON text. */
  default?: string;
  required?: boolean;
  description: string;
}

const identity = (v: PipelineValue) => v;
const str = (v: PipelineValue): string => (v === null ? '' : Array.isArray(v) ? v.join('') : String(v));
const eachString = (v: PipelineValue, f: (s: string) => string): PipelineValue =>
  Array.isArray(v) ? v.map((x) => eachString(x, f)) : typeof v === 'string' ? f(v) : v;

// U+3000 (ideographic space), NBSP, zero-width characters and the BOM are what legacy cells carry.
const EDGE_SPACE = /^[\s\u3000\u00a0\u200b-\u200d\ufeff]+|[\s\u3000\u00a0\u200b-\u200d\ufeff]+$/g;

const HAS_FULLWIDTH = /[\uff01-\uff5e\u3000]/;
const NULL_PLACEHOLDERS = ['无', '/', '-', '—', 'NULL', 'null'];

function isSpace(c: number): boolean {
  return (
    c <= 32 ||
    c === 0x3000 ||
    c === 0xa0 ||
    (c >= 0x200b && c <= 0x200d) ||
    c === 0xfeff ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x85 ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x1680 ||
    c === 0x202f ||
    c === 0x205f
  );
}

function trim(s: string): string {
  // Most cells are already clean: look at both ends before paying for a regex.
  if (s.length === 0 || (!isSpace(s.charCodeAt(0)) && !isSpace(s.charCodeAt(s.length - 1)))) return s;
  return s.replace(EDGE_SPACE, '');
}

function toHalfwidth(s: string): string {
  if (!HAS_FULLWIDTH.test(s)) return s;
  return s.replace(/[\uff01-\uff5e\u3000]/g, (c) =>
    c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );
}

/** `2024-03-01 09:12`, `2024/3/1 9:12:05`, `2024年3月1日 09:12`, an ISO string, or an Excel serial, to ISO 8601 with an offset. */
function parseLegacyDateTime(v: string | number, offset: string, date1904: boolean): string | null {
  if (typeof v === 'number') {
    const date = parseLegacyDate(v, { date1904 });
    if (date === null) return null;
    const secs = Math.round((v - Math.floor(v)) * 86400);
    const hh = String(Math.floor(secs / 3600)).padStart(2, '0');
    const mm = String(Math.floor((secs % 3600) / 60)).padStart(2, '0');
    const ss = String(secs % 60).padStart(2, '0');
    return `${date}T${hh}:${mm}:${ss}${offset}`;
  }
  const s = v.trim();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s)) return s;
  const m = /^(.+?)[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(s);
  const date = parseLegacyDate(m ? m[1]! : s, { date1904 });
  if (date === null) return null;
  if (!m) return `${date}T00:00:00${offset}`;
  const [h, mi, se] = [Number(m[2]), Number(m[3]), Number(m[4] ?? 0)];
  if (h > 23 || mi > 59 || se > 59) return null;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date}T${two(h)}:${two(mi)}:${two(se)}${offset}`;
}

/**
 * A number as plain decimal text, never in exponent form: `13800138000` -> `'13800138000'`,
 * `1e-7` -> `'0.0000001'`. The digits are those of the shortest text that reads back as the same number.
 */
function decimalText(n: number): string {
  const s = String(n === 0 ? 0 : n);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign, lead, frac = '', exp] = m;
  const digits = lead! + frac;
  const point = 1 + Number(exp);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

function formatDate(isoDate: string, pattern: string): PipelineValue {
  const [y, m, d] = isoDate.split('-') as [string, string, string];
  switch (pattern) {
    case 'excel':
      return isoToExcelSerial(isoDate);
    case 'iso':
    case 'yyyy-MM-dd':
      return isoDate;
    default:
      return pattern
        .replace('yyyy', y)
        .replace('MM', m)
        .replace('dd', d)
        .replace(/(?<![Md])M(?!M)/, String(Number(m)))
        .replace(/(?<![dM])d(?!d)/, String(Number(d)));
  }
}

function labelIndex(entries: readonly CodeListEntry[]): Map<string, string> {
  const idx = new Map<string, string>();
  const width = Math.max(...entries.map((e) => e.code.length));
  for (const e of entries) {
    idx.set(e.code, e.code);
    if (/^\d+$/.test(e.code)) idx.set(String(Number(e.code)), e.code);
    idx.set(e.zh, e.code);
    if (e.zh.endsWith('族')) idx.set(e.zh.slice(0, -1), e.code);
    else idx.set(`${e.zh}族`, e.code);
    if (e.zh.endsWith('性')) idx.set(e.zh.slice(0, -1), e.code);
    if (e.en) idx.set(e.en.toLowerCase(), e.code);
  }
  void width;
  return idx;
}
const labelCache = new WeakMap<readonly CodeListEntry[], Map<string, string>>();

/**
 * The built-in transforms, by name. Each is a pure function of the value and its parameters; the engine
 * compiles a mapping's pipelines from these once, then runs them per row. Every one, with its parameters,
 * its inverse and examples computed by running it, is in `TRANSFORMS.md` (generated from these
 * definitions: `npx vitest run --project convert test/transforms-doc.test.ts -u`).
 *
 * @example
 * ```ts
 * import { builtinTransforms } from '@gds/convert';
 * const ctx = { issue: () => {}, codeList: () => undefined };
 * builtinTransforms.date!.forward('2020年1月2日', {}, ctx); // '2020-01-02'
 * builtinTransforms.date!.inverse!('2020-01-02', { exportFormat: 'yyyyMMdd' }, ctx); // '20200102'
 * ```
 */
export const builtinTransforms: Readonly<Record<string, TransformDefinition>> = {
  trim: {
    forward: (v) => (typeof v === 'string' ? trim(v) : eachString(v, trim)),
    inverse: identity,
    doc: {
      summary:
        'Strips white space at both ends of a text (of each text, in a list): ASCII spaces, tabs and line breaks, the ideographic space U+3000, NBSP, the zero-width spaces and the BOM that legacy cells carry. Inner spaces stay.',
      inverse: 'Unchanged.',
      examples: [
        { value: '\u3000张三 ' },
        { value: '\ufeff110105\u200b' },
        { value: ['  王 五', '李四\u00a0'] },
      ],
    },
  },
  halfwidth: {
    forward: (v) => (typeof v === 'string' ? toHalfwidth(v) : eachString(v, toHalfwidth)),
    inverse: identity,
    doc: {
      summary:
        'Full-width digits, letters and punctuation (U+FF01 to U+FF5E) and the ideographic space to their ASCII forms, as typed with a Chinese input method.',
      inverse: 'Unchanged.',
      examples: [{ value: '１３８００１３８０００' }, { value: 'ＡＢ－１２３\u3000号' }],
    },
  },
  upper: {
    forward: (v) => eachString(v, (s) => s.toUpperCase()),
    inverse: identity,
    doc: {
      summary: 'Upper case (of each text, in a list).',
      inverse: 'Unchanged.',
      examples: [{ value: '11010519491231002x' }],
    },
  },
  lower: {
    forward: (v) => eachString(v, (s) => s.toLowerCase()),
    inverse: identity,
    doc: {
      summary: 'Lower case (of each text, in a list).',
      inverse: 'Unchanged.',
      examples: [{ value: 'Li.Na@Example.COM' }],
    },
  },
  nullIf: {
    forward: (v, p) => {
      const values = (p.values as string[] | undefined) ?? NULL_PLACEHOLDERS;
      return typeof v === 'string' && values.includes(v.trim()) ? null : v;
    },
    inverse: identity,
    doc: {
      summary:
        'A placeholder for "nothing" becomes empty (`null`): a text equal to one of `values` once trimmed.',
      inverse: 'Unchanged (an empty value is written as an empty cell).',
      params: [
        {
          name: 'values',
          type: 'string[]',
          default: JSON.stringify(NULL_PLACEHOLDERS),
          description: 'The placeholders.',
        },
      ],
      examples: [
        { value: '无' },
        { value: ' / ' },
        { value: 'N/A', params: { values: ['N/A', '不详'] } },
        { value: '张三' },
      ],
    },
  },
  date: {
    forward: (v, _p, ctx) => {
      if (v === null || v === '') return null;
      const out =
        typeof v === 'number' || typeof v === 'string'
          ? parseLegacyDate(v, { date1904: ctx.date1904 === true })
          : null;
      if (out === null) ctx.issue('transform.invalid_date', { value: str(v) });
      return out ?? undefined;
    },
    inverse: (v, p) => (typeof v === 'string' ? formatDate(v, String(p.exportFormat ?? 'iso')) : v),
    doc: {
      summary:
        'A legacy date to ISO 8601 (`YYYY-MM-DD`): `2020年1月2日`, `2020/1/2`, `2020.1.2`, `20200102`, `2020-01-02`, or an Excel serial number (1900 system with its leap-year bug, or 1904 when the workbook says so). A date that does not exist raises `transform.invalid_date`; empty stays empty.',
      inverse: 'ISO 8601 to `exportFormat`.',
      params: [
        {
          name: 'exportFormat',
          type: 'string',
          default: '"iso"',
          description:
            'Export only: `iso` (`yyyy-MM-dd`), `excel` (a serial number), or a pattern of `yyyy`, `MM`, `dd` (two digits), `M`, `d` (no leading zero): `yyyyMMdd`, `yyyy/M/d`, `yyyy年M月d日`.',
        },
      ],
      examples: [
        { value: '2020年1月2日', params: { exportFormat: 'yyyy年M月d日' } },
        { value: '2020/1/2', params: { exportFormat: 'yyyy/M/d' } },
        { value: '20200102', params: { exportFormat: 'yyyyMMdd' } },
        { value: 43832, params: { exportFormat: 'excel' } },
        { value: '2020-02-30' },
      ],
    },
  },
  datetime: {
    forward: (v, p, ctx) => {
      if (v === null || v === '') return null;
      const out =
        typeof v === 'string' || typeof v === 'number'
          ? parseLegacyDateTime(v, String(p.offset ?? '+08:00'), ctx.date1904 === true)
          : null;
      if (out === null) ctx.issue('transform.invalid_date', { value: str(v) });
      return out ?? undefined;
    },
    inverse: (v, p) => {
      if (typeof v !== 'string') return v;
      const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})/.exec(v);
      if (!m) return v;
      return p.exportFormat === 'iso' ? v : `${m[1]} ${m[2]}`;
    },
    doc: {
      summary:
        'A legacy date and time to ISO 8601 with an offset: the date shapes of `date` followed by `H:mm` or `H:mm:ss`, an ISO string with an offset (kept as is), or an Excel serial with a time fraction. A date alone is midnight. An impossible date or time raises `transform.invalid_date`.',
      inverse: '`yyyy-MM-dd HH:mm:ss` (the offset is dropped), or the ISO text with `exportFormat: "iso"`.',
      params: [
        {
          name: 'offset',
          type: 'string',
          default: '"+08:00"',
          description: 'The offset of the source clock.',
        },
        {
          name: 'exportFormat',
          type: 'string',
          description: 'Export only: `iso` keeps the ISO 8601 text; otherwise `yyyy-MM-dd HH:mm:ss`.',
        },
      ],
      examples: [
        { value: '2024-03-01 09:12' },
        { value: '2024年3月1日 9:12:05', params: { exportFormat: 'iso' } },
        { value: 45352.5 },
        { value: '2024-03-01 25:00' },
      ],
    },
  },
  residentId: {
    forward: (v, p, ctx) => {
      if (v === null || v === '') return null;
      if (detectExcelMangledId(v as string | number)) {
        ctx.issue('source.excel_mangled_id', { value: str(v) });
        return undefined;
      }
      let s =
        typeof v === 'string' && v.length === 18 && v.charCodeAt(17) !== 120
          ? v
          : str(v).replace(/\s+/g, '').toUpperCase();
      if (p.upgrade15 === true && /^\d{15}$/.test(s)) {
        const up = upgradeResidentId15(s);
        if (up) {
          ctx.issue('transform.id_upgraded', { value: s, upgraded: up });
          s = up;
        }
      }
      return s;
    },
    inverse: identity,
    doc: {
      summary:
        'A resident ID number as GB 11643 writes it: spaces removed, a lower-case check character `x` to `X`. A number Excel has mangled (`1.10105E+17`, or 18 digits ending in `000` with a wrong check character) raises `source.excel_mangled_id` and is never repaired. With `upgrade15`, a 15-digit (first-generation) number is upgraded to 18 digits and `transform.id_upgraded` says so.',
      inverse: 'Unchanged.',
      params: [
        {
          name: 'upgrade15',
          type: 'boolean',
          default: 'false',
          description: 'Upgrade 15-digit numbers to 18 digits (century 19, check character computed).',
        },
      ],
      examples: [
        { value: '11010519491231002x' },
        { value: '110105 19491231 002X' },
        { value: '110105491231002', params: { upgrade15: true } },
        { value: 110105194912310000 },
      ],
    },
  },
  codeFromLabel: {
    forward: (v, p, ctx) => {
      if (v === null || v === '') return null;
      const list = String(p.list);
      const entries = ctx.codeList(list);
      const s = str(v).trim();
      const aliases = (p.aliases as Record<string, string> | undefined) ?? {};
      if (Object.hasOwn(aliases, s)) return aliases[s]!;
      if (!entries) return s;
      let idx = labelCache.get(entries);
      if (!idx) {
        idx = labelIndex(entries);
        labelCache.set(entries, idx);
      }
      const code = idx.get(s) ?? idx.get(s.toLowerCase());
      if (code === undefined) {
        ctx.issue('transform.unknown_label', { value: s, list });
        return undefined;
      }
      return code;
    },
    inverse: (v, p, ctx) => {
      if (p.exportAs !== 'label' || typeof v !== 'string') return v;
      return ctx.codeList(String(p.list))?.find((e) => e.code === v)?.zh ?? v;
    },
    doc: {
      summary:
        'The code of a code list entry from its code or its label: `汉族` or `汉` or `01` or `1` to `01`, a label in English (any case) too. `aliases` adds former or local names. A value found nowhere raises `transform.unknown_label`; without the code lists (a caller gave none) the value passes unchanged.',
      inverse: 'The code, or its zh-CN label with `exportAs: "label"`.',
      params: [
        {
          name: 'list',
          type: 'string',
          required: true,
          description: 'The code list id (`ethnicity`, `sex`).',
        },
        {
          name: 'aliases',
          type: 'object',
          description: 'More names: `{ "穿青人": "97" }`, looked up first.',
        },
        { name: 'exportAs', type: 'string', description: 'Export only: `label` writes the zh-CN label.' },
      ],
      examples: [
        { value: '汉族', params: { list: 'ethnicity' } },
        { value: '壮', params: { list: 'ethnicity', exportAs: 'label' } },
        { value: '1', params: { list: 'ethnicity' } },
        { value: '女', params: { list: 'sex', exportAs: 'label' } },
        { value: '汉人', params: { list: 'ethnicity', aliases: { 汉人: '01' } } },
        { value: '火星族', params: { list: 'ethnicity' } },
      ],
    },
  },
  map: {
    forward: (v, p, ctx) => {
      if (v === null || v === '') return null;
      const table = p.values as Record<string, PipelineValue>;
      const key = str(v).trim();
      if (Object.hasOwn(table, key)) return table[key]!;
      if (p.passThrough === true) return v;
      ctx.issue('crosswalk.unknown_value', { value: key, crosswalk: String(p.name ?? 'map') });
      return undefined;
    },
    inverse: (v, p) => {
      const explicit = p.exportValues as Record<string, PipelineValue> | undefined;
      const key = str(v);
      if (explicit && Object.hasOwn(explicit, key)) return explicit[key]!;
      const table = p.values as Record<string, PipelineValue>;
      for (const [k, t] of Object.entries(table)) if (str(t) === key) return k;
      return v;
    },
    doc: {
      summary:
        'A value table: the (trimmed) text is looked up in `values`. A value not in the table raises `crosswalk.unknown_value`, unless `passThrough`. For a code list, prefer a crosswalk file (a standard) to an inline table.',
      inverse:
        'The table read backwards (the first key with that value), or `exportValues`; a value in neither is written unchanged.',
      params: [
        { name: 'values', type: 'object', required: true, description: 'Source text to canonical value.' },
        { name: 'exportValues', type: 'object', description: 'Export only: canonical value to source text.' },
        {
          name: 'passThrough',
          type: 'boolean',
          default: 'false',
          description: 'A value not in the table passes unchanged instead of raising an issue.',
        },
        { name: 'name', type: 'string', default: '"map"', description: 'The name issues give the table.' },
      ],
      examples: [
        { value: '男', params: { values: { 男: '1', 女: '2' } } },
        { value: 'F', params: { values: { M: '1', F: '2' }, exportValues: { '2': '女' } } },
        { value: '未知', params: { values: { 男: '1', 女: '2' }, name: 'xb' } },
        { value: '未知', params: { values: { 男: '1', 女: '2' }, passThrough: true } },
      ],
    },
  },
  number: {
    forward: (v, _p, ctx) => {
      if (v === null || v === '') return null;
      if (typeof v === 'number') return v;
      const s = toHalfwidth(str(v)).replace(/[,\s元¥￥]/g, '');
      const n = /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : Number.NaN;
      if (Number.isNaN(n)) {
        ctx.issue('transform.invalid_number', { value: str(v) });
        return undefined;
      }
      return n;
    },
    inverse: (v) => (v === null ? null : str(v)),
    doc: {
      summary:
        'A number from a text: thousands separators, spaces, `元` and `¥` dropped, full-width digits read. Anything else raises `transform.invalid_number`; a number passes unchanged.',
      inverse: 'Its text.',
      examples: [{ value: '1,234.50元' }, { value: '１２３' }, { value: 56 }, { value: '约 300' }],
    },
  },
  text: {
    forward: (v, _p, ctx) => {
      if (typeof v !== 'number') return v;
      const s = decimalText(v);
      // Excel keeps 15 significant digits: past them, the digits a user typed are already lost.
      if (!Number.isFinite(v) || Math.abs(v) >= 1e15) {
        ctx.issue('source.excel_mangled_number', { value: s });
        return undefined;
      }
      return s;
    },
    inverse: identity,
    doc: {
      summary:
        'A number (a spreadsheet cell typed as a number) to its decimal text, never in exponent form: `13800138000` stays `"13800138000"`, not `1.38e+10`. A number of 16 or more digits raises `source.excel_mangled_number`: Excel kept only 15, and the digits typed are lost. A text passes unchanged.',
      inverse: 'Unchanged.',
      examples: [
        { value: 13800138000 },
        { value: 1e-7 },
        { value: 6222021234567890000 },
        { value: '010-12345678' },
      ],
    },
  },
  split: {
    forward: (v, p) => {
      if (v === null) return null;
      const parts = str(v).split(String(p.separator ?? ' '));
      if (p.index === undefined) return parts;
      return parts[Number(p.index)] ?? null;
    },
    inverse: null,
    doc: {
      summary: 'A text to the list of its parts, or one part of it (`index`, from 0; past the end: empty).',
      params: [
        { name: 'separator', type: 'string', default: '" "', description: 'Between parts.' },
        { name: 'index', type: 'number', description: 'The part to keep; absent: all, as a list.' },
      ],
      examples: [
        { value: '北京市 朝阳区' },
        { value: '张三/13800138000', params: { separator: '/', index: 1 } },
        { value: '张三', params: { separator: '/', index: 1 } },
      ],
    },
  },
  join: {
    forward: (v, p) => {
      if (!Array.isArray(v)) return v;
      const parts = v.filter((x) => x !== null && x !== '').map(str);
      return parts.length === 0 ? null : parts.join(String(p.separator ?? ''));
    },
    inverse: (v, p) => {
      if (v === null) return null;
      const sep = String(p.separator ?? '');
      return sep === '' ? [str(v)] : str(v).split(sep);
    },
    doc: {
      summary:
        'Several columns (`from` a list) into one text, empty ones left out; all empty: empty. One value passes unchanged.',
      inverse: 'The text split at `separator` back into the columns (no separator: one column).',
      params: [{ name: 'separator', type: 'string', default: '""', description: 'Between parts.' }],
      examples: [
        { value: ['北京市', '朝阳区'], params: { separator: '/' } },
        { value: ['朝阳区', null, '建国路 1 号'], params: { separator: '，' } },
        { value: ['', null] },
      ],
    },
  },
  regex: {
    forward: (v, p, ctx) => {
      if (v === null || v === '') return null;
      const m = new RegExp(String(p.pattern)).exec(str(v));
      if (!m) {
        ctx.issue('transform.no_match', { value: str(v), pattern: String(p.pattern) });
        return undefined;
      }
      return m[Number(p.group ?? 1)] ?? m[0];
    },
    inverse: null,
    doc: {
      summary:
        'The `group` of the first match of `pattern` (a JavaScript regular expression) in the text, or the whole match when the group did not take part. No match raises `transform.no_match`.',
      params: [
        { name: 'pattern', type: 'string', required: true, description: 'The regular expression.' },
        { name: 'group', type: 'number', default: '1', description: 'The capture group to keep.' },
      ],
      examples: [
        { value: '电话：13800138000（本人）', params: { pattern: '(1\\d{10})' } },
        { value: '朝阳区建国路1号', params: { pattern: '^(.+?区)(.*)$', group: 2 } },
        { value: '无', params: { pattern: '(1\\d{10})' } },
      ],
    },
  },
  prefix: {
    forward: (v, p) => (v === null || v === '' ? null : `${String(p.value)}${str(v)}`),
    inverse: (v, p) => {
      const pre = String(p.value);
      const s = str(v);
      return s.startsWith(pre) ? s.slice(pre.length) : s;
    },
    doc: {
      summary: 'Puts `value` in front of the text; empty stays empty.',
      inverse: 'Takes `value` off the front again (a text without it is written unchanged).',
      params: [{ name: 'value', type: 'string', required: true, description: 'The prefix.' }],
      examples: [
        { value: '001', params: { value: 'ps-' } },
        { value: '', params: { value: 'ps-' } },
      ],
    },
  },
};

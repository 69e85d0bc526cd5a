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
 * compiles a mapping's pipelines from these once, then runs them per row.
 *
 * | name | import | export (inverse) |
 * |---|---|---|
 * | `trim` | strips spaces at both ends, full-width U+3000, NBSP and zero-width ones included | unchanged |
 * | `halfwidth` | full-width digits, letters and punctuation to ASCII | unchanged |
 * | `upper` / `lower` | case | unchanged |
 * | `nullIf` `{values}` | placeholders such as `无`, `/`, `-` become empty | unchanged |
 * | `datetime` `{offset, exportFormat}` | `2024-03-01 09:12:00` and the date shapes with a time to ISO 8601 with an offset (`+08:00` default) | `yyyy-MM-dd HH:mm:ss`, or ISO with `exportFormat: "iso"` |
 * | `date` `{exportFormat}` | every legacy date shape and Excel serials to ISO | ISO to `exportFormat` (`yyyyMMdd`, `yyyy/M/d`, `yyyy年M月d日`, `excel`) |
 * | `residentId` `{upgrade15}` | x to X; Excel-mangled numbers raise `source.excel_mangled_id`; 15-digit upgrade when asked | unchanged |
 * | `codeFromLabel` `{list, aliases, exportAs}` | code from a code or label, with or without 族, former names via `aliases` | code, or the label with `exportAs: "label"` |
 * | `map` `{values, exportValues}` | value table | reversed table (first key wins) or `exportValues` |
 * | `number` | `1,234.50元` to 1234.5 | text |
 * | `text` | a number to its decimal text (`13800138000` -> `"13800138000"`, never `1.38e+10`), for phone and serial numbers typed as numbers in a sheet; one of 16 or more digits raises `source.excel_mangled_number` (Excel kept 15); text passes unchanged | unchanged |
 * | `split` `{separator, index}` | one column to a list, or one part of it | none |
 * | `join` `{separator}` | several columns into one | split back into the columns |
 * | `regex` `{pattern, group}` | extracts a group; no match raises `transform.no_match` | none |
 * | `prefix` `{value}` | adds a prefix | removes it |
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
  trim: { forward: (v) => (typeof v === 'string' ? trim(v) : eachString(v, trim)), inverse: identity },
  halfwidth: {
    forward: (v) => (typeof v === 'string' ? toHalfwidth(v) : eachString(v, toHalfwidth)),
    inverse: identity,
  },
  upper: { forward: (v) => eachString(v, (s) => s.toUpperCase()), inverse: identity },
  lower: { forward: (v) => eachString(v, (s) => s.toLowerCase()), inverse: identity },
  nullIf: {
    forward: (v, p) => {
      const values = (p.values as string[] | undefined) ?? NULL_PLACEHOLDERS;
      return typeof v === 'string' && values.includes(v.trim()) ? null : v;
    },
    inverse: identity,
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
  },
  split: {
    forward: (v, p) => {
      if (v === null) return null;
      const parts = str(v).split(String(p.separator ?? ' '));
      if (p.index === undefined) return parts;
      return parts[Number(p.index)] ?? null;
    },
    inverse: null,
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
  },
  prefix: {
    forward: (v, p) => (v === null || v === '' ? null : `${String(p.value)}${str(v)}`),
    inverse: (v, p) => {
      const pre = String(p.value);
      const s = str(v);
      return s.startsWith(pre) ? s.slice(pre.length) : s;
    },
  },
};

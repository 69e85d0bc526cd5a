import { excelSerialToIso, MAX_SERIAL_1900, MAX_SERIAL_1904 } from './_internal/excelDate.js';

const FULLWIDTH_DIGITS = /[０-９]/g;

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function iso(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || y < 1000 || y > 9999) return null;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  if (d > (m === 2 && leap ? 29 : DAYS[m - 1]!)) return null;
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

function digits8(s: string): boolean {
  if (s.length !== 8) return false;
  for (let i = 0; i < 8; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * Reads a date in the shapes departments use and returns ISO `YYYY-MM-DD`, or `null` when it is not a
 * real date: `2020年1月2日`, `2020/1/2`, `2020-01-02`, `2020.1.2`, `20200102`, full-width digits, a
 * trailing time (`2020-01-02 00:00:00`), and Excel serial numbers (25569 = 1970-01-01) with the 1900
 * leap-year bug: serial 60 is the fictitious 1900-02-29 and yields `null`, never a neighbouring day.
 * `{ date1904: true }` reads serials in the 1904 date system of old Mac workbooks (0 = 1904-01-01).
 *
 * @example
 * ```ts
 * import { parseLegacyDate } from '@gds/convert';
 * parseLegacyDate('2020年1月2日'); // '2020-01-02'
 * parseLegacyDate('20200102'); // '2020-01-02'
 * parseLegacyDate(25569); // '1970-01-01'
 * parseLegacyDate(24107, { date1904: true }); // '1970-01-01'
 * parseLegacyDate('2021-02-29'); // null
 * ```
 */
export function parseLegacyDate(value: string | number, options: { date1904?: boolean } = {}): string | null {
  if (typeof value === 'number') {
    const date1904 = options.date1904 === true;
    if (!Number.isFinite(value) || value < (date1904 ? 0 : 1)) return null;
    if (value >= (date1904 ? MAX_SERIAL_1904 : MAX_SERIAL_1900) + 1) return null;
    const s = excelSerialToIso(value, date1904).slice(0, 10);
    return s === '1900-02-29' ? null : s;
  }
  if (digits8(value))
    return iso(Number(value.slice(0, 4)), Number(value.slice(4, 6)), Number(value.slice(6, 8)));
  const s = value.trim().replace(FULLWIDTH_DIGITS, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  let m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m =
    /^(\d{4})\s*(?:年|[-/.])\s*(\d{1,2})\s*(?:月|[-/.])\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/.exec(
      s,
    );
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  // An Excel serial that arrived as text (a CSV saved from a sheet whose date column lost its format).
  if (/^\d{4,5}(\.\d+)?$/.test(s)) return parseLegacyDate(Number(s), options);
  return null;
}

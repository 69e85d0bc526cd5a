// JSON Schema formats of the GDS profile, written as character scans: no regex on the hot path.

function digits(s: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** Days in a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

// The last string isDate read and its day (yyyymmdd, or -1 when it is no date). A cross-field rule of
// the same record (a birth date against the one in an ID number) takes the day from here instead of
// reading the string again. Compared by content, a stale entry can only miss, never mislead.
let lastDate = '';
let lastDay = -1;

/** RFC 3339 full-date: YYYY-MM-DD, a real calendar date. */
export function isDate(s: string): boolean {
  const day = s.length === 10 ? dayAt(s) : -1;
  lastDate = s;
  lastDay = day;
  return day >= 0;
}

/** The day of an RFC 3339 full-date as the number yyyymmdd, or -1 when `s` is not one. */
export function dateNumber(s: string): number {
  if (s === lastDate) return lastDay;
  return s.length === 10 ? dayAt(s) : -1;
}

// The YYYY-MM-DD at the start of s as yyyymmdd (or -1), unrolled: every record has a date or two.
function dayAt(s: string): number {
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return -1;
  const y0 = s.charCodeAt(0) - 48;
  const y1 = s.charCodeAt(1) - 48;
  const y2 = s.charCodeAt(2) - 48;
  const y3 = s.charCodeAt(3) - 48;
  const m0 = s.charCodeAt(5) - 48;
  const m1 = s.charCodeAt(6) - 48;
  const d0 = s.charCodeAt(8) - 48;
  const d1 = s.charCodeAt(9) - 48;
  // A character outside 0-9 gives a negative or > 9 value: unsigned, both are > 9.
  if (
    y0 >>> 0 > 9 ||
    y1 >>> 0 > 9 ||
    y2 >>> 0 > 9 ||
    y3 >>> 0 > 9 ||
    m0 >>> 0 > 9 ||
    m1 >>> 0 > 9 ||
    d0 >>> 0 > 9 ||
    d1 >>> 0 > 9
  )
    return -1;
  const y = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const m = m0 * 10 + m1;
  const d = d0 * 10 + d1;
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m) ? y * 10_000 + m * 100 + d : -1;
}

/** RFC 3339 date-time with a time zone (Z or ±hh:mm), seconds up to 60 (leap second), optional fraction. */
export function isDateTime(s: string): boolean {
  if (s.length < 20) return false;
  const t = s.charCodeAt(10);
  if (t !== 84 && t !== 116 && t !== 32) return false;
  if (dayAt(s) < 0) return false;
  if (s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return false;
  const h = digits(s, 11, 2);
  const mi = digits(s, 14, 2);
  const se = digits(s, 17, 2);
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 || se > 60) return false;
  let i = 19;
  if (s.charCodeAt(i) === 46) {
    i++;
    const start = i;
    while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
    if (i === start) return false;
  }
  const z = s.charCodeAt(i);
  if ((z === 90 || z === 122) && i + 1 === s.length) return true;
  if ((z === 43 || z === 45) && i + 6 === s.length && s.charCodeAt(i + 3) === 58) {
    const oh = digits(s, i + 1, 2);
    const om = digits(s, i + 4, 2);
    return oh >= 0 && oh <= 23 && om >= 0 && om <= 59;
  }
  return false;
}

const EMAIL =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/** An e-mail address (the common "addr-spec without quotes or comments" subset, as ajv-formats' fast mode). */
export function isEmail(s: string): boolean {
  return EMAIL.test(s);
}

const URI = /^[a-z][a-z0-9+\-.]*:[^\s]*$/i;

/** An absolute URI: a scheme, a colon, no white space. */
export function isUri(s: string): boolean {
  return URI.test(s);
}

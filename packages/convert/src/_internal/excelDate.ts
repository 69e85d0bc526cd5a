const DAY_MS = 86400000;
// Day 0 of each date system (ECMA-376 Part 1, 18.17.4.1): the 1900 system counts from 1899-12-31 and
// keeps Lotus 1-2-3's fictitious 1900-02-29 (serial 60); the 1904 system (workbookPr date1904, old Mac
// Excel) counts from 1904-01-01 and has no such day.
const EPOCH_1904 = Date.UTC(1904, 0, 1);
/** The largest serial Excel shows as a date: 9999-12-31 in the 1900 system. */
export const MAX_SERIAL_1900 = 2958465;
/** The same day in the 1904 system. */
export const MAX_SERIAL_1904 = MAX_SERIAL_1900 - 1462;

const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/** `HH:MM:SS`, with `.sss` when the milliseconds are not zero; hours may pass 23 (elapsed time). */
function clock(ms: number): string {
  const s = Math.floor(ms / 1000);
  const rest = ms % 1000;
  const base = `${two(Math.floor(s / 3600))}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`;
  return rest === 0 ? base : `${base}.${String(rest).padStart(3, '0')}`;
}

/**
 * Converts an Excel serial day number to ISO 8601 (`YYYY-MM-DD`, with `THH:MM:SS[.sss]` when there is a
 * time part, kept to the millisecond as Excel stores it). In the 1900 system serials before 60 are one
 * day early (the Lotus bug), and 60 itself yields the impossible `1900-02-29` so that a date check
 * rejects it instead of silently moving it. `date1904` reads the serial in the 1904 system.
 */
export function excelSerialToIso(serial: number, date1904 = false): string {
  const day = Math.floor(serial);
  const ms = Math.round((serial - day) * DAY_MS);
  let epoch: number;
  if (date1904) epoch = EPOCH_1904;
  else {
    if (day === 60) return ms === 0 ? '1900-02-29' : `1900-02-29T${clock(ms)}`;
    epoch = Date.UTC(1899, 11, day < 60 ? 31 : 30);
  }
  const d = new Date(epoch + day * DAY_MS + ms).toISOString();
  if (ms === 0) return d.slice(0, 10);
  return d.endsWith('.000Z') ? d.slice(0, 19) : d.slice(0, 23);
}

/**
 * A serial read as a clock: a time of day for a fraction in [0, 1) (`0.5` -> `12:00:00`), elapsed time
 * for `[h]:mm:ss` formats (`1.5` -> `36:00:00`).
 */
export function excelSerialToClock(serial: number): string {
  return clock(Math.round(serial * DAY_MS));
}

/** The inverse of {@link excelSerialToIso} for dates: `1970-01-01` -> 25569 (1900 system) or 24107 (1904). */
export function isoToExcelSerial(iso: string, date1904 = false): number {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number) as [number, number, number];
  if (date1904) return (Date.UTC(y, m - 1, d) - EPOCH_1904) / DAY_MS;
  if (y === 1900 && m === 2 && d === 29) return 60;
  const days = (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / DAY_MS;
  return days <= 60 ? days - 1 : days;
}

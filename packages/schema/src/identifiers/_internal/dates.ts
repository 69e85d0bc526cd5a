/** Whether `yyyy`, `mm`, `dd` form a real proleptic Gregorian calendar date. */
export function isRealDate(yyyy: number, mm: number, dd: number): boolean {
  if (mm < 1 || mm > 12 || dd < 1) return false;
  if (mm === 2) return dd <= ((yyyy % 4 === 0 && yyyy % 100 !== 0) || yyyy % 400 === 0 ? 29 : 28);
  return dd <= (mm === 4 || mm === 6 || mm === 9 || mm === 11 ? 30 : 31);
}

/**
 * Today's date in China (UTC+8, no daylight saving) as `YYYY-MM-DD`: "in the future" is judged on the
 * calendar the issuing authority uses, not on the server's time zone.
 */
export function chinaDate(now: Date): string {
  return chinaDateAt(now.getTime());
}

/** `chinaDate` of a time in milliseconds since the epoch. */
export function chinaDateAt(time: number): string {
  // Validations ask once per record: remember the China day the last one fell in.
  if (!(time >= dayStart && time < dayStart + DAY)) {
    const shifted = time + 8 * 3_600_000;
    dayStart = shifted - (((shifted % DAY) + DAY) % DAY) - 8 * 3_600_000;
    day = new Date(shifted).toISOString().slice(0, 10);
  }
  return day;
}

const DAY = 86_400_000;
let dayStart = Number.NaN;
let day = '';

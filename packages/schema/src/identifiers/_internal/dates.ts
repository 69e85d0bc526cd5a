/** Whether `yyyy`, `mm`, `dd` form a real proleptic Gregorian calendar date. */
export function isRealDate(yyyy: number, mm: number, dd: number): boolean {
  if (mm < 1 || mm > 12 || dd < 1) return false;
  const leap = (yyyy % 4 === 0 && yyyy % 100 !== 0) || yyyy % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mm - 1]!;
  return dd <= days;
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

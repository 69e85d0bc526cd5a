/**
 * Converts an Excel serial day number to ISO 8601 (`YYYY-MM-DD`, with `THH:MM:SS` when there is a time
 * part). Excel's 1900 system counts the non-existent 1900-02-29 (serial 60, a Lotus 1-2-3 bug kept for
 * compatibility): serials before it are one day early, and 60 itself yields the impossible `1900-02-29`
 * so that a date check rejects it instead of silently moving it.
 */
export function excelSerialToIso(serial: number): string {
  const day = Math.floor(serial);
  if (day === 60) return '1900-02-29';
  const epoch = Date.UTC(1899, 11, day < 60 ? 31 : 30);
  const ms = Math.round((serial - day) * 86400) * 1000;
  const d = new Date(epoch + day * 86400000 + ms);
  const date = d.toISOString().slice(0, 10);
  return ms === 0 ? date : d.toISOString().slice(0, 19);
}

/** The inverse of {@link excelSerialToIso} for dates: `1970-01-01` -> 25569. */
export function isoToExcelSerial(iso: string): number {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number) as [number, number, number];
  if (y === 1900 && m === 2 && d === 29) return 60;
  const days = (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000;
  return days <= 60 ? days - 1 : days;
}

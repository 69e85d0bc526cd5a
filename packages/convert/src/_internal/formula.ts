// OWASP "CSV Injection": a cell that begins with one of these is read as a formula by spreadsheet
// programs (TAB and CR because some of them strip leading whitespace before looking).
const TRIGGER = /^[=+\-@\t\r]/;
// Text that is a plain decimal number (-12.5, +86, 1e5) is a number to a spreadsheet, never a formula.
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * The text to write for a text cell so that no spreadsheet evaluates it: prefixed with `'` (the OWASP
 * recommendation) when it begins with `=`, `+`, `-`, `@`, TAB or CR and is not a plain number;
 * `undefined` when the text is safe as it is. One function for the CSV and the XLSX writer.
 */
export function neutraliseFormula(text: string): string | undefined {
  if (text.length === 0 || !TRIGGER.test(text) || PLAIN_NUMBER.test(text)) return undefined;
  return `'${text}`;
}

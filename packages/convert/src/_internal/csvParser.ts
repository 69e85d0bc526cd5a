/** A row as the CSV tokenizer produced it, with the editor lines it spans. */
export interface TokenizedRow {
  fields: string[];
  startLine: number;
  endLine: number;
  unterminated: boolean;
}

const NONE = Number.POSITIVE_INFINITY;

/**
 * An RFC 4180 tokenizer over decoded text fed piece by piece (each piece ends at a newline, except
 * the last). Rows without quotes take a fast path (`indexOf` + `split`); quoted rows go through a
 * character state machine that survives piece boundaries. Lenient where files are: a quote inside an
 * unquoted field is literal, text after a closing quote is kept, CRLF and LF both end rows.
 */
export class CsvTokenizer {
  /** The editor line (1-based) of the next character. */
  line = 1;
  private readonly delim: string;
  private readonly quote: string;
  // State of a row in progress through the slow path (possibly across pieces).
  private pending = false;
  private fields: string[] = [];
  private parts: string[] = [];
  private field = '';
  private inQuotes = false;
  private afterQuote = false;
  private fieldStarted = false;
  private rowStartLine = 1;

  constructor(delimiter: string, quote = '"') {
    this.delim = delimiter;
    this.quote = quote;
  }

  /** Tokenizes one piece; `final` flushes a last row without a trailing newline. */
  push(t: string, final: boolean, out: TokenizedRow[]): void {
    const n = t.length;
    let pos = 0;
    let nextQ = -1;
    const d = this.delim;
    const q = this.quote;
    while (pos < n) {
      if (!this.pending) {
        let nl = t.indexOf('\n', pos);
        if (nl < 0) nl = n;
        if (nextQ !== NONE && nextQ < pos) {
          nextQ = t.indexOf(q, pos);
          if (nextQ < 0) nextQ = NONE;
        }
        if (nextQ >= nl) {
          let end = nl;
          if (end > pos && t.charCodeAt(end - 1) === 13) end--;
          const line = this.line;
          out.push({
            fields: t.slice(pos, end).split(d),
            startLine: line,
            endLine: line,
            unterminated: false,
          });
          if (nl < n) this.line++;
          pos = nl + 1;
          continue;
        }
        this.pending = true;
        this.fields = [];
        this.parts = [];
        this.field = '';
        this.inQuotes = false;
        this.afterQuote = false;
        this.fieldStarted = false;
        this.rowStartLine = this.line;
      }
      pos = this.slow(t, pos, out);
    }
    if (final) this.flush(out);
  }

  private slow(t: string, start: number, out: TokenizedRow[]): number {
    const n = t.length;
    const d = this.delim;
    const q = this.quote;
    let i = start;
    let segStart = i;
    while (i < n) {
      const ch = t[i]!;
      if (this.inQuotes) {
        // Jump to the next quote; newlines inside are part of the value.
        let j = t.indexOf(q, i);
        if (j < 0) j = n;
        for (let k = t.indexOf('\n', i); k >= 0 && k < j; k = t.indexOf('\n', k + 1)) this.line++;
        this.field += t.slice(i, j);
        if (this.field.length > 1 << 20) {
          this.parts.push(this.field);
          this.field = '';
        }
        if (j >= n) return n;
        this.inQuotes = false;
        this.afterQuote = true;
        i = j + 1;
        segStart = i;
        continue;
      }
      if (this.afterQuote) {
        if (ch === q) {
          // "" inside a quoted field is one literal quote.
          this.field += q;
          this.inQuotes = true;
          this.afterQuote = false;
          i++;
          continue;
        }
        this.afterQuote = false;
      }
      if (ch === d) {
        this.field += t.slice(segStart, i);
        this.endField();
        i++;
        segStart = i;
        continue;
      }
      if (ch === '\n') {
        let end = i;
        if (end > segStart && t.charCodeAt(end - 1) === 13) end--;
        this.field += t.slice(segStart, end);
        this.endField();
        out.push({
          fields: this.fields,
          startLine: this.rowStartLine,
          endLine: this.line,
          unterminated: false,
        });
        this.line++;
        this.pending = false;
        return i + 1;
      }
      if (ch === q && !this.fieldStarted) {
        this.inQuotes = true;
        this.fieldStarted = true;
        i++;
        segStart = i;
        continue;
      }
      this.fieldStarted = true;
      i++;
    }
    this.field += t.slice(segStart, n);
    return n;
  }

  private endField(): void {
    let value = this.field;
    if (this.parts.length > 0) {
      this.parts.push(value);
      value = this.parts.join('');
      this.parts = [];
    }
    this.fields.push(value);
    this.field = '';
    this.fieldStarted = false;
    this.afterQuote = false;
  }

  private flush(out: TokenizedRow[]): void {
    if (!this.pending) return;
    const unterminated = this.inQuotes;
    this.endField();
    out.push({ fields: this.fields, startLine: this.rowStartLine, endLine: this.line, unterminated });
    this.pending = false;
    this.inQuotes = false;
  }
}

/** The spreadsheet letter of a 0-based column index: 0 -> A, 25 -> Z, 26 -> AA. */
export function columnLetter(index: number): string {
  let s = '';
  let n = index + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** The 0-based index of a spreadsheet column letter: A -> 0, AA -> 26. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n - 1;
}

/** A cell the tokenizer read leniently or could not read exactly: reported at that cell. */
export interface CellAnomaly {
  /** 0-based index of the field in the row. */
  field: number;
  /**
   * `bare_quote`: a quote inside an unquoted field (kept literally); `text_after_quote`: text after a
   * closing quote (the field is kept as written, quotes included); `bare_cr`: a CR that does not end a
   * row, inside an unquoted field (kept).
   */
  kind: 'bare_quote' | 'text_after_quote' | 'bare_cr';
}

/** A row as the CSV tokenizer produced it, with the editor lines it spans. */
export interface TokenizedRow {
  fields: string[];
  startLine: number;
  endLine: number;
  unterminated: boolean;
  /** Cells read leniently or not exactly, in field order. */
  anomalies?: CellAnomaly[];
  /** The row's text exactly as written (without its line ending), when it has anomalies or is unterminated. */
  raw?: string;
}

const NONE = Number.POSITIVE_INFINITY;
const LF = 10;
const CR = 13;

/**
 * How rows end. Fixed by the first line ending of the file: `lf` when it is LF or CRLF (then both end
 * rows, mixed freely, and a CR alone inside an unquoted field is data to report), `cr` when it is a CR
 * alone (old Mac exports; then CR, CRLF and LF all end rows).
 */
export type LineEndings = 'lf' | 'cr';

/**
 * An RFC 4180 tokenizer over decoded text fed piece by piece (each piece ends at a line ending, except
 * the last; a piece that ends with a CR is never followed by an LF). Rows without quotes (or stray CRs) take a fast path (`indexOf` + `split`); other rows go
 * through a character state machine that survives piece boundaries. Where a file departs from RFC 4180
 * nothing is dropped: a quote inside an unquoted field is kept literally, a field with text after its
 * closing quote is kept exactly as written (quotes included), a CR alone inside an unquoted field of an
 * LF file is kept; each is recorded as an anomaly of its cell and the row's raw text is kept.
 */
export class CsvTokenizer {
  /** The editor line (1-based) of the next character. */
  line = 1;
  /** The file's line-ending style, once its first line ending has been seen. */
  endings: LineEndings | null = null;
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
  // The field had text after its closing quote: the rest is taken literally.
  private literal = false;
  private rowStartLine = 1;
  private anomalies: CellAnomaly[] | null = null;
  // Raw text of the pending row: earlier pieces, and where it starts in the current one.
  private rawParts: string[] = [];
  private rawStart = 0;

  constructor(delimiter: string, quote = '"') {
    this.delim = delimiter;
    this.quote = quote;
  }

  /** Tokenizes one piece; `final` flushes a last row without a trailing line ending. */
  push(t: string, final: boolean, out: TokenizedRow[]): void {
    const n = t.length;
    if (this.endings === null) this.endings = detectEndings(t);
    const crMode = this.endings === 'cr';
    let pos = 0;
    let nextQ = -1;
    let nextR = -1;
    let nextN = -1;
    const d = this.delim;
    const q = this.quote;
    while (pos < n) {
      if (!this.pending) {
        // Each next position is searched once and kept while it lies ahead: one native scan per kind.
        if (nextN < pos) {
          nextN = t.indexOf('\n', pos);
          if (nextN < 0) nextN = n;
        }
        const nl = nextN;
        if (nextR !== NONE && nextR < pos) {
          nextR = t.indexOf('\r', pos);
          if (nextR < 0) nextR = NONE;
        }
        let end = nl;
        let next = nl + 1;
        if (crMode) {
          // CR, CRLF and LF all end rows.
          if (nextR < nl) {
            end = nextR;
            next = t.charCodeAt(nextR + 1) === LF ? nextR + 2 : nextR + 1;
          }
        } else if (end > pos && t.charCodeAt(end - 1) === CR) end--;
        if (nextQ !== NONE && nextQ < pos) {
          nextQ = t.indexOf(q, pos);
          if (nextQ < 0) nextQ = NONE;
        }
        // A CR before `end` in an LF file is inside a field: the slow path reports it.
        if (nextQ >= end && (crMode || nextR >= end)) {
          const line = this.line;
          out.push({
            fields: t.slice(pos, end).split(d),
            startLine: line,
            endLine: line,
            unterminated: false,
          });
          if (end < n) this.line++;
          pos = next;
          continue;
        }
        this.pending = true;
        this.fields = [];
        this.parts = [];
        this.field = '';
        this.inQuotes = false;
        this.afterQuote = false;
        this.fieldStarted = false;
        this.literal = false;
        this.anomalies = null;
        this.rawParts = [];
        this.rawStart = pos;
        this.rowStartLine = this.line;
      }
      pos = this.slow(t, pos, crMode, out);
      if (this.pending) {
        this.rawParts.push(t.slice(this.rawStart));
        this.rawStart = 0;
      }
    }
    if (final) this.flush(out);
  }

  private slow(t: string, start: number, crMode: boolean, out: TokenizedRow[]): number {
    const n = t.length;
    const d = this.delim;
    const q = this.quote;
    let i = start;
    let segStart = i;
    while (i < n) {
      const ch = t[i]!;
      if (this.inQuotes) {
        // Jump to the next quote; line endings inside are part of the value.
        let j = t.indexOf(q, i);
        if (j < 0) j = n;
        this.line += countLines(t, i, j);
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
        this.afterQuote = false;
        if (ch === q) {
          // "" inside a quoted field is one literal quote.
          this.field += q;
          this.inQuotes = true;
          i++;
          continue;
        }
        if (ch !== d && ch !== '\n' && ch !== '\r') {
          // Text after the closing quote: the intended value is ambiguous, so the field is kept exactly
          // as written (re-quoting the content gives back the source text: "" is the only escape).
          this.field = q + this.joinField().replaceAll(q, q + q) + q;
          this.literal = true;
          this.mark('text_after_quote');
        }
      }
      if (ch === d) {
        this.field += t.slice(segStart, i);
        this.endField();
        i++;
        segStart = i;
        continue;
      }
      if (ch === '\n' || ch === '\r') {
        let end = i;
        let next = i + 1;
        if (ch === '\r') {
          if (t.charCodeAt(i + 1) === LF) next = i + 2;
          else if (!crMode && i + 1 < n) {
            // A CR alone inside an unquoted field of an LF file: data, kept and reported.
            this.mark('bare_cr');
            this.line++;
            this.fieldStarted = true;
            i++;
            continue;
          }
        } else if (end > segStart && t.charCodeAt(end - 1) === CR) end--;
        this.field += t.slice(segStart, end);
        this.endField();
        const row: TokenizedRow = {
          fields: this.fields,
          startLine: this.rowStartLine,
          endLine: this.line,
          unterminated: false,
        };
        if (this.anomalies) {
          row.anomalies = this.anomalies;
          row.raw = this.rawParts.join('') + t.slice(this.rawStart, end);
        }
        out.push(row);
        this.line++;
        this.pending = false;
        return next;
      }
      if (ch === q) {
        if (!this.fieldStarted) {
          this.inQuotes = true;
          this.fieldStarted = true;
          i++;
          segStart = i;
          continue;
        }
        if (!this.literal) this.mark('bare_quote');
      }
      this.fieldStarted = true;
      i++;
    }
    this.field += t.slice(segStart, n);
    return n;
  }

  /** Records an anomaly of the current field, once per kind. */
  private mark(kind: CellAnomaly['kind']): void {
    const field = this.fields.length;
    const list = this.anomalies ?? [];
    this.anomalies = list;
    if (!list.some((a) => a.field === field && a.kind === kind)) list.push({ field, kind });
  }

  private joinField(): string {
    let value = this.field;
    if (this.parts.length > 0) {
      this.parts.push(value);
      value = this.parts.join('');
      this.parts = [];
    }
    return value;
  }

  private endField(): void {
    this.fields.push(this.joinField());
    this.field = '';
    this.fieldStarted = false;
    this.afterQuote = false;
    this.literal = false;
  }

  private flush(out: TokenizedRow[]): void {
    if (!this.pending) return;
    const unterminated = this.inQuotes;
    this.endField();
    const row: TokenizedRow = {
      fields: this.fields,
      startLine: this.rowStartLine,
      endLine: this.line,
      unterminated,
    };
    if (this.anomalies) row.anomalies = this.anomalies;
    // An unclosed quote's row goes to the rejects file as written: re-quoted, it would convert cleanly.
    if (this.anomalies || unterminated) row.raw = this.rawParts.join('');
    out.push(row);
    this.pending = false;
    this.inQuotes = false;
  }
}

/**
 * The line-ending style of a file from its first line ending (`null` when the text has none yet). Quotes
 * are not followed: a header's quoted field rarely holds a line break, and a wrong guess is reported
 * (ragged rows), never silent.
 */
function detectEndings(t: string): LineEndings | null {
  const r = t.indexOf('\r');
  const n = t.indexOf('\n');
  if (r < 0) return n < 0 ? null : 'lf';
  if (n >= 0 && n < r) return 'lf';
  // A piece never ends with the CR of a CRLF (the reader cuts after the LF), so a final CR is alone.
  if (r + 1 >= t.length) return 'cr';
  return t.charCodeAt(r + 1) === LF ? 'lf' : 'cr';
}

/** Line breaks as an editor counts them (LF, CRLF, or CR alone) in `t[from, to)`. */
function countLines(t: string, from: number, to: number): number {
  let lines = 0;
  for (let k = t.indexOf('\n', from); k >= 0 && k < to; k = t.indexOf('\n', k + 1)) lines++;
  for (let k = t.indexOf('\r', from); k >= 0 && k < to; k = t.indexOf('\r', k + 1))
    if (t.charCodeAt(k + 1) !== LF) lines++;
  return lines;
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

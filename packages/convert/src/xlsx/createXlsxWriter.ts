import { createIssue, type Issue, type Locale } from '@gds/schema';
import { zipSync } from 'fflate';
import { columnLetter } from '../_internal/csvParser.js';
import { isoToExcelSerial } from '../_internal/excelDate.js';
import { neutraliseFormula } from '../_internal/formula.js';
import { GdsConvertError } from '../errors.js';
import type { SourceValue } from '../record.js';
import type { TableWriter } from '../writer.js';

/** Options of {@link createXlsxWriter}. */
export interface XlsxWriterOptions {
  /** Sheet name, `Sheet1` by default. */
  sheet?: string;
  /** Columns whose ISO dates are written as Excel date cells (serial numbers with a date format). */
  dateColumns?: readonly string[];
  /** Columns written as numbers when the value is numeric text; all others are text (so `01` stays `01`). */
  numberColumns?: readonly string[];
  /** Merged ranges such as `A2:A4`. */
  merges?: readonly string[];
  /** Rows above the header (a title row), each a list of cells. */
  preamble?: readonly (readonly SourceValue[])[];
  /**
   * Prefix with `'` every text cell of a data row that begins with `=`, `+`, `-`, `@`, TAB or CR (OWASP
   * CSV injection: the cell is text in the file, but becomes a formula as soon as someone edits it or
   * saves the sheet as CSV). Default `true`. Number, date and boolean cells, and text that is a plain
   * decimal number, are never touched.
   */
  neutraliseFormulas?: boolean;
  /** Language of the issues the writer raises (`takeIssues`); zh-CN by default. */
  locale?: Locale;
}

// Characters XML 1.0 cannot carry (C0 controls but tab, LF and CR; U+FFFE, U+FFFF; lone surrogates),
// and text that already looks like an OOXML escape, which must itself be escaped to read back as written.
const NOT_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const NEEDS_WORK =
  /[&<>"\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]|_x[0-9A-Fa-f]{4}_/;
const hex4 = (c: string) => c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');

/**
 * Cell text as XML content. A character XML cannot carry is written as its OOXML escape `_xHHHH_`
 * (ECMA-376 Part 1, 22.9.2.19, which Excel and readXlsx decode) and handed to `found`; a CR is a
 * character reference, since a parser turns a raw CR into LF; a literal `_x0041_` is kept literal.
 */
function cellXml(s: string, found: (char: string) => void): string {
  if (!NEEDS_WORK.test(s)) return s;
  return s
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1')
    .replace(NOT_XML, (c) => {
      found(c);
      return `_x${hex4(c)}_`;
    })
    .replace(/[&<>"\r]/g, (c) =>
      c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#13;',
    );
}

/** Excel refuses (and repairs) a workbook whose sheet name is empty, over 31 characters or has []:*?/\. */
function sheetName(name: string): string {
  if (name.length === 0 || name.length > 31 || /[[\]:*?/\\\u0000-\u001F]/.test(name) || /^'|'$/.test(name)) {
    throw new GdsConvertError(
      'GDS_CONVERT_INVALID_OPTION',
      `工作表名 ${JSON.stringify(name)} 无效：须为 1 到 31 个字符，不含 [ ] : * ? / \\，不以 ' 开头或结尾`,
      `invalid sheet name ${JSON.stringify(name)}: 1 to 31 characters, none of [ ] : * ? / \\, not starting or ending with '`,
    );
  }
  return name.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const enc = new TextEncoder();
const EMPTY = new Uint8Array(0);
// A fixed timestamp keeps the archive byte-identical from run to run.
const MTIME = new Date('1980-01-01T00:00:00Z');

/**
 * Creates an XLSX writer. The workbook is assembled in memory and zipped at `end()` (a ZIP's directory is
 * written last); the output is deterministic: the same rows give the same bytes. Text cells are inline
 * strings, so IDs and codes keep their leading zeros and all 18 digits. The workbook carries a default
 * cell style, so spreadsheet programs open it without repairing it. Nothing is dropped: a character XML
 * 1.0 cannot carry (U+0001 and the like) is written as its OOXML escape `_x0001_` and reported as an
 * `xlsx.escaped_character` warning at its row and column, which `takeIssues()` hands to the caller.
 * Text that a spreadsheet would run as a formula is prefixed with `'` (counted in `formulasNeutralised`)
 * unless `neutraliseFormulas: false`.
 *
 * Subpath: `@gds/convert/xlsx`.
 *
 * @example
 * ```ts
 * import { createXlsxWriter } from '@gds/convert/xlsx';
 * const w = createXlsxWriter({ sheet: '花名册', dateColumns: ['出生日期'] });
 * w.begin(['姓名', '出生日期']);
 * w.row(['张三', '1980-01-02']);
 * const xlsx = w.end(); // the whole .xlsx file
 * ```
 */
export function createXlsxWriter(options: XlsxWriterOptions = {}): TableWriter {
  const locale = options.locale ?? 'zh-CN';
  const sheet = options.sheet ?? 'Sheet1';
  const name = sheetName(sheet);
  const parts: string[] = [];
  let r = 0;
  let dateCols = new Set<number>();
  let numCols = new Set<number>();
  let header: readonly string[] = [];
  let issues: Issue[] = [];
  const guard = options.neutraliseFormulas ?? true;
  let neutralised = 0;
  const rowXml = (values: readonly SourceValue[], typed: boolean) => {
    r++;
    let x = `<row r="${r}">`;
    values.forEach((v, i) => {
      if (v === null || v === '') return;
      const ref = `${columnLetter(i)}${r}`;
      const text = (s: string) =>
        cellXml(s, (c) => {
          const issue = createIssue(
            'xlsx.escaped_character',
            [],
            { char: `U+${hex4(c)}`, escape: `_x${hex4(c)}_` },
            locale,
          );
          issue.source = { sheet, row: r, columnLetter: columnLetter(i), raw: s };
          const column = header[i];
          if (column !== undefined) issue.source.column = column;
          issues.push(issue);
        });
      if (typeof v === 'boolean') x += `<c r="${ref}" t="b"><v>${v ? 1 : 0}</v></c>`;
      else if (typed && dateCols.has(i) && /^\d{4}-\d{2}-\d{2}$/.test(String(v))) {
        x += `<c r="${ref}" s="1"><v>${isoToExcelSerial(String(v))}</v></c>`;
      } else if (
        (typeof v === 'number' && Number.isFinite(v)) ||
        (typed && numCols.has(i) && /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(String(v)))
      ) {
        x += `<c r="${ref}"><v>${v}</v></c>`;
      } else {
        let s = String(v);
        if (typed && guard && typeof v === 'string') {
          const safe = neutraliseFormula(s);
          if (safe !== undefined) {
            s = safe;
            neutralised++;
          }
        }
        x += `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${text(s)}</t></is></c>`;
      }
    });
    parts.push(`${x}</row>`);
  };
  return {
    extension: 'xlsx',
    get formulasNeutralised() {
      return neutralised;
    },
    begin(columns) {
      header = columns;
      dateCols = new Set(columns.flatMap((c, i) => (options.dateColumns?.includes(c) ? [i] : [])));
      numCols = new Set(columns.flatMap((c, i) => (options.numberColumns?.includes(c) ? [i] : [])));
      for (const p of options.preamble ?? []) rowXml(p, false);
      rowXml(columns, false);
      return EMPTY;
    },
    row(values) {
      rowXml(values, true);
      return EMPTY;
    },
    takeIssues() {
      const out = issues;
      issues = [];
      return out;
    },
    end() {
      const merges = options.merges ?? [];
      const sheet =
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
        parts.join('') +
        '</sheetData>' +
        (merges.length > 0
          ? `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`
          : '') +
        '</worksheet>';
      const files = {
        '[Content_Types].xml': enc.encode(
          '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>',
        ),
        '_rels/.rels': enc.encode(
          '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        ),
        'xl/workbook.xml': enc.encode(
          `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${name}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
        ),
        'xl/_rels/workbook.xml.rels': enc.encode(
          '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
        ),
        'xl/styles.xml': enc.encode(
          '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts><fonts count="1"><font><sz val="11"/><name val="宋体"/><family val="2"/><charset val="134"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/><tableStyles count="0"/></styleSheet>',
        ),
        'xl/worksheets/sheet1.xml': enc.encode(sheet),
      };
      parts.length = 0;
      return zipSync(files, { level: 6, mtime: MTIME });
    },
  };
}

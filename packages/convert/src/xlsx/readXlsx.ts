import { SaxesParser } from 'saxes';
import { readAllBytes } from '../_internal/bytes.js';
import { columnIndex, columnLetter } from '../_internal/csvParser.js';
import {
  excelSerialToClock,
  excelSerialToIso,
  MAX_SERIAL_1900,
  MAX_SERIAL_1904,
} from '../_internal/excelDate.js';
import { sourceIssue } from '../_internal/issues.js';
import { type NumberKind, numberKind } from '../_internal/numFmt.js';
import { inflateEntry, readZipDirectory, streamEntryText, type ZipEntry } from '../_internal/zip.js';
import { GdsConvertError } from '../errors.js';
import type {
  ByteSource,
  ReaderOptions,
  SourceInfo,
  SourceReader,
  SourceRecord,
  SourceValue,
} from '../record.js';

/** Options of {@link readXlsx}. */
export interface XlsxReaderOptions extends ReaderOptions {
  /** The sheet: its name, or its 1-based position. Default: the first sheet. */
  sheet?: string | number;
  /** The row holding the column names, as Excel numbers it. Default 1; 0 when there is none. */
  headerRow?: number;
  /**
   * Merged cells: `fill` (default) gives every cell of a merged range the top-left value, as a reader of
   * the sheet sees it (a household head's name merged over the member rows); `top-left` leaves the others empty.
   */
  mergedCells?: 'fill' | 'top-left';
  /**
   * The column names the caller will read (`openReader` passes the mapping's). When the header row holds
   * none of them but a row above it or within 100 rows below it holds at least half, the header is
   * somewhere else: the reader yields no record (each would be misread under a wrong header) and reports
   * `source.header_not_found` with the row where it is.
   */
  expectedColumns?: readonly string[];
}

/** How far above and below the expected header row the reader looks for the real one. */
const HEADER_SEARCH_ROWS = 100;

/** ST_Xstring escapes (ECMA-376 Part 1, 22.9.2.19): `_x000D_` is a carriage return, `_x005F_` an underscore. */
function unescapeXstring(s: string): string {
  if (!s.includes('_x')) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

/**
 * A number as its cell's format shows it: a date (ISO), a time of day, elapsed time, or the number.
 * A number no date can be (negative, past 9999-12-31) stays a number, for the field's check to report.
 */
function typedNumber(n: number, kind: NumberKind, date1904: boolean): SourceValue {
  if (kind === 'number' || !Number.isFinite(n) || n < 0) return n;
  if (kind === 'elapsed') return excelSerialToClock(n);
  if (kind === 'time' && n < 1) return excelSerialToClock(n);
  if (n >= (date1904 ? MAX_SERIAL_1904 : MAX_SERIAL_1900) + 1) return n;
  // A time format over a serial of a day or more hides the date part: it is kept, not dropped.
  return excelSerialToIso(n, date1904);
}

function parseXml(text: string, handlers: (p: SaxesParser) => void): void {
  const p = new SaxesParser();
  handlers(p);
  p.write(text).close();
}

interface Workbook {
  sheets: { name: string; path: string }[];
  strings: string[];
  /** What each cell style (`s` attribute) says its numbers are. */
  kinds: NumberKind[];
  /** The 1904 date system (workbookPr date1904): serial 0 is 1904-01-01. */
  date1904: boolean;
}

function loadWorkbook(zip: Uint8Array, entries: Map<string, ZipEntry>): Workbook {
  const text = (name: string) => {
    const e = entries.get(name);
    return e ? new TextDecoder('utf-8').decode(inflateEntry(zip, e)) : null;
  };
  const wb = text('xl/workbook.xml');
  if (wb === null) {
    throw new GdsConvertError(
      'GDS_CONVERT_UNREADABLE_INPUT',
      '文件中没有 xl/workbook.xml，不是 XLSX',
      'no xl/workbook.xml: not an XLSX file',
    );
  }
  const rels = new Map<string, string>();
  parseXml(text('xl/_rels/workbook.xml.rels') ?? '<Relationships/>', (p) =>
    p.on('opentag', (t) => {
      if (t.name === 'Relationship') {
        const target = String(t.attributes.Target ?? '');
        rels.set(String(t.attributes.Id), target.startsWith('/') ? target.slice(1) : `xl/${target}`);
      }
    }),
  );
  const sheets: Workbook['sheets'] = [];
  let date1904 = false;
  parseXml(wb, (p) =>
    p.on('opentag', (t) => {
      if (t.name === 'workbookPr') {
        const v = String(t.attributes.date1904 ?? '').toLowerCase();
        date1904 = v === '1' || v === 'true';
      } else if (t.name === 'sheet') {
        const id = String(t.attributes['r:id'] ?? '');
        sheets.push({
          name: String(t.attributes.name),
          path: rels.get(id) ?? `xl/worksheets/sheet${sheets.length + 1}.xml`,
        });
      }
    }),
  );
  const strings: string[] = [];
  const sst = text('xl/sharedStrings.xml');
  if (sst !== null) {
    let cur = '';
    let inT = false;
    let phonetic = 0;
    parseXml(sst, (p) => {
      p.on('opentag', (t) => {
        if (t.name === 'si') cur = '';
        else if (t.name === 'rPh') phonetic++;
        else if (t.name === 't' && phonetic === 0) inT = true;
      });
      p.on('text', (s) => {
        if (inT) cur += s;
      });
      p.on('closetag', (t) => {
        if (t.name === 'si') strings.push(unescapeXstring(cur));
        else if (t.name === 'rPh') phonetic--;
        else if (t.name === 't') inT = false;
      });
    });
  }
  const kinds: NumberKind[] = [];
  const styles = text('xl/styles.xml');
  if (styles !== null) {
    const custom = new Map<number, string>();
    let inXfs = false;
    parseXml(styles, (p) => {
      p.on('opentag', (t) => {
        if (t.name === 'numFmt')
          custom.set(Number(t.attributes.numFmtId), String(t.attributes.formatCode ?? ''));
        else if (t.name === 'cellXfs') inXfs = true;
        else if (t.name === 'xf' && inXfs) {
          const id = Number(t.attributes.numFmtId ?? 0);
          kinds.push(numberKind(id, custom.get(id)));
        }
      });
      p.on('closetag', (t) => {
        if (t.name === 'cellXfs') inXfs = false;
      });
    });
  }
  return { sheets, strings, kinds, date1904 };
}

interface Range {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

function parseRef(ref: string): [row: number, col: number] {
  const m = /^([A-Z]+)(\d+)$/.exec(ref.replace(/\$/g, ''));
  return m ? [Number(m[2]), columnIndex(m[1]!)] : [0, 0];
}

/**
 * Reads one sheet of an XLSX workbook. The archive is held in memory (a ZIP's directory is at its end),
 * but the sheet is inflated and parsed in slices, so memory follows the compressed file, not the rows.
 * Cells are typed: numbers stay numbers, booleans booleans, date-formatted cells become ISO dates (with
 * Excel's fictitious 1900-02-29 kept visible), text stays text. Merged ranges are filled from their
 * top-left cell by default. Row numbers are Excel's; missing or empty rows count as `info.blankRows`.
 *
 * Subpath: `@gds/convert/xlsx`.
 *
 * @example
 * ```ts
 * import { readXlsx } from '@gds/convert/xlsx';
 * import { readFile } from 'node:fs/promises';
 * const reader = readXlsx(await readFile('dibao.xlsx'), { sheet: '花名册', headerRow: 2 });
 * const records: SourceRecord[] = []; // import type { SourceRecord } from '@gds/convert'
 * for await (const rec of reader) records.push(rec); // rec.sheet, rec.row: where it stands in the workbook
 * ```
 */
export function readXlsx(source: ByteSource, options: XlsxReaderOptions = {}): SourceReader {
  const info: SourceInfo = { format: 'xlsx', bytes: 0, blankRows: 0, issues: [] };
  if (options.file !== undefined) info.file = options.file;
  return {
    info,
    async *[Symbol.asyncIterator]() {
      const locale = options.locale ?? 'zh-CN';
      const zip = await readAllBytes(source, (c) => {
        info.bytes += c.length;
        options.onBytes?.(c);
      });
      const entries = readZipDirectory(zip);
      const wb = loadWorkbook(zip, entries);
      const wanted = options.sheet ?? 1;
      const sheet =
        typeof wanted === 'number' ? wb.sheets[wanted - 1] : wb.sheets.find((s) => s.name === wanted);
      const entry = sheet ? entries.get(sheet.path) : undefined;
      if (!sheet || !entry) {
        throw new GdsConvertError(
          'GDS_CONVERT_INVALID_OPTION',
          `工作簿中没有工作表 ${wanted}（现有：${wb.sheets.map((s) => s.name).join('、')}）`,
          `the workbook has no sheet ${wanted} (it has: ${wb.sheets.map((s) => s.name).join(', ')})`,
        );
      }
      info.sheet = sheet.name;
      const headerRow = options.headerRow ?? 1;
      const fill = (options.mergedCells ?? 'fill') === 'fill';

      // Merged ranges come after the cells in the sheet XML, so a first pass collects them.
      const ranges: Range[] = [];
      for (const text of streamEntryText(zip, entry)) {
        for (const m of text.matchAll(/<mergeCell\s+ref="([A-Z$]+\d+):([A-Z$]+\d+)"/g)) {
          const [r1, c1] = parseRef(m[1]!);
          const [r2, c2] = parseRef(m[2]!);
          ranges.push({ r1, c1, r2, c2 });
        }
      }
      const topLeft = new Map<Range, SourceValue>();
      info.headerRow = headerRow;
      // Rows above the header (titles), as they stand, so that rejected rows are written back under them.
      const preamble: SourceValue[][] = [];
      if (headerRow > 1) {
        info.preamble = preamble;
        info.preambleMerges = ranges
          .filter((r) => r.r2 < headerRow)
          .map((r) => `${columnLetter(r.c1)}${r.r1}:${columnLetter(r.c2)}${r.r2}`);
      }
      const position = { ...(options.file !== undefined ? { file: options.file } : {}), sheet: sheet.name };
      const expected = new Set(options.expectedColumns ?? []);
      const need = Math.ceil(expected.size / 2);
      const score = (row: readonly SourceValue[]) => {
        let n = 0;
        for (const v of row) if (typeof v === 'string' && expected.has(v.trim())) n++;
        return n;
      };
      // Set when the header row holds none of the expected columns: records wait here until the real
      // header turns up (then they are dropped) or the search window ends (then they are released).
      let held: SourceRecord[] | null = null;
      let headerFoundAt = 0;

      let header: string[] | null = null;
      let letters: string[] = [];
      let lastRow = 0;
      const out: SourceRecord[] = [];
      let rowNo = 0;
      let cells: SourceValue[] = [];
      let col = 0;
      let cellType = '';
      let cellStyle = 0;
      let cellText = '';
      let inValue = false;
      // A formula with no cached result (a workbook written by a program and never saved by Excel) has
      // no value to read: such cells, and shared-string indexes that do not exist, are issues at the cell.
      let formula: string | null = null;
      let inFormula = false;
      let hasValue = false;
      let cellProblems: {
        col: number;
        code: 'xlsx.formula_without_value' | 'source.invalid_record';
        params: Record<string, unknown>;
      }[] = [];
      const parser = new SaxesParser();
      parser.on('opentag', (t) => {
        switch (t.name) {
          case 'row':
            rowNo = t.attributes.r ? Number(t.attributes.r) : lastRow + 1;
            cells = [];
            col = 0;
            cellProblems = [];
            break;
          case 'c': {
            const ref = t.attributes.r ? String(t.attributes.r) : '';
            if (ref) col = parseRef(ref)[1];
            cellType = String(t.attributes.t ?? 'n');
            cellStyle = Number(t.attributes.s ?? 0);
            cellText = '';
            formula = null;
            hasValue = false;
            break;
          }
          case 'v':
          case 't':
            inValue = true;
            hasValue = true;
            break;
          case 'f':
            inFormula = true;
            formula = '';
            break;
        }
      });
      parser.on('text', (s) => {
        if (inValue) cellText += s;
        else if (inFormula) formula += s;
      });
      parser.on('closetag', (t) => {
        switch (t.name) {
          case 'v':
          case 't':
            inValue = false;
            break;
          case 'f':
            inFormula = false;
            break;
          case 'c': {
            let v: SourceValue = null;
            // openpyxl writes `<v></v>`: empty is a result only for a text formula (t="str").
            if (formula !== null && (!hasValue || (cellText === '' && cellType !== 'str'))) {
              cellProblems.push({
                col,
                code: 'xlsx.formula_without_value',
                params: { formula: `=${formula || '…'}` },
              });
            } else if (cellType === 's') {
              const s = wb.strings[Number(cellText)];
              if (s === undefined) {
                cellProblems.push({
                  col,
                  code: 'source.invalid_record',
                  params: { reason: `shared string ${cellText} does not exist (xl/sharedStrings.xml)` },
                });
              }
              v = s ?? null;
            } else if (cellType === 'b') v = cellText === '1';
            else if (cellType === 'str' || cellType === 'inlineStr') v = unescapeXstring(cellText);
            // Error values (#N/A) and ISO 8601 date cells (t="d") are kept as the text they are.
            else if (cellType === 'e' || cellType === 'd') v = cellText;
            else if (cellText !== '') {
              const n = Number(cellText);
              // A number Excel would not write (`1,5`) stays text rather than becoming NaN.
              v = Number.isNaN(n) ? cellText : typedNumber(n, wb.kinds[cellStyle] ?? 'number', wb.date1904);
            }
            while (cells.length < col) cells.push(null);
            cells[col] = v;
            col++;
            break;
          }
          case 'row':
            emitRow();
            break;
        }
      });
      const emitRow = () => {
        if (headerFoundAt > 0) return;
        if (rowNo < headerRow) {
          while (preamble.length < rowNo - 1) preamble.push([]);
          preamble.push(cells.slice());
        }
        if (ranges.length > 0) {
          for (const r of ranges) {
            if (rowNo < r.r1 || rowNo > r.r2) continue;
            if (rowNo === r.r1) topLeft.set(r, cells[r.c1] ?? null);
            if (!fill) continue;
            const v = topLeft.get(r) ?? null;
            for (let c = r.c1; c <= r.c2; c++) {
              if (rowNo === r.r1 && c === r.c1) continue;
              while (cells.length <= c) cells.push(null);
              cells[c] = v;
            }
          }
        }
        if (rowNo > lastRow + 1 && lastRow >= headerRow) info.blankRows += rowNo - lastRow - 1;
        lastRow = rowNo;
        if (rowNo < headerRow) return;
        if (rowNo === headerRow) {
          while (preamble.length < headerRow - 1) preamble.push([]);
          header = cells.map((v, i) =>
            v === null || String(v).trim() === '' ? columnLetter(i) : String(v).trim(),
          );
          letters = header.map((_, i) => columnLetter(i));
          info.header = header;
          if (expected.size > 0 && score(cells) === 0) {
            const above = preamble.findIndex((r) => score(r) >= need && need > 0);
            if (above >= 0) headerFoundAt = above + 1;
            else held = [];
          }
          return;
        }
        if (held !== null) {
          if (need > 0 && score(cells) >= need) {
            headerFoundAt = rowNo;
            held = null;
            return;
          }
          if (rowNo > headerRow + HEADER_SEARCH_ROWS) release();
        }
        if (cells.every((v) => v === null || v === '')) {
          info.blankRows++;
          return;
        }
        if (!header || cells.length > header.length) {
          header = header ? [...header] : [];
          for (let i = header.length; i < cells.length; i++) header.push(columnLetter(i));
          letters = header.map((_, i) => columnLetter(i));
        }
        const issues = [];
        for (const p of cellProblems) {
          const column = header[p.col] ?? columnLetter(p.col);
          // A column the mapping does not read cannot spoil the record.
          if (expected.size > 0 && !expected.has(column)) continue;
          issues.push(
            sourceIssue(p.code, p.params, locale, {
              ...position,
              row: rowNo,
              column,
              columnLetter: columnLetter(p.col),
              raw: '',
            }),
          );
        }
        if (headerRow > 0 && cells.length > (info.header?.length ?? 0)) {
          issues.push(
            sourceIssue('row.ragged', { count: cells.length, expected: info.header?.length ?? 0 }, locale, {
              file: options.file,
              sheet: sheet.name,
              row: rowNo,
              columnLetter: columnLetter(info.header?.length ?? 0),
            }),
          );
        }
        const rec: SourceRecord = {
          row: rowNo,
          sheet: sheet.name,
          columns: header,
          letters,
          values: cells,
          issues,
        };
        if (wb.date1904) rec.date1904 = true;
        if (held !== null) held.push(rec);
        else out.push(rec);
      };
      const release = () => {
        if (held !== null) out.push(...held);
        held = null;
      };
      const finish = () => {
        while (headerRow > 1 && lastRow >= headerRow && preamble.length < headerRow - 1) preamble.push([]);
        if (headerFoundAt > 0) {
          info.issues.push(
            sourceIssue(
              'source.header_not_found',
              { row: headerRow, found: headerFoundAt, sheet: sheet.name },
              locale,
              { ...position, row: headerRow },
            ),
          );
          delete info.header;
        } else if (headerRow > 0 && lastRow < headerRow) {
          // The sheet ends above the header row (an empty sheet, the wrong sheet, a wrong headerRow).
          info.issues.push(
            sourceIssue(
              'source.no_records',
              {
                expected:
                  locale === 'en'
                    ? `header row ${headerRow} of sheet ${sheet.name}`
                    : `工作表 ${sheet.name} 第 ${headerRow} 行的表头`,
              },
              locale,
              { ...position, row: headerRow },
            ),
          );
        }
        release();
      };
      parser.on('error', (e) => {
        info.issues.push(
          sourceIssue('source.invalid_record', { reason: e.message }, locale, {
            file: options.file,
            sheet: sheet.name,
            row: rowNo,
          }),
        );
      });
      for (const text of streamEntryText(zip, entry)) {
        parser.write(text);
        yield* out.splice(0);
      }
      parser.close();
      finish();
      yield* out.splice(0);
    },
  };
}

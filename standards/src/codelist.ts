import { parseCsv } from './csv.js';

/** One code of a code list, as written in `codelists/<id>.csv`. */
export interface CodeListEntry {
  code: string;
  /** Label in Chinese (zh-CN), the normative one. */
  zh: string;
  /** Label in English. */
  en: string;
  description: string;
  /** True when the code is kept for old records but must not be used in new ones. */
  deprecated: boolean;
  /** Where the code comes from, e.g. "GB/T 2261.1-2003". */
  source: string;
  /** Any further columns of the file (e.g. `alpha`, `valid_from`, `valid_to`, `parent`), by header. */
  extra: Readonly<Record<string, string>>;
}

/** A parsed code list. */
export interface CodeList {
  id: string;
  entries: readonly CodeListEntry[];
}

/** The columns every code list file starts with, in this order. */
export const CODELIST_COLUMNS = ['code', 'zh', 'en', 'description', 'deprecated', 'source'] as const;

/**
 * Parses the text of a code list CSV file (`code,zh,en,description,deprecated,source[,extra...]`).
 * Throws a `SyntaxError` naming the line when the header is wrong, a code repeats or a row is ragged:
 * a code list is normative data, so a malformed one is a fault of its author, not an issue to collect.
 *
 * @example
 * ```ts
 * import { parseCodeList } from '@gds/standards';
 * const sex = parseCodeList('sex', 'code,zh,en,description,deprecated,source\n1,男性,Male,,false,GB/T 2261.1-2003\n');
 * sex.entries[0]?.zh; // '男性'
 * ```
 */
export function parseCodeList(id: string, text: string): CodeList {
  const [header, ...rows] = parseCsv(text);
  if (!header || CODELIST_COLUMNS.some((c, i) => header[i] !== c)) {
    throw new SyntaxError(
      `代码表 ${id} 的表头必须以 ${CODELIST_COLUMNS.join(',')} 开头（code list ${id}: header must start with ${CODELIST_COLUMNS.join(',')}）`,
    );
  }
  const seen = new Set<string>();
  const entries = rows.map((row, index) => {
    const line = index + 2;
    if (row.length !== header.length) {
      throw new SyntaxError(
        `代码表 ${id} 第 ${line} 行有 ${row.length} 列，应为 ${header.length} 列（code list ${id} line ${line}: ${row.length} columns, expected ${header.length}）`,
      );
    }
    const [code, zh, en, description, deprecated, source] = row as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    if (seen.has(code)) {
      throw new SyntaxError(
        `代码表 ${id} 第 ${line} 行代码 ${code} 重复（code list ${id} line ${line}: duplicate code ${code}）`,
      );
    }
    if (deprecated !== 'true' && deprecated !== 'false') {
      throw new SyntaxError(
        `代码表 ${id} 第 ${line} 行 deprecated 必须是 true 或 false（code list ${id} line ${line}: deprecated must be true or false）`,
      );
    }
    seen.add(code);
    const extra: Record<string, string> = {};
    for (let i = CODELIST_COLUMNS.length; i < header.length; i++) extra[header[i]!] = row[i]!;
    return { code, zh, en, description, deprecated: deprecated === 'true', source, extra };
  });
  return { id, entries };
}

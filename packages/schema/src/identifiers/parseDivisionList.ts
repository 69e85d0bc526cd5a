import { parseCsv } from '@gds/standards';
import { divisionKey } from './divisionKey.js';
import { divisionLevel } from './divisionLevel.js';
import {
  createDivisionRegistry,
  type DivisionEntry,
  type DivisionLevel,
  type DivisionRegistry,
} from './divisionRegistry.js';

const CODE_HEADERS = ['code', '统计用区划代码', '区划代码', '代码'];
const NAME_HEADERS = ['name', 'zh', '名称'];

/** Options of `parseDivisionList`. */
export interface ParseDivisionListOptions {
  /** First day the list is in force (its release date), for rows without a `valid_from` column. */
  validFrom?: string;
  /**
   * A registry whose history is kept, typically `bundledDivisions()`: its abolished codes stay known
   * (identity numbers and old records carry them); for a code both hold in force, the file's name wins
   * and the base's start date is kept.
   */
  base?: DivisionRegistry;
  /** The levels at which the file is the complete list. Default: every level the file has a row of. */
  complete?: Iterable<DivisionLevel>;
}

/**
 * Reads a division list from the text of a CSV file the user supplies, typically the statistics
 * bureau's full 12-digit list (统计用区划代码, copyrighted by the bureau and therefore not shipped with
 * GDS). The header must name a code column (`code`, `统计用区划代码`, `区划代码` or `代码`) and a name
 * column (`name`, `zh` or `名称`); `valid_from` and `valid_to` columns are read when present, other
 * columns (such as the urban-rural class) are ignored. Runs in browsers: pass the text, not a path.
 * Throws a `TypeError` on a file without those columns or with a malformed code (a fault of the file
 * supplied, not of the records checked against it).
 *
 * @example
 * ```ts
 * import { bundledDivisions, parseDivisionList } from '@gds/schema';
 * const registry = parseDivisionList('统计用区划代码,名称\n110105001001,永安里东社区居委会\n', {
 *   base: bundledDivisions(),
 *   validFrom: '2023-06-30',
 * });
 * registry.inForce('110105001001', '2024-01-01')?.name; // '永安里东社区居委会'
 * ```
 */
export function parseDivisionList(text: string, options: ParseDivisionListOptions = {}): DivisionRegistry {
  const [header, ...rows] = parseCsv(text);
  const columns = (header ?? []).map((h) => h.trim());
  const code = columns.findIndex((h) => CODE_HEADERS.includes(h));
  const name = columns.findIndex((h) => NAME_HEADERS.includes(h));
  if (code < 0 || name < 0) {
    throw new TypeError(
      '区划代码文件的表头须包含代码列和名称列（the division list needs a code column and a name column in its header）',
    );
  }
  const from = columns.indexOf('valid_from');
  const to = columns.indexOf('valid_to');
  const entries = new Map<string, DivisionEntry>();
  const levels = new Set<DivisionLevel>();
  rows.forEach((row, index) => {
    const value = (row[code] ?? '').trim();
    const key = divisionKey(value);
    const level = divisionLevel(value);
    if (key === null || level === null) {
      throw new TypeError(
        `区划代码文件第 ${index + 2} 行的代码 ${value} 应为 6 或 12 位数字（line ${index + 2}: code ${value} must have 6 or 12 digits）`,
      );
    }
    levels.add(level);
    const validFrom = (from >= 0 && row[from]?.trim()) || options.validFrom || null;
    const validTo = (to >= 0 && row[to]?.trim()) || null;
    entries.set(`${key}|${validFrom}`, { code: key, name: (row[name] ?? '').trim(), validFrom, validTo });
  });
  const merged: DivisionEntry[] = [];
  const fileKeys = new Set([...entries.values()].map((e) => e.code));
  if (options.base) {
    for (const key of fileKeys) {
      const open = options.base.lookup(key).find((e) => e.validTo === null);
      if (!open) continue;
      for (const [k, e] of entries) {
        if (e.code === key && e.validTo === null) entries.set(k, { ...e, validFrom: open.validFrom });
      }
    }
    for (const e of options.base.entries()) {
      if (!(fileKeys.has(e.code) && e.validTo === null)) merged.push(e);
    }
  }
  merged.push(...entries.values());
  return createDivisionRegistry(merged, { complete: options.complete ?? levels });
}

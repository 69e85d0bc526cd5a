import { type CheckMappingOptions, checkMapping } from './checkMapping.js';
import { GdsConvertError } from './errors.js';
import type { FixedColumn } from './fixed/readFixed.js';
import type { TransformSpec } from './transforms.js';

/** Where a mapping reads from (import) and writes to (export). */
export interface MappingSource {
  /** The legacy system, part of every record id: `public-security/population`. */
  system: string;
  format: 'csv' | 'tsv' | 'xlsx' | 'xml' | 'fixed' | 'json' | 'ndjson';
  /** Text formats: `auto`, `utf-8`, `gb18030` (GBK files are read as GB18030). */
  encoding?: string;
  /** CSV export: write a UTF-8 BOM. */
  bom?: boolean;
  delimiter?: string;
  /** CSV/XLSX: the row with the column names, as a spreadsheet numbers it (default 1). */
  headerRow?: number;
  /** XLSX: sheet name or 1-based position. */
  sheet?: string | number;
  /** XLSX: how merged cells read (`fill` default). */
  mergedCells?: 'fill' | 'top-left';
  /** XML: record element path (`Records/Record`); JSON: dotted path to the record array. */
  recordPath?: string;
  /** Fixed width: the byte layout. */
  columns?: FixedColumn[];
  /** Fixed width: title lines before the data. */
  skipLines?: number;
  /** Export: the column order to write (defaults to the order of the field rules). */
  exportColumns?: string[];
}

/** One canonical field and how it is obtained from (and written back to) the source. */
export interface FieldRule {
  /** Canonical path, dotted: `identity.number`, `residence.divisionCode`. */
  target: string;
  /** Source column, or several (their values arrive as a list, e.g. for `join`). */
  from?: string | string[];
  /** A constant canonical value (no source column), e.g. the identity document type. */
  const?: string | number | boolean;
  /** Transforms applied in order on import, undone in reverse order on export. */
  transforms?: TransformSpec[];
  /** A crosswalk id `<codelist>/<name>` applied after the transforms. */
  crosswalk?: string;
  /** The value when the source is empty. */
  default?: string | number | boolean;
  /** The mapping requires a value even if the standard does not. */
  required?: boolean;
  /** Set this field only when the named canonical field got a value (e.g. a group's start date only with the group). */
  onlyIf?: string;
  /**
   * An array of objects from a JSON array: `from` is the array's column prefix (`flow` for columns
   * `flow.0.step`, `flow.1.step` …) and `fields` map one item (their `from` is relative: `step`).
   */
  each?: { from: string; fields: FieldRule[] };
}

/**
 * Rows that belong together (one row per household member): contiguous rows with the same `by` columns
 * form one canonical record; the mapping's `fields` are read from the first row, and `fields` here build
 * one item of the array at `target` per row.
 */
export interface GroupRule {
  by: string[];
  target: string;
  fields: FieldRule[];
}

/** The deterministic record id: a hash of the source system and key columns. */
export interface IdRule {
  /** Canonical field receiving the id (`id`). */
  target: string;
  /** Source columns forming the natural key, after their field transforms when a rule reads them. */
  keys: string[];
  /** Text before the hash, e.g. `ps-pop-`. */
  prefix?: string;
  /** Hex characters of SHA-256 kept (default 32 = 128 bits). */
  length?: number;
}

/** A row filter: rows not matching are skipped, counted and listed in the report (never silently lost). */
export interface RowFilter {
  column: string;
  op: 'nonEmpty' | 'equals' | 'notEquals' | 'matches' | 'notMatches';
  value?: string;
}

/** A mapping file (`standards/mappings/<department>/<name>.mapping.json`), the same file for import and export. */
export interface Mapping {
  $schema?: string;
  /** `<department>/<name>`. */
  id: string;
  version: string;
  title: { zh: string; en: string };
  description?: { zh: string; en: string };
  source: MappingSource;
  target: { standard: string; version: string };
  recordId?: IdRule;
  filters?: RowFilter[];
  fields: FieldRule[];
  /** Several rows to one record (a household and its members). */
  group?: GroupRule;
  /** Source columns known to carry nothing canonical (no `source.unused_column` warning). */
  ignoreColumns?: string[];
}

/**
 * Checks a parsed mapping file with {@link checkMapping} (the mapping schema, then targets, columns,
 * transforms and their parameters, `onlyIf`, crosswalks and code lists when told how to look them up)
 * and returns it typed; throws `GDS_CONVERT_INVALID_MAPPING` (or the unknown transform / crosswalk /
 * code list code) for the first problem, with its JSON pointer in the message and on `pointer`, and
 * every problem on `problems`.
 *
 * @example
 * ```ts
 * import { parseMapping } from '@gds/convert';
 * const mapping = parseMapping(JSON.parse(text));
 * mapping.target.standard; // 'person'
 * ```
 */
export function parseMapping(value: unknown, options: CheckMappingOptions = {}): Mapping {
  const problems = checkMapping(value, options);
  const first = problems[0];
  if (first) {
    const raw = (value as { id?: unknown } | null)?.id;
    const id = typeof raw === 'string' ? raw : '(no id)';
    const more = problems.length - 1;
    const where = first.pointer === '' ? '' : ` ${first.pointer}`;
    throw new GdsConvertError(
      first.code,
      `映射 ${id}${where}：${first.messageZh}${more > 0 ? `（另有 ${more} 处问题）` : ''}`,
      `mapping ${id}${where ? ` at${where}` : ''}: ${first.messageEn}${more > 0 ? ` (and ${more} more)` : ''}`,
      { pointer: first.pointer, problems },
    );
  }
  return value as Mapping;
}

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

const FORMATS = new Set(['csv', 'tsv', 'xlsx', 'xml', 'fixed', 'json', 'ndjson']);

function invalid(id: string, zh: string, en: string): GdsConvertError {
  return new GdsConvertError('GDS_CONVERT_INVALID_MAPPING', `映射 ${id}：${zh}`, `mapping ${id}: ${en}`);
}

/**
 * Checks a parsed mapping file's structure and returns it typed; throws `GDS_CONVERT_INVALID_MAPPING`
 * naming the rule at fault. (`standards/profile/mapping.schema.json` says the same for other languages.)
 *
 * @example
 * ```ts
 * import { parseMapping } from '@gds/convert';
 * const mapping = parseMapping(JSON.parse(text));
 * mapping.target.standard; // 'person'
 * ```
 */
export function parseMapping(value: unknown): Mapping {
  const m = value as Mapping;
  const id = typeof m?.id === 'string' ? m.id : '(no id)';
  if (typeof value !== 'object' || value === null) throw invalid(id, '不是 JSON 对象', 'not a JSON object');
  if (!/^[a-z0-9-]+\/[a-z0-9-]+$/.test(id))
    throw invalid(id, 'id 必须是 <部门>/<名称>', 'id must be <department>/<name>');
  if (typeof m.version !== 'string') throw invalid(id, '缺少 version', 'version is missing');
  if (!m.source || !FORMATS.has(m.source.format)) {
    throw invalid(
      id,
      `source.format 必须是 ${[...FORMATS].join('、')} 之一`,
      `source.format must be one of ${[...FORMATS].join(', ')}`,
    );
  }
  if (typeof m.source.system !== 'string' || m.source.system === '')
    throw invalid(id, '缺少 source.system', 'source.system is missing');
  if (m.source.format === 'xml' && !m.source.recordPath)
    throw invalid(id, 'XML 需要 source.recordPath', 'XML needs source.recordPath');
  if (m.source.format === 'fixed' && !Array.isArray(m.source.columns)) {
    throw invalid(id, '定长格式需要 source.columns', 'fixed width needs source.columns');
  }
  if (!m.target || typeof m.target.standard !== 'string' || typeof m.target.version !== 'string') {
    throw invalid(
      id,
      '缺少 target.standard 或 target.version',
      'target.standard or target.version is missing',
    );
  }
  if (!Array.isArray(m.fields) || m.fields.length === 0)
    throw invalid(id, 'fields 不能为空', 'fields must not be empty');
  const targets = new Set<string>();
  m.fields.forEach((f, i) => {
    if (typeof f.target !== 'string' || !/^[A-Za-z_][\w]*(\.(\d+|[A-Za-z_]\w*))*$/.test(f.target)) {
      throw invalid(id, `fields[${i}].target 不是有效路径`, `fields[${i}].target is not a valid path`);
    }
    if (targets.has(f.target)) throw invalid(id, `字段 ${f.target} 重复`, `field ${f.target} appears twice`);
    targets.add(f.target);
    if (f.from === undefined && f.const === undefined && f.default === undefined && f.each === undefined) {
      throw invalid(
        id,
        `字段 ${f.target} 需要 from、const 或 default`,
        `field ${f.target} needs from, const or default`,
      );
    }
  });
  if (
    m.recordId &&
    (!Array.isArray(m.recordId.keys) || m.recordId.keys.length === 0 || typeof m.recordId.target !== 'string')
  ) {
    throw invalid(id, 'recordId 需要 target 和 keys', 'recordId needs target and keys');
  }
  return m;
}

import { parseCsv } from '@gds/standards';
import { GdsConvertError } from './errors.js';

/** How a legacy code relates to the canonical code it maps to (SKOS-like, from the legacy code's side). */
export type Equivalence = 'equivalent' | 'wider' | 'narrower' | 'unmapped';

/** One row of a crosswalk file. */
export interface CrosswalkEntry {
  /** The legacy code as it appears in departmental data. */
  source: string;
  /** The legacy label, also accepted as input (`男` as well as `1`). */
  label: string;
  /** The canonical code, or `null` when unmapped. */
  code: string | null;
  equivalence: Equivalence;
  comment: string;
}

/** A parsed crosswalk with lookups in both directions. */
export interface Crosswalk {
  /** `<codelist>/<name>`, e.g. `sex/public-security`. */
  id: string;
  entries: readonly CrosswalkEntry[];
  /** Finds the entry for a legacy code or label. */
  lookup(value: string): CrosswalkEntry | undefined;
  /** The legacy code to write for a canonical code on export: the first equivalent entry, else any mapped one. */
  reverse(code: string): CrosswalkEntry | undefined;
}

const COLUMNS = ['source_code', 'source_label', 'code', 'equivalence', 'comment'];
const EQUIVALENCES = new Set<string>(['equivalent', 'wider', 'narrower', 'unmapped']);

/**
 * Parses a crosswalk file (`standards/crosswalks/<codelist>/<name>.csv`, UTF-8) with the columns
 * `source_code,source_label,code,equivalence,comment`. `equivalence` is `equivalent`, `wider`,
 * `narrower` (the conversion loses detail: `crosswalk.narrower` warning) or `unmapped` (no canonical
 * code: `crosswalk.unmapped` error). A malformed crosswalk is normative data gone wrong and throws.
 *
 * @example
 * ```ts
 * import { parseCrosswalk } from '@gds/convert';
 * const cw = parseCrosswalk('sex/demo', 'source_code,source_label,code,equivalence,comment\nM,男,1,equivalent,\n');
 * cw.lookup('男')?.code; // '1'
 * cw.reverse('1')?.source; // 'M'
 * ```
 */
export function parseCrosswalk(id: string, text: string): Crosswalk {
  const [header, ...rows] = parseCsv(text);
  if (!header || COLUMNS.some((c, i) => header[i] !== c)) {
    throw new GdsConvertError(
      'GDS_CONVERT_INVALID_CROSSWALK',
      `对照表 ${id} 的表头必须是 ${COLUMNS.join(',')}`,
      `crosswalk ${id}: the header must be ${COLUMNS.join(',')}`,
    );
  }
  const entries: CrosswalkEntry[] = rows.map((r, i) => {
    const [source = '', label = '', code = '', equivalence = '', comment = ''] = r;
    if (!EQUIVALENCES.has(equivalence) || (equivalence !== 'unmapped' && code === '')) {
      throw new GdsConvertError(
        'GDS_CONVERT_INVALID_CROSSWALK',
        `对照表 ${id} 第 ${i + 2} 行：equivalence 必须是 equivalent、wider、narrower 或 unmapped，且除 unmapped 外须有 code`,
        `crosswalk ${id} line ${i + 2}: equivalence must be equivalent, wider, narrower or unmapped, and code is required unless unmapped`,
      );
    }
    return {
      source,
      label,
      code: code === '' ? null : code,
      equivalence: equivalence as Equivalence,
      comment,
    };
  });
  const byValue = new Map<string, CrosswalkEntry>();
  for (const e of entries) if (!byValue.has(e.source)) byValue.set(e.source, e);
  for (const e of entries) if (e.label !== '' && !byValue.has(e.label)) byValue.set(e.label, e);
  const byCode = new Map<string, CrosswalkEntry>();
  for (const e of entries)
    if (e.code !== null && e.equivalence === 'equivalent' && !byCode.has(e.code)) byCode.set(e.code, e);
  for (const e of entries) if (e.code !== null && !byCode.has(e.code)) byCode.set(e.code, e);
  return {
    id,
    entries,
    lookup: (value) => byValue.get(value),
    reverse: (code) => byCode.get(code),
  };
}

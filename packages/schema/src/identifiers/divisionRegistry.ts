import { divisionKey } from './divisionKey.js';

/** The level of a division code. */
export type DivisionLevel = 'province' | 'prefecture' | 'county' | 'township' | 'village';

/** One division code as it stood during one period. A code reused for another division has two entries. */
export interface DivisionEntry {
  /** The significant code: 6 digits for province, prefecture and county, 9 for township, 12 for village. */
  code: string;
  name: string;
  /** First day in force, `YYYY-MM-DD`; `null` when in force since before the first edition listed. */
  validFrom: string | null;
  /** First day no longer in force, `YYYY-MM-DD`; `null` while in force. */
  validTo: string | null;
}

/** A time-aware list of division codes (GB/T 2260 and statistics division codes). */
export interface DivisionRegistry {
  /** The levels at which the list is complete: a code of such a level that it lacks does not exist. */
  readonly complete: ReadonlySet<DivisionLevel>;
  /** Every entry the list holds for a code (6 or 12 digits, any form), oldest first. */
  lookup(code: string): readonly DivisionEntry[];
  /** The entry in force on a date (`YYYY-MM-DD`), if any. */
  inForce(code: string, date: string): DivisionEntry | undefined;
  /** Number of entries. */
  readonly size: number;
  /** Every entry, grouped by code. */
  entries(): IterableIterator<DivisionEntry>;
}

/** Options of `createDivisionRegistry`. */
export interface CreateDivisionRegistryOptions {
  /** The levels at which the entries are the complete list (default: none). */
  complete?: Iterable<DivisionLevel>;
}

/**
 * Builds a time-aware division registry from entries (of any mix of levels). Entries with a code that
 * is not 6 or 12 digits are a fault of the caller and throw a `TypeError`.
 *
 * @example
 * ```ts
 * import { createDivisionRegistry } from '@gds/schema';
 * const r = createDivisionRegistry([{ code: '110103', name: '崇文区', validFrom: null, validTo: '2010-07-01' }]);
 * r.inForce('110103', '2009-01-01')?.name; // '崇文区'
 * r.inForce('110103', '2011-01-01'); // undefined
 * ```
 */
export function createDivisionRegistry(
  entries: Iterable<DivisionEntry>,
  options: CreateDivisionRegistryOptions = {},
): DivisionRegistry {
  const byKey = new Map<string, DivisionEntry[]>();
  let size = 0;
  for (const entry of entries) {
    const key = divisionKey(entry.code);
    if (key === null) {
      throw new TypeError(
        `区划代码 ${entry.code} 应为 6、9 或 12 位数字（division code ${entry.code} must have 6, 9 or 12 digits）`,
      );
    }
    const list = byKey.get(key);
    const normalised = key === entry.code ? entry : { ...entry, code: key };
    if (list) list.push(normalised);
    else byKey.set(key, [normalised]);
    size++;
  }
  for (const list of byKey.values())
    list.sort((a, b) => (a.validFrom ?? '').localeCompare(b.validFrom ?? ''));
  const complete = new Set(options.complete ?? []);
  return {
    complete,
    size,
    *entries() {
      for (const list of byKey.values()) yield* list;
    },
    lookup(code) {
      const key = divisionKey(code);
      return (key !== null && byKey.get(key)) || [];
    },
    inForce(code, date) {
      const key = divisionKey(code);
      const list = key === null ? undefined : byKey.get(key);
      return list?.find(
        (e) => (e.validFrom === null || e.validFrom <= date) && (e.validTo === null || date < e.validTo),
      );
    },
  };
}

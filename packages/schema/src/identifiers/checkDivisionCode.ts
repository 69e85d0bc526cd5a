import { dateNumber } from '../_internal/formats.js';
import { chinaDate } from './_internal/dates.js';
import { PROVINCE_PREFIXES } from './_internal/provinces.js';
import { bundledDivisions } from './bundledDivisions.js';
import { divisionKey } from './divisionKey.js';
import { divisionLevel } from './divisionLevel.js';
import type { DivisionRegistry } from './divisionRegistry.js';
import type { IdentifierFinding } from './finding.js';

/** Options of `checkDivisionCode`. */
export interface CheckDivisionCodeOptions {
  /** The list to check against; default the bundled excerpt (`bundledDivisions()`). */
  registry?: DivisionRegistry;
  /** The date the code must be in force on, `YYYY-MM-DD` (the record's date). Default: today in China. */
  date?: string;
  /** "Today" when `date` is not given. */
  now?: Date;
}

/**
 * Checks an administrative division code: 6 digits (GB/T 2260) or 12 digits (statistics division
 * code), a province-level prefix, and, when the registry knows the code, that it is in force on the
 * date (`division.not_in_force`). A code the registry does not list is `division.unknown` only at the
 * levels where the registry is complete: the bundled excerpt is complete for provinces only, a full
 * statistics list loaded with `parseDivisionList` for every level it covers.
 *
 * Identity numbers keep the address code of first registration: check them with `checkResidentId`,
 * which accepts abolished codes, not with this function.
 *
 * @example
 * ```ts
 * import { checkDivisionCode } from '@gds/schema';
 * checkDivisionCode('110105000000'); // []
 * checkDivisionCode('110103', { date: '2020-01-01' })[0]?.code; // 'division.not_in_force' (崇文区, merged in 2010)
 * ```
 */
export function checkDivisionCode(
  value: string,
  options: CheckDivisionCodeOptions = {},
): IdentifierFinding[] {
  const found = divisionFindings(
    value,
    options.registry ?? bundledDivisions(),
    options.date ?? chinaDate(options.now ?? new Date()),
  );
  return found.length === 0 ? [] : found.slice();
}

const MEMO_LIMIT = 50_000;

/**
 * Memo tables per registry and per scope (a date, or `''`), with the table last asked for kept at
 * hand: the records of a batch ask about one registry and one date again and again.
 */
function memoTables<T>(): (registry: DivisionRegistry, scope: string) => Map<string, T> {
  const all = new WeakMap<DivisionRegistry, Map<string, Map<string, T>>>();
  let lastRegistry: DivisionRegistry | undefined;
  let lastScope = '';
  let last: Map<string, T> | undefined;
  return (registry, scope) => {
    if (last && registry === lastRegistry && scope === lastScope) return last;
    let byScope = all.get(registry);
    if (!byScope) {
      byScope = new Map();
      all.set(registry, byScope);
    }
    let memo = byScope.get(scope);
    if (!memo) {
      if (byScope.size >= 64) byScope.clear();
      memo = new Map();
      byScope.set(scope, memo);
    }
    lastRegistry = registry;
    lastScope = scope;
    last = memo;
    return memo;
  };
}

const findingsMemo = memoTables<readonly IdentifierFinding[]>();
const settledMemo = memoTables<SettledDivision | null>();

/**
 * `checkDivisionCode`'s answer, memoised per registry and date and shared: callers must not modify it.
 * Records of one batch share a handful of codes and one date.
 */
export function divisionFindings(
  value: string,
  registry: DivisionRegistry,
  date: string,
): readonly IdentifierFinding[] {
  const memo = findingsMemo(registry, date);
  let found = memo.get(value);
  if (!found) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    found = check(value, registry, date);
    memo.set(value, found);
  }
  return found;
}

/** A division code's answer that no later date changes: see `settledDivision`. */
export interface SettledDivision {
  /** The day from which it holds, as the number yyyymmdd (0: every day). */
  since: number;
  findings: readonly IdentifierFinding[];
}

/**
 * `checkDivisionCode`'s answer for every date from some day on, when there is one that needs no date
 * in it: a code in force since the last start or end the registry records along its lineage (no
 * findings), or a code whose lineage has no start or end at all (malformed, unknown: the same findings
 * on every date). `null` otherwise (an abolished code, whose finding names the date). Memoised per
 * registry and shared: callers must not modify it. Lets a validator skip reading the clock.
 */
export function settledDivision(value: string, registry: DivisionRegistry): SettledDivision | null {
  const memo = settledMemo(registry, '');
  let settled = memo.get(value);
  if (settled === undefined) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    settled = settle(value, registry);
    memo.set(value, settled);
  }
  return settled;
}

function settle(value: string, registry: DivisionRegistry): SettledDivision | null {
  const key = value.length === 6 || value.length === 12 ? divisionKey(value) : null;
  let since = '';
  if (key !== null && divisionLevel(value) !== null) {
    for (const ancestor of lineage(key)) {
      for (const e of registry.lookup(ancestor)) {
        if (e.validFrom !== null && e.validFrom > since) since = e.validFrom;
        if (e.validTo !== null && e.validTo > since) since = e.validTo;
      }
    }
  }
  // From that day on nothing changes, so the answer on that day is the answer on every later day.
  const findings = check(value, registry, since || '0000-01-01');
  if (since === '') return { since: 0, findings };
  // A registry date that is no YYYY-MM-DD (a user-supplied list) cannot be compared: no settled answer.
  const day = dateNumber(since);
  return findings.length === 0 && day >= 0 ? { since: day, findings } : null;
}

function check(value: string, registry: DivisionRegistry, date: string): IdentifierFinding[] {
  const key = value.length === 6 || value.length === 12 ? divisionKey(value) : null;
  const level = divisionLevel(value);
  if (key === null || level === null) return [{ code: 'division.format', params: { value } }];
  // 83 is a residence-permit prefix, not a division.
  if (!PROVINCE_PREFIXES.has(key.slice(0, 2)) || key.startsWith('83')) {
    return [{ code: 'division.unknown', params: { code: value } }];
  }
  // The code and each of its ancestors the registry knows must be in force: a 12-digit code under an
  // abolished county is as stale as the county code itself.
  for (const ancestor of lineage(key)) {
    const entries = registry.lookup(ancestor);
    if (entries.length === 0) {
      if (registry.complete.has(divisionLevel(ancestor)!))
        return [{ code: 'division.unknown', params: { code: value } }];
      continue;
    }
    if (registry.inForce(ancestor, date)) continue;
    const nearest =
      entries.find((e) => e.validFrom !== null && date < e.validFrom) ?? entries[entries.length - 1]!;
    return [
      {
        code: 'division.not_in_force',
        params: {
          code: ancestor === key ? value : `${value} (${ancestor})`,
          name: nearest.name,
          date,
          validFrom: nearest.validFrom ?? '…',
          validTo: nearest.validTo ?? '…',
        },
      },
    ];
  }
  return [];
}

/** The significant codes from the province down to the code itself, e.g. 110000, 110100, 110105. */
function lineage(key: string): string[] {
  const out = [`${key.slice(0, 2)}0000`];
  if (key.slice(2, 4) !== '00') out.push(`${key.slice(0, 4)}00`);
  if (key.slice(4, 6) !== '00') out.push(key.slice(0, 6));
  if (key.length >= 9) out.push(key.slice(0, 9));
  if (key.length === 12) out.push(key);
  return [...new Set(out)];
}

import type { Severity } from '../catalogue/entry.js';
import { chinaDateAt } from '../identifiers/_internal/dates.js';
import type { DivisionRegistry } from '../identifiers/divisionRegistry.js';
import {
  createIssue,
  type Issue,
  type IssueCode,
  type IssuePath,
  type IssueSite,
  type Locale,
} from '../issue.js';

/** Options every validation accepts. */
export interface ValidateOptions {
  /** Message language; zh-CN by default. */
  locale?: Locale;
  /** "Today", for rules such as "birth date not in the future" and division codes in force. Default: now. */
  now?: Date;
  /**
   * How a failed GB 32100 checksum is reported: `error` (default) or `warning`, because codes issued in
   * early pilots fail the checksum and are nevertheless real.
   */
  creditCodeChecksum?: Severity;
  /**
   * The division list `x-gds-identifier: division` checks against (e.g. the full statistics list loaded
   * with `parseDivisionList`); default the bundled excerpt, complete for provinces only.
   */
  divisions?: DivisionRegistry;
}

// The latest China day the clock has shown this process (yyyymmdd and YYYY-MM-DD); never from a
// caller's `now`. Time only moves forward, so "today" is never before it.
let latestDay = 0;
let latestDayString = '';
function observe(today: string): void {
  if (today > latestDayString) {
    latestDayString = today;
    latestDay = dayNumber(today);
  }
}
let lastDayString = '';
let lastDayNumber = 0;
function dayNumber(day: string): number {
  if (day !== lastDayString) {
    lastDayString = day;
    lastDayNumber =
      Number(day.slice(0, 4)) * 10_000 + Number(day.slice(5, 7)) * 100 + Number(day.slice(8, 10));
  }
  return lastDayNumber;
}

/** The state a compiled checker threads through: collected issues and the options. */
export class CheckContext {
  /**
   * The issues found so far. Rules report paths relative to the value (or object) they are given; the
   * compiled checker puts the steps to that value in front (`under`), so a valid record builds no path.
   */
  issues: Issue[] = [];
  locale: Locale = 'zh-CN';
  creditCodeChecksum: Severity = 'error';
  divisions: DivisionRegistry | undefined;
  private today: Date | undefined;
  private fixedNow = false;
  // The clock, read once per record and only when a rule asks (NaN: not read yet).
  private time = Number.NaN;
  constructor(options: ValidateOptions = {}) {
    this.reset(options);
  }
  /**
   * Prepares the context for another record. `validate()` reuses one context per standard so that a
   * valid record allocates nothing but its result; issues found are handed over with the result.
   */
  reset(options: ValidateOptions): void {
    this.locale = options.locale ?? 'zh-CN';
    this.today = options.now;
    this.fixedNow = options.now !== undefined;
    this.time = options.now === undefined ? Number.NaN : options.now.getTime();
    this.creditCodeChecksum = options.creditCodeChecksum ?? 'error';
    this.divisions = options.divisions;
    if (this.issues.length) this.issues = [];
  }
  /**
   * Puts `steps` in front of the paths of the issues from index `from` on: a compiled checker reports
   * paths relative to the value a function checks, and the caller adds where that value sits.
   */
  under(from: number, steps: IssuePath): void {
    const issues = this.issues;
    const n = steps.length;
    for (let i = from; i < issues.length; i++) {
      const issue = issues[i]!;
      const rest = issue.path;
      // A copy loop: spreading is several times slower on these short arrays.
      const path: (string | number)[] = new Array(n + rest.length);
      for (let j = 0; j < n; j++) path[j] = steps[j]!;
      for (let j = 0; j < rest.length; j++) path[n + j] = rest[j]!;
      issue.path = path;
    }
  }
  /** "Today": the `now` option, or the clock, read once when a rule first asks. */
  get now(): Date {
    if (this.today === undefined) this.today = new Date(this.tick());
    return this.today;
  }
  /** "Today" in China as `YYYY-MM-DD` (see `chinaDate`). */
  get todayInChina(): string {
    const today = chinaDateAt(this.tick());
    if (!this.fixedNow) observe(today);
    return today;
  }
  private tick(): number {
    if (Number.isNaN(this.time)) this.time = Date.now();
    return this.time;
  }
  /**
   * Whether a date, given as the number yyyymmdd, is after today in China. The clock is read only when
   * the date is not before the latest day this process has seen, since time only moves forward: a batch
   * of birth dates costs no clock reading at all.
   */
  isFuture(yyyymmdd: number): boolean {
    if (!this.fixedNow && yyyymmdd < latestDay) return false;
    return yyyymmdd > dayNumber(this.todayInChina);
  }
  /** Whether today in China is on or after a day (the number yyyymmdd, or 0 for the beginning of time). */
  reached(yyyymmdd: number): boolean {
    if (!this.fixedNow && yyyymmdd <= latestDay) return true;
    return yyyymmdd <= dayNumber(this.todayInChina);
  }
  /** Reports the issue of a compiled checker's `site` at `path` (with `params` when they vary). */
  report(site: IssueSite, path: IssuePath, params?: Readonly<Record<string, unknown>>): void {
    this.issues.push(site.issue(path, this.locale, params));
  }
  add(
    code: IssueCode,
    path: IssuePath,
    params?: Readonly<Record<string, unknown>>,
    severity?: Severity,
  ): void {
    this.issues.push(createIssue(code, path, params, this.locale, severity));
  }
}

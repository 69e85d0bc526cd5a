import type { Severity } from '../catalogue/entry.js';
import type { DivisionRegistry } from '../identifiers/divisionRegistry.js';
import { createIssue, type Issue, type IssueCode, type IssuePath, type Locale } from '../issue.js';

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

// Validating a batch asks for "today" once per record: one Date per millisecond is enough.
let lastTick = Number.NaN;
let lastDate = new Date(0);
function clock(): Date {
  const tick = Date.now();
  if (tick !== lastTick) {
    lastTick = tick;
    lastDate = new Date(tick);
  }
  return lastDate;
}

/** The state a compiled checker threads through: collected issues and the options. */
export class CheckContext {
  issues: Issue[] = [];
  locale: Locale = 'zh-CN';
  creditCodeChecksum: Severity = 'error';
  divisions: DivisionRegistry | undefined;
  private today: Date | undefined;
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
    this.creditCodeChecksum = options.creditCodeChecksum ?? 'error';
    this.divisions = options.divisions;
    if (this.issues.length) this.issues = [];
  }
  /** "Today": the `now` option, or the clock, read once when a rule first asks. */
  get now(): Date {
    if (this.today === undefined) this.today = clock();
    return this.today;
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

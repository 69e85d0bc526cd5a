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

/** The state a compiled checker threads through: collected issues and the options. */
export class CheckContext {
  readonly issues: Issue[] = [];
  readonly locale: Locale;
  readonly now: Date;
  readonly creditCodeChecksum: Severity;
  readonly divisions: DivisionRegistry | undefined;
  constructor(options: ValidateOptions = {}) {
    this.locale = options.locale ?? 'zh-CN';
    this.now = options.now ?? new Date();
    this.creditCodeChecksum = options.creditCodeChecksum ?? 'error';
    this.divisions = options.divisions;
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

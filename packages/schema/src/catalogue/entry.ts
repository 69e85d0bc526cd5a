/** Whether an issue makes a record invalid (`error`) or only deserves attention (`warning`). */
export type Severity = 'error' | 'warning';

/** One entry of the issue catalogue: its default severity and its message templates. */
export interface CatalogueEntry {
  severity: Severity;
  /** zh-CN message; `{name}` is replaced by the issue's `params.name`. */
  zh: string;
  /** English message, same placeholders. */
  en: string;
}

export type CatalogueEntries = Record<string, CatalogueEntry>;

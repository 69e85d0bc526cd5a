import type { CatalogueEntries } from './entry.js';

/** Issues raised by code list bindings (`x-gds-codelist`). */
export const codelistIssues = {
  'codelist.unknown_code': {
    severity: 'error',
    zh: '代码 {code} 不在代码表 {list} 中',
    en: 'Code {code} is not in code list {list}',
  },
  'codelist.unlisted_code': {
    severity: 'warning',
    zh: '代码 {code} 不在开放代码表 {list} 中，请确认',
    en: 'Code {code} is not in the open code list {list}; please confirm it',
  },
  'codelist.deprecated_code': {
    severity: 'warning',
    zh: '代码 {code} 在代码表 {list} 中已停用',
    en: 'Code {code} is deprecated in code list {list}',
  },
} as const satisfies CatalogueEntries;

import { readCodeList } from '@gds/standards/fs';
import { defaultClientConditions, defineConfig, type Plugin } from 'vite';

/** The code lists whose labels the form's selects show; `src/main.ts` checks it gets every one it asks for. */
export const FORM_CODE_LISTS = ['identity-document-type', 'sex', 'ethnicity', 'population-kind'] as const;

const VIRTUAL_ID = 'virtual:gds-codelists';

/**
 * Serves `virtual:gds-codelists`: the zh/en labels of the form's code lists, read once at build time with
 * `@gds/standards/fs`, so the page ships a few hundred bytes of labels instead of the CSV files and a parser.
 * Deprecated codes are left out: a new record should not use them (the validator still warns if one does).
 */
function codeListLabels(): Plugin {
  return {
    name: 'gds-codelist-labels',
    resolveId(id) {
      return id === VIRTUAL_ID ? `\0${VIRTUAL_ID}` : undefined;
    },
    load(id) {
      if (id !== `\0${VIRTUAL_ID}`) return undefined;
      const lists = Object.fromEntries(
        FORM_CODE_LISTS.map((list) => [
          list,
          readCodeList(list)
            .entries.filter((e) => !e.deprecated)
            .map((e) => ({ code: e.code, zh: e.zh, en: e.en })),
        ]),
      );
      return `export default ${JSON.stringify(lists)};`;
    },
  };
}

// `npm run dev` and the test build (`--mode source`) read @gds/schema's TypeScript sources through the
// `@gds/source` condition, so an edit there shows at once; the production build resolves the package like
// any user's bundler would, through its exports map to dist/.
export default defineConfig(({ command, mode }) => ({
  root: import.meta.dirname,
  base: './',
  plugins: [codeListLabels()],
  resolve:
    command === 'serve' || mode === 'source'
      ? { conditions: ['@gds/source', ...defaultClientConditions] }
      : {},
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
}));

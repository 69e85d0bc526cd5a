import { listCodeLists, readCodeList } from '@gds/standards/fs';
import { type Command, defineCommand, UsageError } from '../_internal/command.js';

/** `gds codelist list|show`: the shipped code tables. */
export const codelistCommands: Command[] = [
  defineCommand({
    name: 'codelist list',
    summary: { zh: '列出随附的代码表', en: 'list the shipped code lists' },
    synopsis: '[options]',
    formats: ['text', 'json'],
    async run(ctx, { format }) {
      const rows = listCodeLists().map((id) => {
        const list = readCodeList(id);
        return {
          id,
          codes: list.entries.length,
          source: [...new Set(list.entries.map((e) => e.source))].join('; '),
        };
      });
      if (format === 'json') ctx.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      else {
        const width = Math.max(...rows.map((r) => r.id.length));
        for (const r of rows)
          ctx.stdout.write(`${r.id.padEnd(width)}  ${String(r.codes).padStart(5)}  ${r.source}\n`);
      }
      return 0;
    },
  }),
  defineCommand({
    name: 'codelist show',
    summary: { zh: '显示一个代码表', en: 'show one code list' },
    synopsis: '<id> [options]',
    positionals: 1,
    formats: ['text', 'json'],
    examples: ['gds codelist show ethnicity', 'gds codelist show sex --format json'],
    async run(ctx, { positionals, format, locale }) {
      const [id] = positionals;
      if (!id) throw new UsageError('缺少代码表标识', 'missing the code list id, e.g. gds codelist show sex');
      if (!listCodeLists().includes(id)) {
        throw new UsageError(`未知代码表 ${id}`, `unknown code list ${id}; run gds codelist list`);
      }
      const list = readCodeList(id);
      if (format === 'json') {
        ctx.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
        return 0;
      }
      const en = locale === 'en';
      const width = Math.max(4, ...list.entries.map((e) => e.code.length));
      ctx.stdout.write(`${id} (${list.entries.length})\n`);
      for (const e of list.entries) {
        const extra = Object.entries(e.extra)
          .filter(([, v]) => v !== '')
          .map(([k, v]) => `${k}=${v}`)
          .join(' ');
        // English mode leaves the Chinese label out: it is data, but the English one says the same.
        ctx.stdout.write(
          `${e.code.padEnd(width)}  ${en ? e.en : `${e.zh}  ${e.en}`}${e.deprecated ? (en ? '  [deprecated]' : '  [停用 deprecated]') : ''}${extra ? `  ${extra}` : ''}\n`,
        );
      }
      return 0;
    },
  }),
];

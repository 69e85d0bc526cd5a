import { parseArgs } from 'node:util';
import { listCodeLists, readCodeList } from '@gds/standards/fs';
import { type Command, UsageError } from '../_internal/command.js';

function args(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { format: { type: 'string', short: 'f' } },
    });
  } catch (error) {
    throw new UsageError('参数错误', (error as Error).message, { cause: error });
  }
}

function format(value: string | undefined): 'text' | 'json' {
  const f = value ?? 'text';
  if (f !== 'text' && f !== 'json')
    throw new UsageError(`未知输出格式 ${f}`, `unknown --format ${f} (text or json)`);
  return f;
}

/** `gds codelist list|show`: the shipped code tables. */
export const codelistCommands: Command[] = [
  {
    name: 'codelist list',
    summary: { zh: '列出随附的代码表', en: 'list the shipped code lists' },
    usage: '用法（usage）: gds codelist list [--format text|json]',
    async run(ctx) {
      const { values } = args(ctx.argv);
      const ids = listCodeLists();
      const rows = ids.map((id) => {
        const list = readCodeList(id);
        return {
          id,
          codes: list.entries.length,
          source: [...new Set(list.entries.map((e) => e.source))].join('; '),
        };
      });
      if (format(values.format) === 'json') ctx.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      else {
        const width = Math.max(...rows.map((r) => r.id.length));
        for (const r of rows)
          ctx.stdout.write(`${r.id.padEnd(width)}  ${String(r.codes).padStart(5)}  ${r.source}\n`);
      }
      return 0;
    },
  },
  {
    name: 'codelist show',
    summary: { zh: '显示一个代码表', en: 'show one code list' },
    usage:
      '用法（usage）: gds codelist show <id> [--format text|json]\n  例（e.g.）: gds codelist show ethnicity',
    async run(ctx) {
      const { values, positionals } = args(ctx.argv);
      const [id] = positionals;
      if (!id) throw new UsageError('缺少代码表标识', 'missing the code list id, e.g. gds codelist show sex');
      if (!listCodeLists().includes(id)) {
        throw new UsageError(`未知代码表 ${id}`, `unknown code list ${id}; run gds codelist list`);
      }
      const list = readCodeList(id);
      if (format(values.format) === 'json') {
        ctx.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
        return 0;
      }
      const width = Math.max(4, ...list.entries.map((e) => e.code.length));
      ctx.stdout.write(`${id} (${list.entries.length})\n`);
      for (const e of list.entries) {
        const extra = Object.entries(e.extra)
          .filter(([, v]) => v !== '')
          .map(([k, v]) => `${k}=${v}`)
          .join(' ');
        ctx.stdout.write(
          `${e.code.padEnd(width)}  ${e.zh}  ${e.en}${e.deprecated ? '  [停用 deprecated]' : ''}${extra ? `  ${extra}` : ''}\n`,
        );
      }
      return 0;
    },
  },
];
